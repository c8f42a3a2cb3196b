// Why a blueprint cannot be met, in words a trainer can act on: the section, the rule, and what
// the bank actually holds (with ids). Checked from the simplest cause to the combined one.
import type { Question } from '../bank/schema.js';
import type { Blueprint } from './blueprint.js';
import { cellIndex, LEVEL_COUNT, type Bounds, type DifficultySpec, type Model } from './model.js';
import { createRng } from './prng.js';
import { solveCounts } from './solve.js';
import type { AssembleProblem } from './types.js';

export interface DiagnoseInput {
  bp: Blueprint;
  model: Model;
  topics: readonly string[];
  topicNames: ReadonlyMap<string, string>;
  /** Per section, per cell: eligible question indices. */
  cells: number[][][];
  questions: readonly Question[];
}

export function idList(ids: readonly string[], max = 10): string {
  if (!ids.length) return '';
  const shown = ids.slice(0, max).join(', ');
  return ` (ids: ${shown}${ids.length > max ? `, … and ${ids.length - max} more` : ''})`;
}

function levelRange(levels: readonly number[]): string {
  return levels.length > 1 ? `${levels[0]}-${levels.at(-1)}` : String(levels[0]);
}

export function diagnose(input: DiagnoseInput): AssembleProblem[] {
  const { bp, model, topics, topicNames, cells, questions } = input;
  const problems: AssembleProblem[] = [];
  const who = (s: number) => `section ${s + 1} (${bp.sections[s]!.type})`;
  const topicLabel = (t: number) => topicNames.get(topics[t]!) ?? topics[t]!;
  const ids = (list: number[]) => list.map((q) => questions[q]!.id).sort();
  const pick = (s: number, topic: number | null, levels: readonly number[] | null) => {
    const out: number[] = [];
    for (let t = 0; t < topics.length; t++) {
      if (topic !== null && t !== topic) continue;
      for (let d = 1; d <= LEVEL_COUNT; d++) if (!levels || levels.includes(d)) out.push(...cells[s]![cellIndex(t, d)]!);
    }
    return out;
  };
  const has = (n: number, list: number[]) => (list.length ? `the bank has ${list.length}${idList(ids(list))}` : n ? 'the bank has none' : '');

  model.sections.forEach((sec, s) => {
    const all = pick(s, null, null);
    if (all.length < sec.count) {
      problems.push({ rule: 'section-supply', path: ['sections', s, 'count'], message: `${who(s)}: needs ${sec.count} questions; ${has(sec.count, all)} eligible` });
      return;
    }
    sec.topics?.forEach(([lo], t) => {
      const list = pick(s, t, null);
      if (list.length < lo) {
        problems.push({ rule: 'topic-supply', path: ['sections', s, 'topics'], message: `${who(s)}: needs ${lo} questions on topic ${topicLabel(t)}; ${has(lo, list)}` });
      }
    });
    if (sec.difficulty) groupProblems(sec.difficulty, sec.count, (levels) => pick(s, null, levels), who(s), ['sections', s, 'difficulty']);
    sec.cells.forEach((c, j) => {
      const list = c.topic >= 0 ? pick(s, c.topic, c.levels) : [];
      if (list.length < c.count) {
        problems.push({
          rule: 'cell-supply',
          path: ['sections', s, 'cells', j],
          message: `${who(s)}: needs ${c.count} questions on topic ${c.topic >= 0 ? topicLabel(c.topic) : '?'} at difficulty ${levelRange(c.levels)}; ${has(c.count, list)}`,
        });
      }
    });
  });
  if (problems.length) return problems;

  // Paper-level rules: each section can give at most its count from what it holds.
  const paperTake = (filter: (t: number, d: number) => boolean) => {
    let most = 0;
    const list: number[] = [];
    model.sections.forEach((sec, s) => {
      const mine: number[] = [];
      for (let t = 0; t < topics.length; t++) for (let d = 1; d <= LEVEL_COUNT; d++) if (filter(t, d)) mine.push(...cells[s]![cellIndex(t, d)]!);
      most += Math.min(sec.count, mine.length);
      list.push(...mine);
    });
    return { most, list };
  };
  model.topics?.forEach(([lo], t) => {
    const { most, list } = paperTake((tt) => tt === t);
    if (most < lo) {
      problems.push({
        rule: 'topic-supply',
        path: ['topics'],
        message: `the paper: needs ${lo} questions on topic ${topicLabel(t)}; the sections can take at most ${most} from the bank${idList(ids(list))}`,
      });
    }
  });
  const total = model.sections.reduce((n, s) => n + s.count, 0);
  if (model.difficulty) {
    groupProblems(
      model.difficulty,
      total,
      (levels) => {
        const { most, list } = paperTake((_, d) => levels === null || levels.includes(d));
        return Object.assign(list.slice(0, most), { fullList: list, most });
      },
      'the paper',
      ['difficulty'],
    );
  }
  if (problems.length) return problems;

  // Each section alone, then the paper-level rules with the sections.
  const rng = createRng(0, 'diagnose');
  const bounded = (only: number | null) => ({
    lower: model.sections.map(() => new Int32Array(topics.length * LEVEL_COUNT)).filter((_, s) => only === null || s === only),
    cap: cells.map((cs) => Int32Array.from(cs, (l) => l.length)).filter((_, s) => only === null || s === only),
  });
  for (let s = 0; s < model.sections.length; s++) {
    const alone: Model = { topicCount: topics.length, sections: [model.sections[s]!], topics: null, difficulty: null };
    const result = solveCounts(alone, bounded(s), rng);
    if (!result.counts) {
      problems.push({
        rule: 'combined',
        path: ['sections', s],
        message: `${who(s)}: its ${ruleNames(model.sections[s]!)} cannot all hold at once with what the bank holds; eligible by topic x difficulty: ${supplyTable(s)}`,
      });
    }
  }
  if (problems.length) return problems;
  const paperRules = [model.topics ? `topics (${describeBounds(model.topics)})` : '', model.difficulty ? describeSpec(model.difficulty) : '']
    .filter(Boolean)
    .join(' and ');
  problems.push({
    rule: 'combined',
    path: model.difficulty ? ['difficulty'] : ['topics'],
    message: `the paper: ${paperRules || 'the rules'} cannot hold together with the sections' counts and rules; eligible by section and difficulty: ${model.sections
      .map((_, s) => `${who(s)} ${levelTable(s)}`)
      .join('; ')}`,
  });
  return problems;

  function groupProblems(
    spec: DifficultySpec,
    count: number,
    take: (levels: readonly number[] | null) => number[] & { most?: number },
    whoText: string,
    path: (string | number)[],
  ): void {
    if (spec.kind === 'groups') {
      for (const g of spec.groups) {
        const list = take(g.levels);
        const n = list.most ?? list.length;
        if (n < g.lo) {
          problems.push({
            rule: 'difficulty-supply',
            path,
            message: `${whoText}: needs ${g.lo} questions at ${g.label}; ${n ? `the bank has ${n}${idList(ids(list))}` : 'the bank has none'}`,
          });
        }
      }
      return;
    }
    // Extremes of the level sum: each section takes its easiest (or hardest) questions.
    const involved = path[0] === 'sections' ? [path[1] as number] : model.sections.map((_, s) => s);
    let least = 0;
    let most = 0;
    for (const s of involved) {
      const levels = pick(s, null, null)
        .map((q) => questions[q]!.difficulty)
        .sort((a, b) => a - b);
      const n = model.sections[s]!.count;
      least += levels.slice(0, n).reduce((a, b) => a + b, 0);
      most += levels.slice(-n).reduce((a, b) => a + b, 0);
    }
    if (least > spec.hi || most < spec.lo) {
      const reach = least > spec.hi ? `the ${count} easiest eligible questions average ${(least / count).toFixed(2)}` : `the ${count} hardest eligible questions average ${(most / count).toFixed(2)}`;
      problems.push({ rule: 'difficulty-supply', path, message: `${whoText}: ${spec.label} cannot be met; ${reach}` });
    }
  }

  function supplyTable(s: number): string {
    const parts: string[] = [];
    for (let t = 0; t < topics.length; t++) {
      const row: string[] = [];
      for (let d = 1; d <= LEVEL_COUNT; d++) {
        const n = cells[s]![cellIndex(t, d)]!.length;
        if (n) row.push(`${d}:${n}`);
      }
      if (row.length) parts.push(`${topicLabel(t)} ${row.join(' ')}`);
    }
    return parts.join('; ') || 'nothing';
  }

  function levelTable(s: number): string {
    const row: string[] = [];
    for (let d = 1; d <= LEVEL_COUNT; d++) {
      let n = 0;
      for (let t = 0; t < topics.length; t++) n += cells[s]![cellIndex(t, d)]!.length;
      row.push(`${d}:${n}`);
    }
    return row.join(' ');
  }

  function describeBounds(bounds: Bounds[]): string {
    return bounds
      .map((b, t) => (b[1] > 0 ? `${topicLabel(t)} ${b[0] === b[1] ? b[0] : `${b[0]}-${b[1]}`}` : ''))
      .filter(Boolean)
      .join(', ');
  }
}

function describeSpec(spec: DifficultySpec): string {
  if (spec.kind === 'mean') return spec.label;
  return `difficulty ${spec.groups.filter((g) => g.hi > 0).map((g) => `${g.label.replace('difficulty ', '')}: ${g.lo}`).join(', ')}`;
}

function ruleNames(sec: Model['sections'][number]): string {
  const names = [sec.topics ? 'topic rule' : '', sec.difficulty ? `difficulty rule (${describeSpec(sec.difficulty)})` : '', sec.cells.length ? 'cells' : ''].filter(Boolean);
  return names.length ? names.join(', ') : 'count';
}
