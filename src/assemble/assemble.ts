// assemble(): bank + blueprint + seed -> manifest, or the reasons it cannot be done. Pure:
// no files, no clock, one seeded generator per purpose.
import { QUESTION_TYPE_NAMES, QUESTION_TYPES, type Bank, type Question } from '../bank/schema.js';
import type { Blueprint } from './blueprint.js';
import { paperPoints } from './blueprint.js';
import { diagnose, idList } from './diagnose.js';
import { drawQuestions, type DrawHooks } from './draw.js';
import { recentlyUsed, type HistoryEntry } from './history.js';
import { bankHash, canonicalJson, MANIFEST_FORMAT, sha256, type Manifest, type ManifestQuestion, type ManifestSection, type ManifestVariant } from './manifest.js';
import { cellIndex, LEVEL_COUNT } from './model.js';
import { allowedLetters, answerAfter, balanceAnswerLetters, permuteOptions } from './options.js';
import { createRng, type Rng } from './prng.js';
import type { Candidate } from './roster.js';
import { buildModel, hasBalanced, type Supply } from './rules.js';
import type { AssembleProblem } from './types.js';

export interface AssembleOptions {
  seed: number;
  /** Number of papers; defaults to the blueprint's variants.count (a roster overrides both). */
  variants?: number;
  mode?: 'shuffle' | 'parallel';
  /** One paper per candidate, labelled with the candidate id. */
  roster?: readonly Candidate[];
  /** Usage history, oldest first; the blueprint's exposure.notInLast picks how far back. */
  history?: readonly HistoryEntry[];
  /** Written into the manifest. */
  toolVersion?: string;
  blueprintFile?: string;
}

export type AssembleResult = { manifest: Manifest } | { problems: AssembleProblem[] };

const NO_TAGS: readonly string[] = [];
const VARIANT_LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function assemble(bank: Bank, bp: Blueprint, opts: AssembleOptions): AssembleResult {
  const problems = checkAgainstBank(bank, bp, bankIndex(bank));
  if (problems.length) return { problems };

  const { topics, byId, byCell } = bankIndex(bank);
  const include = new Set(bp.include?.ids ?? []);
  const forced = [...include].map((id) => byId.get(id)!);
  const forcedSet = new Set(forced);
  const enemies = enemyMap(bp, byId, bank);

  const excludedIds = new Set(bp.exclude?.ids ?? []);
  const excludedTags = new Set(bp.exclude?.tags ?? []);
  const onlyTags = new Set(bp.include?.tags ?? []);
  const recent = bp.exposure && opts.history ? recentlyUsed(opts.history, bp.exposure.notInLast) : new Set<string>();
  const filtering = excludedIds.size + excludedTags.size + onlyTags.size + recent.size > 0;
  const eligible = (q: Question): boolean => {
    if (include.has(q.id)) return true;
    if (excludedIds.has(q.id) || recent.has(q.id)) return false;
    const tags = q.tags ?? NO_TAGS;
    if (tags.some((t) => excludedTags.has(t))) return false;
    return onlyTags.size === 0 || tags.some((t) => onlyTags.has(t));
  };

  // The bank is indexed by (type, topic, level) once; a run only filters those lists.
  const baseCells: number[][][] = bp.sections.map((sec) =>
    byCell.get(sec.type)!.map((list) => (filtering ? list.filter((i) => eligible(bank.questions[i]!)) : list)),
  );

  const count = opts.roster?.length ?? opts.variants ?? bp.variants?.count ?? 1;
  const mode = opts.mode ?? bp.variants?.mode ?? 'shuffle';
  const maxOverlap = bp.variants?.maxOverlap ?? 0;
  const draws: number[][][] = [];
  const usedBy = new Map<number, number[]>();
  for (let v = 0; v < (mode === 'parallel' ? count : 1); v++) {
    // Fresh questions first; only if they cannot fill the paper may it share up to maxOverlap
    // questions with each earlier variant.
    const fresh = v > 0 ? baseCells.map((cs) => cs.map((list) => list.filter((q) => !usedBy.has(q) || forcedSet.has(q)))) : baseCells;
    const context = { topics, forced, forcedSet, enemies, usedBy, variant: v, seed: opts.seed, bank, mode };
    let drawn = drawPaper(bp, { ...context, cells: fresh, maxOverlap: 0 });
    if ('problems' in drawn && v > 0 && maxOverlap > 0) drawn = drawPaper(bp, { ...context, cells: baseCells, maxOverlap });
    if ('problems' in drawn) {
      if (v > 0) {
        const first = drawn.problems[0]!;
        return {
          problems: [
            {
              rule: 'parallel',
              path: ['variants'],
              message: `parallel variant ${v + 1} of ${count}: after the questions of the earlier variants (max overlap ${maxOverlap}), ${first.message}`,
            },
          ],
        };
      }
      return drawn;
    }
    drawn.picked.flat().forEach((q) => usedBy.set(q, [...(usedBy.get(q) ?? []), v]));
    draws.push(drawn.picked);
  }

  const variants: ManifestVariant[] = [];
  for (let v = 0; v < count; v++) {
    const picked = draws[mode === 'parallel' ? v : 0]!;
    const candidate = opts.roster?.[v];
    variants.push(layoutVariant(bank, bp, picked, createRng(opts.seed, 'layout', v), {
      index: v,
      label: candidate ? candidate.id : count <= VARIANT_LABELS.length ? VARIANT_LABELS[v]! : `V${v + 1}`,
      candidate,
    }));
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    tool: { name: 'exampress', version: opts.toolVersion ?? '0.0.0' },
    bank: { sha256: bankHash(bank.questions), questions: bank.questions.length },
    blueprint: { file: opts.blueprintFile ?? '', sha256: sha256(canonicalJson(bp)), content: bp },
    seed: opts.seed,
    mode,
    variants,
  };
  return { manifest };
}

interface BankIndex {
  /** Topic ids in topics.yaml order, then any used by questions but not listed. */
  topics: string[];
  byId: Map<string, number>;
  /** Per type, per cell (topic x level): question indices in bank order. */
  byCell: Map<string, number[][]>;
}

const indexes = new WeakMap<readonly Question[], { length: number; index: BankIndex }>();

/** Lookups over the whole bank, built once per loaded bank (banks are not edited in place). */
function bankIndex(bank: Bank): BankIndex {
  const known = indexes.get(bank.questions);
  if (known && known.length === bank.questions.length) return known.index;
  const topics = bank.topics.map((t) => t.id);
  const seen = new Set(topics);
  const byId = new Map<string, number>();
  bank.questions.forEach((q, i) => {
    byId.set(q.id, i);
    if (!seen.has(q.topic)) {
      seen.add(q.topic);
      topics.push(q.topic);
    }
  });
  const byCell = new Map<string, number[][]>(QUESTION_TYPES.map((type) => [type, Array.from({ length: topics.length * LEVEL_COUNT }, () => [])]));
  const topicIndex = new Map(topics.map((id, t) => [id, t]));
  bank.questions.forEach((q, i) => byCell.get(q.type)?.[cellIndex(topicIndex.get(q.topic)!, q.difficulty)]!.push(i));
  const index = { topics, byId, byCell };
  indexes.set(bank.questions, { length: bank.questions.length, index });
  return index;
}

function enemyMap(bp: Blueprint, byId: ReadonlyMap<string, number>, bank: Bank): Map<number, number[]> {
  const map = new Map<number, number[]>();
  const groups = [...bp.enemies, ...bankEnemyPairs(bank, byId)];
  for (const group of groups) {
    const members = group.map((id) => byId.get(id)!);
    for (const q of members) map.set(q, [...(map.get(q) ?? []), ...members.filter((o) => o !== q)]);
  }
  return map;
}

/** The bank's own `enemies:` fields as pairs; ids the bank lacks are the linter's to report. */
function bankEnemyPairs(bank: Bank, byId: ReadonlyMap<string, number>): string[][] {
  const pairs: string[][] = [];
  for (const q of bank.questions) for (const e of q.enemies ?? []) if (e !== q.id && byId.has(e)) pairs.push([q.id, e]);
  return pairs;
}

/** Rules that name things the bank must have: topics, included ids, enemy ids. */
function checkAgainstBank(bank: Bank, bp: Blueprint, index: BankIndex): AssembleProblem[] {
  const problems: AssembleProblem[] = [];
  const topicIds = new Set(index.topics);
  const byId = { get: (id: string) => (index.byId.has(id) ? bank.questions[index.byId.get(id)!] : undefined), has: (id: string) => index.byId.has(id) };
  const known = [...topicIds].slice(0, 12).join(', ');
  const checkTopics = (rule: Blueprint['topics'], path: (string | number)[]) => {
    if (!rule || rule === 'balanced') return;
    const key = 'counts' in rule ? 'counts' : 'weights';
    for (const id of Object.keys('counts' in rule ? rule.counts : rule.weights)) {
      if (!topicIds.has(id)) problems.push({ rule: 'unknown-topic', path: [...path, key, id], message: `unknown topic ${id}; topics.yaml has ${known}` });
    }
  };
  checkTopics(bp.topics, ['topics']);
  bp.sections.forEach((s, i) => {
    checkTopics(s.topics, ['sections', i, 'topics']);
    s.cells?.forEach((c, j) => {
      if (!topicIds.has(c.topic)) problems.push({ rule: 'unknown-topic', path: ['sections', i, 'cells', j, 'topic'], message: `unknown topic ${c.topic}; topics.yaml has ${known}` });
    });
  });
  const types = new Set(bp.sections.map((s) => s.type));
  (bp.include?.ids ?? []).forEach((id, j) => {
    const q = byId.get(id);
    if (!q) problems.push({ rule: 'unknown-id', path: ['include', 'ids', j], message: `include: no question ${id} in the bank` });
    else if (!types.has(q.type)) problems.push({ rule: 'include-type', path: ['include', 'ids', j], message: `include: ${id} is a ${q.type} question and the paper has no ${q.type} section` });
  });
  bp.enemies.forEach((group, g) => {
    group.forEach((id, j) => {
      if (!byId.has(id)) problems.push({ rule: 'unknown-id', path: ['enemies', g, j], message: `enemies: no question ${id} in the bank` });
    });
    const forced = group.filter((id) => bp.include?.ids.includes(id));
    if (forced.length > 1) problems.push({ rule: 'enemies', path: ['enemies', g], message: `enemies: ${forced.join(' and ')} are both included but may not appear together` });
  });
  return problems;
}

interface DrawContext {
  topics: string[];
  cells: number[][][];
  forced: number[];
  /** Included questions: in every variant, never counted as overlap. */
  forcedSet: ReadonlySet<number>;
  enemies: Map<number, number[]>;
  usedBy: Map<number, number[]>;
  maxOverlap: number;
  variant: number;
  seed: number;
  bank: Bank;
  mode: 'shuffle' | 'parallel';
}

function drawPaper(bp: Blueprint, ctx: DrawContext): { picked: number[][] } | { problems: AssembleProblem[] } {
  const { topics, cells, bank } = ctx;
  const supply: Supply = cells.map((cs) => Int32Array.from(cs, (l) => l.length));
  const total = bp.sections.reduce((n, s) => n + s.count, 0);
  const members = new Map<number, number[]>();
  ctx.usedBy.forEach((vs, q) => vs.forEach((v) => members.set(v, [...(members.get(v) ?? []), q])));
  // Fresh hooks per attempt: a failed attempt must not leave overlap counts behind.
  const makeHooks = (): DrawHooks => {
    const overlap = new Map<number, number>();
    return {
      removalsIf: (q) => {
        const out = [...(ctx.enemies.get(q) ?? [])];
        if (ctx.maxOverlap > 0 && !ctx.forcedSet.has(q)) {
          for (const v of ctx.usedBy.get(q) ?? []) if ((overlap.get(v) ?? 0) + 1 >= ctx.maxOverlap) out.push(...members.get(v)!);
        }
        return out;
      },
      taken: (q) => {
        if (ctx.forcedSet.has(q)) return;
        for (const v of ctx.usedBy.get(q) ?? []) overlap.set(v, (overlap.get(v) ?? 0) + 1);
      },
    };
  };
  const pooled = new Set(ctx.forced.length ? cells.flat(2) : []);
  const forced = ctx.forced.filter((q) => pooled.has(q));
  const rng = ctx.mode === 'parallel' ? createRng(ctx.seed, 'select', ctx.variant) : createRng(ctx.seed, 'select');
  const attempt = (slack: number) =>
    drawQuestions(buildModel(bp, topics, supply, slack), { cells, questionCount: bank.questions.length }, forced, makeHooks(), rng);
  let outcome = attempt(0);
  if (!outcome.ok && outcome.reason === 'infeasible' && hasBalanced(bp)) {
    // "As even as the bank allows": the least widening of the balanced ranges that can be met.
    // Feasibility only grows with the slack, so check the loosest, then bisect.
    const loosest = attempt(total);
    if (loosest.ok) {
      let lo = 1;
      let hi = total;
      outcome = loosest;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        const o = attempt(mid);
        if (o.ok) {
          hi = mid;
          outcome = o;
        } else lo = mid + 1;
      }
    }
  }
  if (outcome.ok) return { picked: outcome.picked.map((list) => rng.shuffle(list)) };
  const base = buildModel(bp, topics, supply, 0);
  const topicNames = new Map(bank.topics.map((t) => [t.id, t.name]));
  if (outcome.reason === 'forced') {
    const described = forced.map((i) => {
      const q = bank.questions[i]!;
      return `${q.id} (${q.type}, topic ${topicNames.get(q.topic) ?? q.topic}, difficulty ${q.difficulty})`;
    });
    return {
      problems: [
        {
          rule: 'include',
          path: ['include', 'ids'],
          message: `include: the rules cannot hold with ${described.length > 1 ? `all of ${described.join(', ')}` : described[0] ?? 'the included questions'} in the paper`,
        },
      ],
    };
  }
  if (outcome.reason === 'enemies') {
    const q = bank.questions[outcome.question]!;
    const group = (ctx.enemies.get(outcome.question) ?? []).map((e) => bank.questions[e]!.id);
    return {
      problems: [
        {
          rule: 'enemies',
          path: ['enemies'],
          message: `section ${outcome.section + 1} (${bp.sections[outcome.section]!.type}): the enemy groups leave too few questions; ${q.id} and${idList(group).replace(' (ids:', '').replace(/\)$/, '')} may not appear together`,
        },
      ],
    };
  }
  if (outcome.reason === 'search-limit') {
    return { problems: [{ rule: 'search-limit', path: ['difficulty'], message: 'the difficulty rules could not be met within the search limit; loosen a mean tolerance or give counts per level' }] };
  }
  return { problems: diagnose({ bp, model: base, topics, topicNames, cells, questions: bank.questions }) };
}

function layoutVariant(
  bank: Bank,
  bp: Blueprint,
  picked: number[][],
  rng: Rng,
  meta: { index: number; label: string; candidate: Candidate | undefined },
): ManifestVariant {
  const sections: ManifestSection[] = bp.sections.map((sec, s) => {
    const questions = rng.shuffle(picked[s]!.slice()).map((i) => bank.questions[i]!);
    const targets = sec.type === 'single' ? balanceAnswerLetters(questions.map(allowedLetters), rng) : [];
    const items: ManifestQuestion[] = questions.map((q, k) => {
      if ((q.type === 'single' || q.type === 'multiple') && q.options && typeof q.answer === 'string') {
        const order = permuteOptions(q, rng, q.type === 'single' ? targets[k] : undefined);
        return { id: q.id, points: sec.points, order, answer: answerAfter(order, q.answer) };
      }
      return { id: q.id, points: sec.points, answer: q.answer };
    });
    return { type: sec.type, title: sec.title ?? QUESTION_TYPE_NAMES[sec.type], instruction: sec.instruction, points: sec.points, questions: items };
  });
  return {
    index: meta.index,
    label: meta.label,
    ...(meta.candidate ? { candidate: meta.candidate } : {}),
    totalPoints: paperPoints(bp.sections),
    sections,
  };
}
