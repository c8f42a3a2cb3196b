// The seeded draw: take a uniformly random question still in the pool and keep it only if
// the rules can still be met afterwards (checked by the exact solver), so every paper meets
// every rule and, where the rules leave a choice, each eligible question is equally likely.
import { cellIndex, LEVEL_COUNT, type CellCounts, type Model } from './model.js';
import type { Rng } from './prng.js';
import { solveCounts, solveFlow, type Plan } from './solve.js';

export interface DrawPool {
  /** Per section, per cell: indices of the questions that may be drawn. */
  cells: number[][][];
  /** Size of the bank the indices point into. */
  questionCount: number;
}

export interface DrawHooks {
  /** Questions that must leave the pool if `q` is taken (enemies, used-up overlap). */
  removalsIf(q: number): number[];
  /** Called once `q` is taken. */
  taken(q: number): void;
}

export type DrawOutcome =
  | { ok: true; picked: number[][] }
  | { ok: false; reason: 'infeasible' | 'search-limit' }
  | { ok: false; reason: 'forced'; question: number }
  | { ok: false; reason: 'enemies'; question: number; section: number };

/** `budget`: flow checks the difficulty-plan search may spend (solveCounts). */
export function drawQuestions(model: Model, pool: DrawPool, forced: number[], hooks: DrawHooks, rng: Rng, budget?: number): DrawOutcome {
  const S = model.sections.length;
  const size = model.topicCount * LEVEL_COUNT;
  const remaining = pool.cells.map((cells) => cells.map((list) => list.slice()));
  // Where each pooled question sits (section * size + cell, and position), -1 when not pooled:
  // typed arrays, so a 100,000-question bank costs no per-question objects.
  const home = new Int32Array(pool.questionCount).fill(-1);
  const slot = new Int32Array(pool.questionCount);
  let poolSize = 0;
  remaining.forEach((cells, s) =>
    cells.forEach((list, c) =>
      list.forEach((q, pos) => {
        home[q] = s * size + c;
        slot[q] = pos;
        poolSize++;
      }),
    ),
  );
  const where = {
    has: (q: number) => home[q]! >= 0,
    get: (q: number) => ({ s: Math.floor(home[q]! / size), c: home[q]! % size, pos: slot[q]! }),
  };
  const lower: CellCounts = Array.from({ length: S }, () => new Int32Array(size));
  const cap: CellCounts = remaining.map((cells) => Int32Array.from(cells, (l) => l.length));
  const picked: number[][] = Array.from({ length: S }, () => []);

  let x: CellCounts = [];
  let plan: Plan | null = null;
  const resolve = (): CellCounts | null => solveFlow(model, { lower, cap }, plan, rng);

  const removeFromPool = (q: number) => {
    if (!where.has(q)) return;
    const at = where.get(q);
    const list = remaining[at.s]![at.c]!;
    const last = list.pop()!;
    if (last !== q) {
      list[at.pos] = last;
      slot[last] = at.pos;
    }
    home[q] = -1;
    poolSize--;
  };

  // Running tallies of what is taken, so a full quota rejects a cell without running the flow.
  const T = model.topicCount;
  const sectionTotal = new Int32Array(S);
  const sectionTopic = new Int32Array(S * T);
  const sectionLevel = new Int32Array(S * LEVEL_COUNT);
  const paperTopic = new Int32Array(T);
  const paperLevel = new Int32Array(LEVEL_COUNT);
  const levelsTaken = (counts: Int32Array, offset: number, levels: readonly number[]) =>
    levels.reduce((n, d) => n + counts[offset + d - 1]!, 0);
  /** True when some upper bound is already met: adding to cell c of section s must fail. */
  const full = (s: number, c: number): boolean => {
    const t = Math.floor(c / LEVEL_COUNT);
    const d = (c % LEVEL_COUNT) + 1;
    const sec = model.sections[s]!;
    if (sectionTotal[s]! >= sec.count) return true;
    if (sec.topics && sectionTopic[s * T + t]! >= sec.topics[t]![1]) return true;
    if (model.topics && paperTopic[t]! >= model.topics[t]![1]) return true;
    const row = plan?.[s];
    if (row && sectionLevel[s * LEVEL_COUNT + d - 1]! >= row[d - 1]!) return true;
    if (sec.difficulty?.kind === 'groups') {
      const g = sec.difficulty.groups.find((gr) => gr.levels.includes(d));
      if (g && levelsTaken(sectionLevel, s * LEVEL_COUNT, g.levels) >= g.hi) return true;
    }
    if (model.difficulty?.kind === 'groups') {
      const g = model.difficulty.groups.find((gr) => gr.levels.includes(d));
      if (g && levelsTaken(paperLevel, 0, g.levels) >= g.hi) return true;
    }
    for (const quota of sec.cells) {
      if (quota.topic !== t || !quota.levels.includes(d)) continue;
      let n = 0;
      for (const l of quota.levels) n += lower[s]![cellIndex(t, l)]!;
      if (n >= quota.count) return true;
    }
    return false;
  };
  const tally = (s: number, c: number) => {
    const t = Math.floor(c / LEVEL_COUNT);
    const d = c % LEVEL_COUNT;
    sectionTotal[s]!++;
    sectionTopic[s * T + t]!++;
    sectionLevel[s * LEVEL_COUNT + d]!++;
    paperTopic[t]!++;
    paperLevel[d]!++;
  };

  /** Take q if the rules still hold afterwards; returns whether it was taken. */
  const tryTake = (q: number): boolean => {
    const at = where.get(q);
    if (full(at.s, at.c)) return false;
    const gone = hooks.removalsIf(q).filter((r) => r !== q && where.has(r));
    lower[at.s]![at.c]!++;
    for (const r of gone) cap[where.get(r).s]![where.get(r).c]!--;
    let ok = x[at.s]![at.c]! >= lower[at.s]![at.c]! && gone.every((r) => x[where.get(r).s]![where.get(r).c]! <= cap[where.get(r).s]![where.get(r).c]!);
    if (!ok) {
      const next = resolve();
      if (next) {
        x = next;
        ok = true;
      }
    }
    if (!ok) {
      lower[at.s]![at.c]!--;
      for (const r of gone) cap[where.get(r).s]![where.get(r).c]!++;
      return false;
    }
    removeFromPool(q);
    for (const r of gone) removeFromPool(r);
    tally(at.s, at.c);
    picked[at.s]!.push(q);
    hooks.taken(q);
    return true;
  };

  // Included questions are taken before the first solve, so the plan and counts allow for them.
  for (const q of forced) {
    if (!where.has(q)) return { ok: false, reason: 'forced', question: q };
    const at = where.get(q);
    for (const r of hooks.removalsIf(q)) {
      if (r === q || !where.has(r)) continue;
      cap[where.get(r).s]![where.get(r).c]!--;
      removeFromPool(r);
    }
    lower[at.s]![at.c]!++;
    removeFromPool(q);
    tally(at.s, at.c);
    picked[at.s]!.push(q);
    hooks.taken(q);
  }
  const first = solveCounts(model, { lower, cap }, rng, budget);
  if (!first.counts) {
    if (!forced.length) return { ok: false, reason: first.exhausted ? 'search-limit' : 'infeasible' };
    // Would the rules hold without the included questions? Then those are the reason.
    const bare = solveCounts(model, { lower: lower.map((row) => new Int32Array(row.length)), cap: pool.cells.map((cs) => Int32Array.from(cs, (l) => l.length)) }, rng);
    if (bare.counts) return { ok: false, reason: 'forced', question: forced[0]! };
    return { ok: false, reason: bare.exhausted ? 'search-limit' : 'infeasible' };
  }
  x = first.counts;
  plan = first.plan;
  const need = model.sections.reduce((n, s) => n + s.count, 0);
  let have = forced.length;
  while (have < need) {
    if (poolSize === 0) return { ok: false, reason: 'infeasible' };
    // A uniformly random question of the pool: pick its cell by size, then a member.
    let r = rng.int(poolSize);
    let s = 0;
    let c = 0;
    search: for (s = 0; s < S; s++) {
      const cells = remaining[s]!;
      for (c = 0; c < size; c++) {
        const len = cells[c]!.length;
        if (r < len) break search;
        r -= len;
      }
    }
    const list = remaining[s]![c]!;
    const q = list[r]!;
    if (tryTake(q)) {
      have++;
      continue;
    }
    if (hooks.removalsIf(q).some((o) => o !== q && where.has(o))) {
      // Only q's companions made it fail: drop q alone, then make sure the rules still hold.
      removeFromPool(q);
      cap[s]![c]!--;
      if (x[s]![c]! > cap[s]![c]!) {
        const next = resolve();
        if (!next) return { ok: false, reason: 'enemies', question: q, section: s };
        x = next;
      }
    } else {
      // No question of this cell can be added any more; closing it keeps x valid.
      for (const other of list.slice()) removeFromPool(other);
      cap[s]![c] = lower[s]![c]!;
    }
  }
  return { ok: true, picked };
}
