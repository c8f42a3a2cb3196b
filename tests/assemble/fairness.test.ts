// The distribution the README promises ("How questions are chosen"): given how many questions
// each rule cell receives, every question of the cell is equally likely. A rule cell is a
// section x (topic, when any rule of that section or the paper names topics) x (band of levels
// that every difficulty rule and cell of that section treats alike). Checked by chi-square over
// many seeds, for random combinations of rules, with cells computed here independently.
import { describe, expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema, type Blueprint, type BlueprintInput } from '../../src/assemble/blueprint.js';
import { createRng, type Rng } from '../../src/assemble/prng.js';
import type { Bank, Question, QuestionType } from '../../src/bank/schema.js';
import { makeBank, type CellSpec } from './synthetic.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadBank } from '../../src/bank/load.js';

const BUCKET_OF = (d: number) => (d <= 2 ? '易' : d === 3 ? '中' : '难');

/** The levels a rule separates, as sets (independent of src/assemble/classes.ts). */
function setsOf(rule: Blueprint['difficulty']): number[][] | 'each' {
  if (!rule) return [];
  if ('mean' in rule) return 'each';
  if ('counts' in rule) return [[1], [2], [3], [4], [5]];
  return [[1, 2], [3], [4, 5]];
}

function ruleCellOf(bp: Blueprint, s: number, q: Question): string {
  const sec = bp.sections[s]!;
  const topical = bp.topics !== undefined || sec.topics !== undefined || (sec.cells?.length ?? 0) > 0;
  const paper = setsOf(bp.difficulty);
  const own = setsOf(sec.difficulty);
  let band: string;
  if (paper === 'each' || own === 'each') band = String(q.difficulty);
  else {
    const sets = [...paper, ...own, ...(sec.cells ?? []).map((c) => (typeof c.difficulty === 'number' ? [c.difficulty] : c.difficulty in { 易: 1, 中: 1, 难: 1 } ? { 易: [1, 2], 中: [3], 难: [4, 5] }[c.difficulty as '易']! : [Number(c.difficulty[0]), Number(c.difficulty[2])]))];
    const expand = (set: number[]) => (set.length === 2 && set[1]! - set[0]! > 1 ? Array.from({ length: set[1]! - set[0]! + 1 }, (_, i) => set[0]! + i) : set);
    band = sets.map((set) => (expand(set).includes(q.difficulty) ? 1 : 0)).join('');
  }
  return `${s}|${topical ? q.topic : '*'}|${band}`;
}

/** Upper 0.999 quantile of chi-square with k degrees of freedom (Wilson-Hilferty). */
function chi2Quantile999(k: number): number {
  const z = 3.0902;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

function randomCase(seed: number): { bank: Bank; bp: Blueprint } {
  const rng = createRng(seed, 'fairness-case');
  const topics = ['t0', 't1', 't2'];
  const types: QuestionType[] = rng.int(2) ? ['single'] : ['single', 'judge'];
  const spec: CellSpec[] = [];
  for (const type of types) for (const topic of topics) for (let d = 1; d <= 5; d++) spec.push({ type, topic, difficulty: d, n: 1 + rng.int(6) });
  const bank = makeBank(spec, topics);
  const witnessAll: Question[] = [];
  const sections: BlueprintInput['sections'] = types.map((type) => {
    const pool = bank.questions.filter((q) => q.type === type);
    const count = 6 + rng.int(6);
    // A witness: the rules are read off a random paper, so they can be met.
    const witness = rng.shuffle(pool.slice()).slice(0, count);
    witnessAll.push(...witness);
    const sec: BlueprintInput['sections'][number] = { type, count, points: 1, instruction: '作答' };
    const t = rng.int(4);
    if (t === 1) sec.topics = { counts: tally(witness, (q) => q.topic) };
    if (t === 2) sec.topics = { weights: tally(witness, (q) => q.topic) };
    if (t === 3) sec.topics = 'balanced';
    const d = rng.int(4);
    if (d === 1) sec.difficulty = { buckets: tally(witness, (q) => BUCKET_OF(q.difficulty)) as never };
    if (d === 2) sec.difficulty = { counts: tally(witness, (q) => String(q.difficulty)) as never };
    if (d === 3) sec.difficulty = { mean: Math.round((witness.reduce((a, q) => a + q.difficulty, 0) / count) * 10) / 10, tolerance: 0.3 };
    if (rng.int(3) === 0) {
      const c = witness[0]!;
      sec.cells = [{ topic: c.topic, difficulty: BUCKET_OF(c.difficulty), count: witness.filter((q) => q.topic === c.topic && BUCKET_OF(q.difficulty) === BUCKET_OF(c.difficulty)).length }];
    }
    return sec;
  });
  const input: BlueprintInput = { title: '公平', durationMinutes: 10, sections };
  // Paper-level rules next to the sections' own: these need the difficulty plan.
  const p = rng.int(4);
  if (p === 1 || p === 3) input.topics = rng.int(2) ? 'balanced' : { counts: tally(witnessAll, (q) => q.topic) };
  if (p === 2 || p === 3) input.difficulty = { buckets: tally(witnessAll, (q) => BUCKET_OF(q.difficulty)) as never };
  return { bank, bp: BlueprintSchema.parse(input) };
}

function tally(qs: Question[], key: (q: Question) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of qs) out[key(q)] = (out[key(q)] ?? 0) + 1;
  return out;
}

/** Chi-square of the selection counts within each rule cell, over `runs` seeds. */
function withinCellChiSquare(bank: Bank, bp: Blueprint, runs: number, rng: Rng): { chi2: number; df: number; failed: number } {
  const picked = new Map<string, number>(bank.questions.map((q) => [q.id, 0]));
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  let failed = 0;
  for (let r = 0; r < runs; r++) {
    const result = assemble(bank, bp, { seed: rng.int(2 ** 31) });
    if ('problems' in result) {
      failed++;
      continue;
    }
    for (const s of result.manifest.variants[0]!.sections) for (const q of s.questions) picked.set(q.id, picked.get(q.id)! + 1);
  }
  const cells = new Map<string, Question[]>();
  bp.sections.forEach((sec, s) => {
    for (const q of bank.questions.filter((x) => x.type === sec.type)) {
      const key = ruleCellOf(bp, s, q);
      (cells.get(key) ?? cells.set(key, []).get(key)!).push(byId.get(q.id)!);
    }
  });
  let chi2 = 0;
  let df = 0;
  for (const members of cells.values()) {
    const total = members.reduce((n, q) => n + picked.get(q.id)!, 0);
    if (members.length < 2 || total === 0) continue;
    const expected = total / members.length;
    for (const q of members) chi2 += (picked.get(q.id)! - expected) ** 2 / expected;
    df += members.length - 1;
  }
  return { chi2, df, failed };
}

describe('fairness: every question of a rule cell equally likely (chi-square, issue 16)', () => {
  test('random combinations of topic, bucket, level, mean and cell rules', () => {
    let checked = 0;
    for (let c = 0; c < 12; c++) {
      const { bank, bp } = randomCase(c);
      const { chi2, df, failed } = withinCellChiSquare(bank, bp, 180, createRng(c, 'fairness-seeds'));
      expect(failed, `case ${c}: the witness blueprint must be met`).toBe(0);
      if (df === 0) continue;
      checked++;
      expect(chi2, `case ${c}: chi-square ${chi2.toFixed(1)} on ${df} df`).toBeLessThan(chi2Quantile999(df));
    }
    expect(checked).toBeGreaterThan(8);
  });

  test('the issue-16 case: the standard blueprint (paper buckets, balanced topics) on the bundled bank', () => {
    // Levels 1 and 2 are both 易 to every rule of standard.yaml, so a topic's 易 questions of a
    // section must be equally likely; they were not (47% against 14% in a 20-question section).
    const { bank } = loadBank('bank');
    const bp = BlueprintSchema.parse(parse(readFileSync('bank/blueprints/standard.yaml', 'utf8')));
    const { chi2, df, failed } = withinCellChiSquare(bank, bp, 500, createRng(16, 'standard'));
    expect(failed).toBe(0);
    expect(df).toBeGreaterThan(150);
    expect(chi2, `chi-square ${chi2.toFixed(1)} on ${df} df`).toBeLessThan(chi2Quantile999(df));
  });
});
