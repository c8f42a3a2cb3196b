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

/**
 * The pool being drawn from: per section and cell, the questions still eligible, where each
 * one sits (typed arrays, so a 100,000-question bank costs no per-question objects), and how
 * many remain.
 */
class Pool {
  readonly remaining: number[][][];
  private readonly home: Int32Array;
  private readonly slot: Int32Array;
  size = 0;

  constructor(
    cells: number[][][],
    questionCount: number,
    private readonly cellsPerSection: number,
  ) {
    this.remaining = cells.map((cs) => cs.map((list) => list.slice()));
    // Where each pooled question sits (section * cells + cell, and position), -1 when not pooled.
    this.home = new Int32Array(questionCount).fill(-1);
    this.slot = new Int32Array(questionCount);
    this.remaining.forEach((cs, s) =>
      cs.forEach((list, c) =>
        list.forEach((q, pos) => {
          this.home[q] = s * cellsPerSection + c;
          this.slot[q] = pos;
          this.size++;
        }),
      ),
    );
  }

  has(q: number): boolean {
    return this.home[q]! >= 0;
  }

  at(q: number): { s: number; c: number; pos: number } {
    const h = this.home[q]!;
    return { s: Math.floor(h / this.cellsPerSection), c: h % this.cellsPerSection, pos: this.slot[q]! };
  }

  remove(q: number): void {
    if (!this.has(q)) return;
    const at = this.at(q);
    const list = this.remaining[at.s]![at.c]!;
    const last = list.pop()!;
    if (last !== q) {
      list[at.pos] = last;
      this.slot[last] = at.pos;
    }
    this.home[q] = -1;
    this.size--;
  }

  /** A uniformly random question of the pool: its cell picked by size, then a member. */
  random(rng: Rng): { q: number; s: number; c: number } {
    let r = rng.int(this.size);
    const S = this.remaining.length;
    let s = 0;
    let c = 0;
    search: for (s = 0; s < S; s++) {
      const cells = this.remaining[s]!;
      for (c = 0; c < this.cellsPerSection; c++) {
        const len = cells[c]!.length;
        if (r < len) break search;
        r -= len;
      }
    }
    return { q: this.remaining[s]![c]![r]!, s, c };
  }
}

/**
 * Running tallies of what is taken, so a full quota rejects a cell without running the flow:
 * per section, per section and topic, per section and level, per topic and per level.
 */
class Tally {
  private readonly T: number;
  private readonly sectionTotal: Int32Array;
  private readonly sectionTopic: Int32Array;
  private readonly sectionLevel: Int32Array;
  private readonly paperTopic: Int32Array;
  private readonly paperLevel: Int32Array;

  constructor(private readonly model: Model) {
    const S = model.sections.length;
    this.T = model.topicCount;
    this.sectionTotal = new Int32Array(S);
    this.sectionTopic = new Int32Array(S * this.T);
    this.sectionLevel = new Int32Array(S * LEVEL_COUNT);
    this.paperTopic = new Int32Array(this.T);
    this.paperLevel = new Int32Array(LEVEL_COUNT);
  }

  add(s: number, c: number): void {
    const t = Math.floor(c / LEVEL_COUNT);
    const d = c % LEVEL_COUNT;
    this.sectionTotal[s]!++;
    this.sectionTopic[s * this.T + t]!++;
    this.sectionLevel[s * LEVEL_COUNT + d]!++;
    this.paperTopic[t]!++;
    this.paperLevel[d]!++;
  }

  /** True when some upper bound is already met: adding to cell c of section s must fail. */
  full(s: number, c: number, plan: Plan | null, lower: CellCounts): boolean {
    const { model, T } = this;
    const t = Math.floor(c / LEVEL_COUNT);
    const d = (c % LEVEL_COUNT) + 1;
    const sec = model.sections[s]!;
    const levelsTaken = (counts: Int32Array, offset: number, levels: readonly number[]) => levels.reduce((n, l) => n + counts[offset + l - 1]!, 0);
    if (this.sectionTotal[s]! >= sec.count) return true;
    if (sec.topics && this.sectionTopic[s * T + t]! >= sec.topics[t]![1]) return true;
    if (model.topics && this.paperTopic[t]! >= model.topics[t]![1]) return true;
    const row = plan?.[s];
    if (row && this.sectionLevel[s * LEVEL_COUNT + d - 1]! >= row[d - 1]!) return true;
    if (sec.difficulty?.kind === 'groups') {
      const g = sec.difficulty.groups.find((gr) => gr.levels.includes(d));
      if (g && levelsTaken(this.sectionLevel, s * LEVEL_COUNT, g.levels) >= g.hi) return true;
    }
    if (model.difficulty?.kind === 'groups') {
      const g = model.difficulty.groups.find((gr) => gr.levels.includes(d));
      if (g && levelsTaken(this.paperLevel, 0, g.levels) >= g.hi) return true;
    }
    for (const quota of sec.cells) {
      if (quota.topic !== t || !quota.levels.includes(d)) continue;
      let n = 0;
      for (const l of quota.levels) n += lower[s]![cellIndex(t, l)]!;
      if (n >= quota.count) return true;
    }
    return false;
  }
}

/** One draw in progress: the pool, the bounds the flow solves within, its current solution, what was picked. */
class Drawing {
  readonly pool: Pool;
  readonly tally: Tally;
  readonly lower: CellCounts;
  readonly cap: CellCounts;
  readonly picked: number[][];
  x: CellCounts = [];
  plan: Plan | null = null;

  constructor(
    readonly model: Model,
    pool: DrawPool,
    readonly hooks: DrawHooks,
    readonly rng: Rng,
  ) {
    const S = model.sections.length;
    const size = model.topicCount * LEVEL_COUNT;
    this.pool = new Pool(pool.cells, pool.questionCount, size);
    this.tally = new Tally(model);
    this.lower = Array.from({ length: S }, () => new Int32Array(size));
    this.cap = this.pool.remaining.map((cells) => Int32Array.from(cells, (l) => l.length));
    this.picked = Array.from({ length: S }, () => []);
  }

  /** A flow solution within the current bounds (and plan), or null. */
  resolve(): CellCounts | null {
    return solveFlow(this.model, { lower: this.lower, cap: this.cap }, this.plan, this.rng);
  }

  /** q, out of the pool already, is picked. */
  private record(q: number, at: { s: number; c: number }): void {
    this.tally.add(at.s, at.c);
    this.picked[at.s]!.push(q);
    this.hooks.taken(q);
  }

  /** An included question, taken before the first solve so the plan and counts allow for it. */
  takeForced(q: number): boolean {
    const { pool, cap, lower } = this;
    if (!pool.has(q)) return false;
    const at = pool.at(q);
    for (const r of this.hooks.removalsIf(q)) {
      if (r === q || !pool.has(r)) continue;
      cap[pool.at(r).s]![pool.at(r).c]!--;
      pool.remove(r);
    }
    lower[at.s]![at.c]!++;
    pool.remove(q);
    this.record(q, at);
    return true;
  }

  /** Take q if the rules still hold afterwards; returns whether it was taken. */
  tryTake(q: number): boolean {
    const { pool, lower, cap } = this;
    const at = pool.at(q);
    if (this.tally.full(at.s, at.c, this.plan, lower)) return false;
    const gone = this.hooks.removalsIf(q).filter((r) => r !== q && pool.has(r));
    lower[at.s]![at.c]!++;
    for (const r of gone) cap[pool.at(r).s]![pool.at(r).c]!--;
    let ok = this.x[at.s]![at.c]! >= lower[at.s]![at.c]! && gone.every((r) => this.x[pool.at(r).s]![pool.at(r).c]! <= cap[pool.at(r).s]![pool.at(r).c]!);
    if (!ok) {
      const next = this.resolve();
      if (next) {
        this.x = next;
        ok = true;
      }
    }
    if (!ok) {
      lower[at.s]![at.c]!--;
      for (const r of gone) cap[pool.at(r).s]![pool.at(r).c]!++;
      return false;
    }
    // In this order: removals move the pool's last member into the gap, and the draw is seeded.
    pool.remove(q);
    for (const r of gone) pool.remove(r);
    this.record(q, at);
    return true;
  }

  /**
   * q could not be taken: if only its companions made it fail, drop q alone and make sure the
   * rules still hold (false when they cannot); else no question of its cell can be added any
   * more, and closing the cell keeps the solution valid.
   */
  reject(q: number, s: number, c: number): boolean {
    const { pool, cap, lower } = this;
    if (this.hooks.removalsIf(q).some((o) => o !== q && pool.has(o))) {
      pool.remove(q);
      cap[s]![c]!--;
      if (this.x[s]![c]! > cap[s]![c]!) {
        const next = this.resolve();
        if (!next) return false;
        this.x = next;
      }
      return true;
    }
    for (const other of pool.remaining[s]![c]!.slice()) pool.remove(other);
    cap[s]![c] = lower[s]![c]!;
    return true;
  }
}

/** `budget`: flow checks the difficulty-plan search may spend (solveCounts). */
export function drawQuestions(model: Model, pool: DrawPool, forced: number[], hooks: DrawHooks, rng: Rng, budget?: number): DrawOutcome {
  const draw = new Drawing(model, pool, hooks, rng);
  for (const q of forced) if (!draw.takeForced(q)) return { ok: false, reason: 'forced', question: q };
  const first = solveCounts(model, { lower: draw.lower, cap: draw.cap }, rng, budget);
  if (!first.counts) return firstSolveFailed(model, pool, forced, rng, first.exhausted);
  draw.x = first.counts;
  draw.plan = first.plan;
  const need = model.sections.reduce((n, s) => n + s.count, 0);
  let have = forced.length;
  while (have < need) {
    if (draw.pool.size === 0) return { ok: false, reason: 'infeasible' };
    const { q, s, c } = draw.pool.random(rng);
    if (draw.tryTake(q)) have++;
    else if (!draw.reject(q, s, c)) return { ok: false, reason: 'enemies', question: q, section: s };
  }
  return { ok: true, picked: draw.picked };
}

/** Why no counts were found: the included questions (when the rules hold without them), the search limit, or the rules themselves. */
function firstSolveFailed(model: Model, pool: DrawPool, forced: readonly number[], rng: Rng, exhausted: boolean | undefined): DrawOutcome {
  if (!forced.length) return { ok: false, reason: exhausted ? 'search-limit' : 'infeasible' };
  // Would the rules hold without the included questions? Then those are the reason.
  const size = model.topicCount * LEVEL_COUNT;
  const bare = solveCounts(model, { lower: pool.cells.map(() => new Int32Array(size)), cap: pool.cells.map((cs) => Int32Array.from(cs, (l) => l.length)) }, rng);
  if (bare.counts) return { ok: false, reason: 'forced', question: forced[0]! };
  return { ok: false, reason: bare.exhausted ? 'search-limit' : 'infeasible' };
}
