// Exact search for cell counts: a bounded flow answers "do these quotas fit the supply?",
// and when difficulty rules do not nest as a flow, a seeded depth-first search over each
// section's counts per level (the plan) chooses them first, pruned by the same flow.
import { BoundedFlow } from './flow.js';
import { cellIndex, LEVEL_COUNT, needsPlan, type CellCounts, type DifficultySpec, type Model } from './model.js';
import type { Rng } from './prng.js';

const INF = 1 << 29;

/** Per section, counts per level (index level-1); null rows are not fixed yet. */
export type Plan = (Int32Array | null)[];

export interface Bounded {
  lower: CellCounts;
  cap: CellCounts;
}

/**
 * Cell counts meeting every rule with lower[s][c] <= x <= cap[s][c], or null when none exist.
 * `rng` orders the edges so equal choices are taken at random, not by position.
 */
export function solveFlow(model: Model, b: Bounded, plan: Plan | null, rng: Rng): CellCounts | null {
  const T = model.topicCount;
  const f = new BoundedFlow();
  const src = f.addNode();
  const sink = f.addNode();
  const edges: (() => void)[] = [];
  const cellEdges: { s: number; c: number; e: number }[] = [];
  const paperTopic = model.topics;
  const topicNodes = paperTopic ? paperTopic.map(() => f.addNode()) : null;
  if (topicNodes && paperTopic) topicNodes.forEach((n, t) => edges.push(() => f.addEdge(src, n, paperTopic[t]![0], paperTopic[t]![1])));
  const paperGroups = !plan && model.difficulty?.kind === 'groups' ? model.difficulty.groups : null;
  const paperGroupNodes = paperGroups?.map(() => f.addNode()) ?? null;
  if (paperGroups && paperGroupNodes) paperGroupNodes.forEach((n, g) => edges.push(() => f.addEdge(n, sink, paperGroups[g]!.lo, paperGroups[g]!.hi)));

  model.sections.forEach((sec, s) => {
    const row = plan?.[s] ?? null;
    const left = topicNodes ? null : f.addNode();
    if (left !== null) edges.push(() => f.addEdge(src, left, sec.count, sec.count));
    const levelNodes = Array.from({ length: LEVEL_COUNT }, () => f.addNode());
    // Right side: exact plan row, or section groups then the section total, or paper groups.
    if (row) {
      levelNodes.forEach((n, d) => edges.push(() => f.addEdge(n, sink, row[d]!, row[d]!)));
    } else if (paperGroups && paperGroupNodes) {
      levelNodes.forEach((n, d) => {
        const g = paperGroups.findIndex((gr) => gr.levels.includes(d + 1));
        if (g >= 0) edges.push(() => f.addEdge(n, paperGroupNodes[g]!, 0, INF));
      });
    } else {
      const total = f.addNode();
      edges.push(() => f.addEdge(total, sink, sec.count, sec.count));
      const groups = plan ? null : sec.difficulty?.kind === 'groups' ? sec.difficulty.groups : null;
      if (groups) {
        groups.forEach((gr) => {
          const gn = f.addNode();
          edges.push(() => f.addEdge(gn, total, gr.lo, gr.hi));
          gr.levels.forEach((d) => edges.push(() => f.addEdge(levelNodes[d - 1]!, gn, 0, INF)));
        });
      } else {
        levelNodes.forEach((n) => edges.push(() => f.addEdge(n, total, 0, INF)));
      }
    }
    const lower = b.lower[s]!;
    const cap = b.cap[s]!;
    for (let t = 0; t < T; t++) {
      const tb = sec.topics?.[t];
      const quotas = sec.cells.filter((q) => q.topic === t);
      let capSum = 0;
      for (let d = 1; d <= LEVEL_COUNT; d++) capSum += cap[cellIndex(t, d)]!;
      if (capSum === 0 && (!tb || tb[0] === 0) && quotas.every((q) => q.count === 0)) {
        if (paperTopic && paperTopic[t]![0] > 0) {
          // Nothing to route; the paper-level lower bound will fail on its own.
        }
        continue;
      }
      const st = f.addNode();
      const from = topicNodes ? topicNodes[t]! : left!;
      edges.push(() => f.addEdge(from, st, tb ? tb[0] : 0, tb ? tb[1] : INF));
      const via = new Map<number, number>();
      for (const q of quotas) {
        const qn = f.addNode();
        edges.push(() => f.addEdge(st, qn, q.count, q.count));
        q.levels.forEach((d) => via.set(d, qn));
      }
      for (let d = 1; d <= LEVEL_COUNT; d++) {
        const c = cellIndex(t, d);
        const lo = lower[c]!;
        const hi = cap[c]!;
        if (hi === 0) continue;
        const origin = via.get(d) ?? st;
        edges.push(() => cellEdges.push({ s, c, e: f.addEdge(origin, levelNodes[d - 1]!, lo, hi) }));
      }
    }
  });
  // Shuffled insertion randomises adjacency order, so ties go to random topics and levels.
  rng.shuffle(edges).forEach((add) => add());
  if (!f.solve(src, sink)) return null;
  const x = model.sections.map(() => new Int32Array(T * LEVEL_COUNT));
  for (const { s, c, e } of cellEdges) x[s]![c] = f.flowOn(e);
  return x;
}

export interface SolveResult {
  counts: CellCounts | null;
  plan: Plan | null;
  /** True when the plan search gave up before trying everything. */
  exhausted: boolean;
}

/**
 * Cell counts for the whole paper, choosing a difficulty plan first when the rules need one.
 * The plan search restarts with a new random order and twice the budget when it runs into a
 * long dead end (depth-first search has heavy tails; restarts cut them), up to `budget` flow
 * checks in all; only then is the answer `exhausted` instead of a definite yes or no.
 */
export function solveCounts(model: Model, b: Bounded, rng: Rng, budget = 60_000): SolveResult {
  if (!needsPlan(model)) return { counts: solveFlow(model, b, null, rng), plan: null, exhausted: false };
  let spent = 0;
  for (let round = 250; ; round *= 2) {
    const step = Math.min(round, budget - spent);
    const result = searchPlan(model, b, rng, step);
    spent += step;
    if (!result.exhausted || spent >= budget) return result;
  }
}

interface LinearRule {
  /** Coefficient per variable (s * LEVEL_COUNT + d - 1); 0 when not involved. */
  coef: Float64Array;
  /** Sections the rule involves. */
  rows: boolean[];
  lo: number;
  hi: number;
}

function planRules(model: Model): LinearRule[] {
  const S = model.sections.length;
  const V = S * LEVEL_COUNT;
  const rules: LinearRule[] = [];
  const add = (sections: number[], spec: DifficultySpec) => {
    if (spec.kind === 'mean') {
      const coef = new Float64Array(V);
      sections.forEach((s) => {
        for (let d = 1; d <= LEVEL_COUNT; d++) coef[s * LEVEL_COUNT + d - 1] = d;
      });
      rules.push({ coef, rows: rowsOf(sections), lo: spec.lo, hi: spec.hi });
      return;
    }
    for (const g of spec.groups) {
      const coef = new Float64Array(V);
      sections.forEach((s) => g.levels.forEach((d) => (coef[s * LEVEL_COUNT + d - 1] = 1)));
      rules.push({ coef, rows: rowsOf(sections), lo: g.lo, hi: g.hi });
    }
  };
  const rowsOf = (sections: number[]) => model.sections.map((_, s) => sections.includes(s));
  model.sections.forEach((sec, s) => {
    const coef = new Float64Array(V);
    for (let d = 1; d <= LEVEL_COUNT; d++) coef[s * LEVEL_COUNT + d - 1] = 1;
    rules.push({ coef, rows: rowsOf([s]), lo: sec.count, hi: sec.count });
    if (sec.difficulty) add([s], sec.difficulty);
  });
  if (model.difficulty) add(model.sections.map((_, s) => s), model.difficulty);
  return rules;
}

/** Level counts of each section if its questions were drawn at random with no difficulty rule. */
function preferredRows(model: Model, b: Bounded, rng: Rng): Int32Array {
  const T = model.topicCount;
  const out = new Int32Array(model.sections.length * LEVEL_COUNT);
  model.sections.forEach((sec, s) => {
    const left = new Array<number>(LEVEL_COUNT).fill(0);
    for (let t = 0; t < T; t++) for (let d = 1; d <= LEVEL_COUNT; d++) left[d - 1]! += b.cap[s]![cellIndex(t, d)]!;
    let total = left.reduce((a, c) => a + c, 0);
    for (let k = 0; k < sec.count && total > 0; k++) {
      let r = rng.int(total);
      let d = 0;
      while (r >= left[d]!) r -= left[d++]!;
      left[d]!--;
      total--;
      out[s * LEVEL_COUNT + d]!++;
    }
  });
  return out;
}

/** Per section and level: how many questions the bounds allow, at least and at most. */
interface LevelBox {
  lo: Int32Array;
  hi: Int32Array;
}

function levelBox(model: Model, b: Bounded): LevelBox {
  const S = model.sections.length;
  const T = model.topicCount;
  const lo = new Int32Array(S * LEVEL_COUNT);
  const hi = new Int32Array(S * LEVEL_COUNT);
  for (let s = 0; s < S; s++) {
    for (let d = 1; d <= LEVEL_COUNT; d++) {
      let least = 0;
      let most = 0;
      for (let t = 0; t < T; t++) {
        least += b.lower[s]![cellIndex(t, d)]!;
        most += b.cap[s]![cellIndex(t, d)]!;
      }
      lo[s * LEVEL_COUNT + d - 1] = least;
      hi[s * LEVEL_COUNT + d - 1] = Math.min(most, model.sections[s]!.count);
    }
  }
  return { lo, hi };
}

/**
 * The bounds of rule `r` over section row `s` given the variables before `assigned` (values in
 * `value`): the unassigned levels must still add up to the row's `count`, so the reach is a
 * greedy fill (highest or lowest coefficients first) within each level's box. Exact per row, so
 * hopeless means fail early; null when the row cannot add up at all.
 */
function rowReach(r: LinearRule, row: { s: number; count: number }, assigned: number, value: Int32Array, box: LevelBox): [number, number] | null {
  let fixed = 0;
  let left = row.count;
  const free: number[] = [];
  for (let d = 0; d < LEVEL_COUNT; d++) {
    const v = row.s * LEVEL_COUNT + d;
    if (v < assigned) {
      fixed += r.coef[v]! * value[v]!;
      left -= value[v]!;
    } else {
      free.push(v);
      fixed += r.coef[v]! * box.lo[v]!;
      left -= box.lo[v]!;
    }
  }
  if (left < 0) return null;
  const room = free.reduce((n, v) => n + box.hi[v]! - box.lo[v]!, 0);
  if (room < left) return null;
  const fill = (order: number[]) => {
    let rest = left;
    let sum = 0;
    for (const v of order) {
      const k = Math.min(rest, box.hi[v]! - box.lo[v]!);
      sum += k * r.coef[v]!;
      rest -= k;
    }
    return sum;
  };
  const byCoef = free.slice().sort((a, b) => r.coef[a]! - r.coef[b]!);
  return [fixed + fill(byCoef), fixed + fill(byCoef.slice().reverse())];
}

/** Whether every rule can still hold with the variables before `assigned` fixed. */
function rulesFit(rules: readonly LinearRule[], counts: readonly number[], assigned: number, value: Int32Array, box: LevelBox): boolean {
  for (const r of rules) {
    let min = 0;
    let max = 0;
    for (let s = 0; s < counts.length; s++) {
      if (!r.rows[s]) continue;
      const reach = rowReach(r, { s, count: counts[s]! }, assigned, value, box);
      if (!reach) return false;
      min += reach[0];
      max += reach[1];
    }
    if (min > r.hi + 1e-9 || max < r.lo - 1e-9) return false;
  }
  return true;
}

function searchPlan(model: Model, b: Bounded, rng: Rng, budget: number): SolveResult {
  const S = model.sections.length;
  const V = S * LEVEL_COUNT;
  const box = levelBox(model, b);
  const rules = planRules(model);
  const counts = model.sections.map((sec) => sec.count);
  const value = new Int32Array(V);
  const preferred = preferredRows(model, b, rng);
  let calls = 0;
  let exhausted = false;
  const fits = (assigned: number) => rulesFit(rules, counts, assigned, value, box);
  const planOf = (rows: number): Plan => Array.from({ length: S }, (_, s) => (s < rows ? value.slice(s * LEVEL_COUNT, (s + 1) * LEVEL_COUNT) : null));
  let found: CellCounts | null = null;
  let foundPlan: Plan | null = null;
  const visit = (v: number): boolean => {
    if (v % LEVEL_COUNT === 0 && v > 0) {
      if (++calls > budget) {
        exhausted = true;
        return true;
      }
      const plan = planOf(v / LEVEL_COUNT);
      const x = solveFlow(model, b, plan, rng);
      if (!x) return false;
      if (v === V) {
        found = x;
        foundPlan = plan;
        return true;
      }
    }
    // Values nearest a random draw's level counts first, so the plan looks like what drawing
    // without a difficulty rule would give, and is random where the rules leave room.
    const values: number[] = [];
    for (let k = box.lo[v]!; k <= box.hi[v]!; k++) values.push(k);
    rng.shuffle(values).sort((a, b) => Math.abs(a - preferred[v]!) - Math.abs(b - preferred[v]!));
    for (const k of values) {
      value[v] = k;
      if (!fits(v + 1)) continue;
      if (visit(v + 1)) return true;
    }
    return false;
  };
  // The relaxation with no row fixed catches most impossible blueprints at once.
  const root = solveFlow(model, b, planOf(0), rng);
  if (root && fits(0)) visit(0);
  return { counts: found, plan: foundPlan, exhausted };
}
