// assemble(): bank + blueprint + seed -> manifest, or the reasons it cannot be done. Pure:
// no files, no clock, one seeded generator per purpose.
import { QUESTION_TYPE_NAMES, QUESTION_TYPES, type Bank, type Question } from '../bank/schema.js';
import { questionType } from '../questions/registry.js';
import type { Blueprint } from './blueprint.js';
import { paperPoints } from './blueprint.js';
import { diagnose, idList } from './diagnose.js';
import { drawQuestions, type DrawHooks } from './draw.js';
import { recentlyUsed, type HistoryEntry } from './history.js';
import { bankHash, canonicalJson, MANIFEST_FORMAT, questionHash, sha256, type Manifest, type ManifestQuestion, type ManifestSection, type ManifestVariant } from './manifest.js';
import { cellIndex, LEVEL_COUNT } from './model.js';
import { allowedLetters, answerAfter, permuteOptions, planAnswerLetters } from './options.js';
import { createRng, type Rng } from './prng.js';
import type { Candidate } from './roster.js';
import { mergeCells, ruleClasses } from './classes.js';
import { buildModel, hasBalanced, type Supply } from './rules.js';
import { solveCounts } from './solve.js';
import { questionProblems } from '../bank/lint.js';
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
  const seedProblem = checkSeed(opts.seed);
  if (seedProblem) return { problems: [seedProblem] };
  const index = bankIndex(bank);
  if (index.broken.length) return { problems: index.broken };
  const problems = checkAgainstBank(bank, bp, index);
  if (problems.length) return { problems };

  const { topics, byId, byCell } = index;
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

  // The bank is indexed by (type, topic, level) once, each cell in id order so that the order
  // of questions in the files never changes a paper; a run only filters those lists.
  const baseCells: number[][][] = bp.sections.map((sec) =>
    byCell.get(sec.type)!.map((list) => (filtering ? list.filter((i) => eligible(bank.questions[i]!)) : list)),
  );

  const count = opts.roster?.length ?? opts.variants ?? bp.variants?.count ?? 1;
  const mode = opts.mode ?? bp.variants?.mode ?? 'shuffle';
  // Questions no rule tells apart share a cell, so the draw gives them equal chances.
  const cells = mergeCells(baseCells, ruleClasses(bp), topics.length);
  const context: DrawContext = { topics, forced, forcedSet, enemies, seed: opts.seed, bank, cells, reportCells: baseCells };
  const drawn = mode === 'parallel' ? drawParallel(bp, context, count, bp.variants?.maxOverlap ?? 0) : drawPaper(bp, context, createRng(opts.seed, 'select'));
  if ('problems' in drawn) return drawn;
  const draws = 'forms' in drawn ? drawn.forms : [drawn.picked];
  // Last line of defence (the CLI's gate ran the whole linter): no key is printed from a
  // question whose answer, options or blanks are wrong, whoever calls assemble().
  const unsound = [...new Set(draws.flat(2))].flatMap((i) => {
    const q = bank.questions[i]!;
    return questionProblems(q)
      .filter((p) => p.severity === 'error')
      .map((p) => ({ rule: 'bank', message: `${p.file}:${p.line}: ${q.id}: ${p.message}; run exampress bank lint` }));
  });
  if (unsound.length) return { problems: unsound };

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
    bank: { sha256: bankHash(bank.questions, index.inIdOrder), questions: bank.questions.length },
    blueprint: { file: opts.blueprintFile ?? '', sha256: sha256(canonicalJson(bp)), content: bp },
    seed: opts.seed,
    mode,
    variants,
  };
  return { manifest };
}

/** Seeds are whole numbers 0 .. 2^53-1 (Number.MAX_SAFE_INTEGER); every bit of them counts. */
function checkSeed(seed: number): AssembleProblem | null {
  if (Number.isSafeInteger(seed) && seed >= 0) return null;
  return { rule: 'seed', path: ['seed'], message: `the seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${seed}` };
}

/** Flow checks a hopeful try (a fair share, a reuse set) may spend before the next try. */
const TRY_BUDGET = 4000;

/** New draws of a paper after one that the enemy groups left short, before giving up. */
const ENEMY_REDRAWS = 8;

/** Joint attempts at a set of parallel forms before giving up; each starts from fresh streams. */
const PARALLEL_ATTEMPTS = 8;

/**
 * Parallel forms, one variant after another: fresh questions first (each cell capped at its
 * fair share of what is left, so early forms do not starve later ones), then, if the blueprint
 * allows overlap, reusing a chosen set of earlier questions that keeps within maxOverlap of
 * every earlier form. A dead end restarts the whole set with new random streams, so one
 * unlucky early form never makes a feasible request fail.
 */
function drawParallel(bp: Blueprint, ctx: DrawContext, count: number, maxOverlap: number): { forms: number[][][] } | { problems: AssembleProblem[] } {
  let failure: { v: number; problems: AssembleProblem[] } | null = null;
  for (let attempt = 0; attempt < PARALLEL_ATTEMPTS; attempt++) {
    const forms: number[][][] = [];
    const usedBy = new Map<number, number[]>();
    let v = 0;
    for (; v < count; v++) {
      const rng = attempt === 0 ? createRng(ctx.seed, 'select', v) : createRng(ctx.seed, 'select', v, 'attempt', attempt);
      const drawn = drawForm(bp, ctx, rng, { usedBy, v, count, maxOverlap });
      if ('problems' in drawn) {
        if (!failure || v >= failure.v) failure = { v, problems: drawn.problems };
        break;
      }
      drawn.picked.flat().forEach((q) => usedBy.set(q, [...(usedBy.get(q) ?? []), v]));
      forms.push(drawn.picked);
    }
    if (v === count) return { forms };
    // The first form failing is the blueprint itself; no restart can help.
    if (failure?.v === 0) break;
  }
  const { v, problems } = failure!;
  if (v === 0) return { problems };
  const first = problems[0]!;
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

/** Which parallel form is drawn: the `v`-th of `count`, with the forms each earlier question is on and the overlap allowed with each. */
interface FormPlace {
  usedBy: ReadonlyMap<number, number[]>;
  v: number;
  count: number;
  maxOverlap: number;
}

function drawForm(bp: Blueprint, ctx: DrawContext, rng: Rng, place: FormPlace): { picked: number[][] } | { problems: AssembleProblem[] } {
  const { usedBy, v, count, maxOverlap } = place;
  if (v === 0) {
    const left = count;
    return left > 1 ? firstOk([() => drawPaper(bp, { ...ctx, cells: fairShare(ctx.cells, left, rng, ctx.forcedSet) }, rng, TRY_BUDGET), () => drawPaper(bp, ctx, rng)]) : drawPaper(bp, ctx, rng);
  }
  const isFresh = (q: number) => !usedBy.has(q) || ctx.forcedSet.has(q);
  const fresh = ctx.cells.map((cs) => cs.map((list) => list.filter(isFresh)));
  const left = count - v;
  const tries: (() => ReturnType<typeof drawPaper>)[] = [];
  if (left > 1) tries.push(() => drawPaper(bp, { ...ctx, cells: fairShare(fresh, left, rng, ctx.forcedSet) }, rng, TRY_BUDGET));
  tries.push(() => drawPaper(bp, { ...ctx, cells: fresh }, rng));
  const plain = firstOk(tries);
  if (!('problems' in plain) || maxOverlap === 0) return plain;
  for (let k = 0; k < 3; k++) {
    const reuse = reusable(bp, ctx, { fresh, place }, rng);
    const withReuse = drawPaper(bp, { ...ctx, cells: fresh.map((cs, s) => cs.map((list, c) => [...list, ...reuse[s]![c]!])) }, rng, TRY_BUDGET);
    if (!('problems' in withReuse)) return withReuse;
  }
  return plain;
}

function firstOk<T extends object>(tries: (() => T | { problems: AssembleProblem[] })[]): T | { problems: AssembleProblem[] } {
  let last: T | { problems: AssembleProblem[] } = { problems: [] };
  for (const t of tries) {
    last = t();
    if (!('problems' in last)) return last;
  }
  return last;
}

/** Each cell cut to a uniformly random ceil(1/left) of its questions: a fair share for this form. */
function fairShare(cells: number[][][], left: number, rng: Rng, forced: ReadonlySet<number>): number[][][] {
  return cells.map((cs) =>
    cs.map((list) => {
      const keep = Math.ceil(list.length / left);
      if (keep >= list.length) return list;
      const mustStay = list.filter((q) => forced.has(q));
      return [...mustStay, ...rng.shuffle(list.filter((q) => !forced.has(q))).slice(0, Math.max(0, keep - mustStay.length))];
    }),
  );
}

/**
 * Earlier questions this form may reuse: per cell, what the rules need beyond the fresh supply
 * (the least per-cell reuse that makes the counts feasible), then chosen at random so that no
 * earlier form shares more than `maxOverlap` with this one. Included questions never count.
 */
function reusable(bp: Blueprint, ctx: DrawContext, form: { fresh: number[][][]; place: FormPlace }, rng: Rng): number[][][] {
  const { fresh, place } = form;
  const { usedBy, v, maxOverlap } = place;
  const old = ctx.cells.map((cs, s) => cs.map((list, c) => {
    const mine = new Set(fresh[s]![c]!);
    return list.filter((q) => !mine.has(q));
  }));
  const supplyWith = (t: number): Supply => fresh.map((cs, s) => Int32Array.from(cs, (l, c) => l.length + Math.min(t, old[s]![c]!.length)));
  // Feasibility only grows with t: bisect for the least per-cell reuse, each probe on a small budget.
  const countsWith = (t: number) => {
    const supply = supplyWith(t);
    return solveCounts(buildModel(bp, ctx.topics, supply, 0), { lower: supply.map((row) => new Int32Array(row.length)), cap: supply }, rng, 4000).counts;
  };
  let lo = 1;
  let hi = Math.max(0, ...old.flat().map((l) => l.length));
  let counts = hi >= 1 ? countsWith(hi) : null;
  while (counts && lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const found = countsWith(mid);
    if (found) {
      hi = mid;
      counts = found;
    } else lo = mid + 1;
  }
  const room = new Int32Array(v).fill(maxOverlap);
  const out = fresh.map((cs) => cs.map(() => [] as number[]));
  const cellOrder: [number, number][] = [];
  fresh.forEach((cs, s) => cs.forEach((_, c) => cellOrder.push([s, c])));
  for (const [s, c] of rng.shuffle(cellOrder)) {
    const need = counts ? Math.max(0, counts[s]![c]! - fresh[s]![c]!.length) : 0;
    const candidates = rng.shuffle(old[s]![c]!.slice());
    for (const q of candidates) {
      if (out[s]![c]!.length >= need) break;
      const forms = usedBy.get(q) ?? [];
      if (forms.some((u) => room[u]! <= 0)) continue;
      forms.forEach((u) => room[u]!--);
      out[s]![c]!.push(q);
    }
  }
  return out;
}

interface BankIndex {
  /** Topic ids in topics.yaml order, then any used by questions but not listed (sorted). */
  topics: string[];
  byId: Map<string, number>;
  /** Per type, per cell (topic x level): question indices in id order. */
  byCell: Map<string, number[][]>;
  /** Ids used twice: a manifest naming them would be ambiguous. */
  broken: AssembleProblem[];
  /** Question indices in id order (each id once). */
  inIdOrder: number[];
}

const indexes = new WeakMap<readonly Question[], { length: number; index: BankIndex }>();

/** Lookups over the whole bank, built once per loaded bank (banks are not edited in place). */
function bankIndex(bank: Bank): BankIndex {
  const known = indexes.get(bank.questions);
  if (known && known.length === bank.questions.length) return known.index;
  const topics = bank.topics.map((t) => t.id);
  const seen = new Set(topics);
  const byId = new Map<string, number>();
  const broken: AssembleProblem[] = [];
  const extra = new Set<string>();
  bank.questions.forEach((q, i) => {
    const twin = byId.get(q.id);
    if (twin !== undefined) {
      const at = bank.questions[twin]!.loc;
      broken.push({ rule: 'bank', message: `${q.loc.file}:${q.loc.line}: id ${q.id} is also used at ${at.file}:${at.line}; run exampress bank lint` });
    } else byId.set(q.id, i);
    if (!seen.has(q.topic)) extra.add(q.topic);
  });
  topics.push(...[...extra].sort());
  const byCell = new Map<string, number[][]>(QUESTION_TYPES.map((type) => [type, Array.from({ length: topics.length * LEVEL_COUNT }, () => [])]));
  const topicIndex = new Map(topics.map((id, t) => [id, t]));
  // Native sort of the ids (UTF-16 order, as <), far quicker than a comparator on 100,000.
  const inIdOrder = [...byId.keys()].sort().map((id) => byId.get(id)!);
  for (const i of inIdOrder) {
    const q = bank.questions[i]!;
    byCell.get(q.type)?.[cellIndex(topicIndex.get(q.topic)!, q.difficulty)]!.push(i);
  }
  // Indices are compared when cells are merged and sorted: make index order id order too.
  const index = { topics, byId, byCell, broken: broken.slice(0, 50), inIdOrder };
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
  /** The cells by real topic and level, for messages about what the bank holds. */
  reportCells: number[][][];
  forced: number[];
  /** Included questions: in every variant, never counted as overlap. */
  forcedSet: ReadonlySet<number>;
  enemies: Map<number, number[]>;
  seed: number;
  bank: Bank;
}

function drawPaper(bp: Blueprint, ctx: DrawContext, rng: Rng, budget?: number): { picked: number[][] } | { problems: AssembleProblem[] } {
  const { topics, cells, bank } = ctx;
  const supply: Supply = cells.map((cs) => Int32Array.from(cs, (l) => l.length));
  const total = bp.sections.reduce((n, s) => n + s.count, 0);
  const makeHooks = (): DrawHooks => ({ removalsIf: (q) => ctx.enemies.get(q) ?? [], taken: () => {} });
  const pooled = new Set(ctx.forced.length ? cells.flat(2) : []);
  const forced = ctx.forced.filter((q) => pooled.has(q));
  const attempt = (slack: number) =>
    drawQuestions(buildModel(bp, topics, supply, slack), { cells, questionCount: bank.questions.length }, forced, makeHooks(), rng, budget);
  let slack = 0;
  let outcome = attempt(slack);
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
      slack = hi;
    }
  }
  // The count plan does not see enemy groups, so a draw can run into one that empties a cell
  // the plan counted on; a new draw from the same stream (a new plan, new picks) usually gets
  // through. A paper that succeeds at once is drawn exactly as before.
  for (let k = 0; !outcome.ok && outcome.reason === 'enemies' && k < ENEMY_REDRAWS; k++) outcome = attempt(slack);
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
    return { problems: [searchLimitProblem(bp)] };
  }
  return { problems: diagnose({ bp, model: base, topics, topicNames, cells: reportOf(ctx), questions: bank.questions }) };
}

/** The pool of this draw by real topic and level (the drawing cells may merge what no rule tells apart). */
function reportOf(ctx: DrawContext): number[][][] {
  if (ctx.cells === ctx.reportCells) return ctx.cells;
  const pooled = new Set(ctx.cells.flat(2));
  return ctx.reportCells.map((cs) => cs.map((list) => list.filter((q) => pooled.has(q))));
}

/** The rules that need a difficulty plan, named as written, for when the plan search gives up. */
function searchLimitProblem(bp: Blueprint): AssembleProblem {
  const describe = (rule: NonNullable<Blueprint['difficulty']>) =>
    'mean' in rule
      ? `mean difficulty ${rule.mean}±${rule.tolerance}`
      : 'buckets' in rule
        ? `difficulty buckets (${Object.entries(rule.buckets).map(([k, n]) => `${k} ${n}`).join(', ')})`
        : `difficulty counts (${Object.entries(rule.counts).map(([k, n]) => `${k}: ${n}`).join(', ')})`;
  const parts: string[] = [];
  if (bp.difficulty) parts.push(`the paper's ${describe(bp.difficulty)}`);
  bp.sections.forEach((sec, i) => {
    if (sec.difficulty) parts.push(`section ${i + 1}'s ${describe(sec.difficulty)}`);
  });
  if (bp.topics) parts.push(`the paper's topic rule (${typeof bp.topics === 'string' ? bp.topics : Object.keys(bp.topics)[0]})`);
  const path = bp.difficulty ? ['difficulty'] : ['sections', Math.max(0, bp.sections.findIndex((s) => s.difficulty))];
  return {
    rule: 'search-limit',
    path,
    message: `no paper found within the search limit for ${parts.join(' together with ')} and the section counts (the bank meets each rule on its own); give each section its own difficulty rule, or loosen one of these`,
  };
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
    const { shuffle } = questionType(sec.type);
    const plan = shuffle.balanceLetters ? planAnswerLetters(questions.map(allowedLetters), questions.map((q) => q.options?.length ?? 0), rng) : { letters: [] };
    const items: ManifestQuestion[] = questions.map((q, k) => {
      const hash = questionHash(q);
      if (shuffle.options && q.options && typeof q.answer === 'string') {
        const order = permuteOptions(q, rng, shuffle.balanceLetters ? plan.letters[k] : undefined);
        return { id: q.id, hash, points: sec.points, order, answer: answerAfter(order, q.answer) };
      }
      return { id: q.id, hash, points: sec.points, answer: q.answer };
    });
    return {
      type: sec.type,
      title: sec.title ?? QUESTION_TYPE_NAMES[sec.type],
      instruction: sec.instruction,
      points: sec.points,
      ...(plan.note !== undefined ? { letterBalance: plan.note } : {}),
      questions: items,
    };
  });
  return {
    index: meta.index,
    label: meta.label,
    ...(meta.candidate ? { candidate: meta.candidate } : {}),
    totalPoints: paperPoints(bp.sections),
    sections,
  };
}
