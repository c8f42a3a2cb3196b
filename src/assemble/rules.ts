// From blueprint rules to solver bounds: topic rules become per-topic ranges (counts, largest
// remainder for weights, water-filling for `balanced`), difficulty rules become level groups.
import { apportionLargestRemainder, balancedBounds } from './apportion.js';
import { BUCKETS, levelsOf, type Blueprint, type DifficultyRule, type TopicRule } from './blueprint.js';
import { cellIndex, LEVEL_COUNT, type Bounds, type DifficultySpec, type Model } from './model.js';

/** Eligible questions per section and cell, as counts: what the rules are measured against. */
export type Supply = Int32Array[];

export function topicSupply(supply: Supply, s: number, t: number): number {
  let n = 0;
  for (let d = 1; d <= LEVEL_COUNT; d++) n += supply[s]![cellIndex(t, d)]!;
  return n;
}

/**
 * Weights by topic id, so a tie in largest remainder goes the same way however the blueprint
 * lists its keys (the blueprint's hash ignores key order, so must the paper).
 */
export function weightsInIdOrder(weights: Record<string, number>): [string, number][] {
  return Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function topicBounds(
  rule: TopicRule,
  total: number,
  topics: readonly string[],
  caps: (t: number) => number,
  slack: number,
): Bounds[] {
  if (rule === 'balanced') {
    const capMap = new Map(topics.map((id, t) => [id, caps(t)] as const));
    const bounds = balancedBounds(total, capMap, slack);
    // Too little supply overall: ask for the even split anyway so the report names the shortfall.
    if (!bounds) return topics.map(() => [0, total] as const);
    return topics.map((id) => bounds.get(id)!);
  }
  const counts =
    'counts' in rule
      ? new Map(Object.entries(rule.counts))
      : apportionLargestRemainder(total, weightsInIdOrder(rule.weights));
  return topics.map((id) => {
    const c = counts.get(id) ?? 0;
    return [c, c] as const;
  });
}

function difficultySpec(rule: DifficultyRule, total: number): DifficultySpec {
  if ('mean' in rule) {
    const lo = Math.ceil(total * (rule.mean - rule.tolerance) - 1e-9);
    const hi = Math.floor(total * (rule.mean + rule.tolerance) + 1e-9);
    return { kind: 'mean', lo, hi, label: `mean difficulty ${rule.mean}±${rule.tolerance}` };
  }
  if ('counts' in rule) {
    const counts = rule.counts as Record<string, number | undefined>;
    return {
      kind: 'groups',
      groups: [1, 2, 3, 4, 5].map((d) => {
        const c = counts[String(d)] ?? 0;
        return { levels: [d], lo: c, hi: c, label: `difficulty ${d}` };
      }),
    };
  }
  const buckets = rule.buckets as Record<string, number | undefined>;
  return {
    kind: 'groups',
    groups: (Object.keys(BUCKETS) as (keyof typeof BUCKETS)[]).map((b) => {
      const c = buckets[b] ?? 0;
      const levels = [...BUCKETS[b]];
      return { levels, lo: c, hi: c, label: `difficulty ${b} (${levels.length > 1 ? `${levels[0]}-${levels.at(-1)}` : levels[0]})` };
    }),
  };
}

/** Whether any topic rule is `balanced`, so the spread may be widened when it cannot hold. */
export function hasBalanced(bp: Blueprint): boolean {
  return bp.topics === 'balanced' || bp.sections.some((s) => s.topics === 'balanced');
}

/** The solver's model of `bp` against `supply`; `slack` widens balanced ranges. */
export function buildModel(bp: Blueprint, topics: readonly string[], supply: Supply, slack: number): Model {
  const topicIndex = new Map(topics.map((id, t) => [id, t]));
  const total = bp.sections.reduce((n, s) => n + s.count, 0);
  return {
    topicCount: topics.length,
    sections: bp.sections.map((sec, s) => ({
      count: sec.count,
      topics: sec.topics ? topicBounds(sec.topics, sec.count, topics, (t) => topicSupply(supply, s, t), slack) : null,
      difficulty: sec.difficulty ? difficultySpec(sec.difficulty, sec.count) : null,
      cells: (sec.cells ?? []).map((c) => ({ topic: topicIndex.get(c.topic) ?? -1, levels: levelsOf(c.difficulty), count: c.count })),
    })),
    topics: bp.topics
      ? topicBounds(bp.topics, total, topics, (t) => bp.sections.reduce((n, sec, s) => n + Math.min(sec.count, topicSupply(supply, s, t)), 0), slack)
      : null,
    difficulty: bp.difficulty ? difficultySpec(bp.difficulty, total) : null,
  };
}
