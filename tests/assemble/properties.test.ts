// Property-based tests over random banks and blueprints (fast-check, fixed seed, bounded runs).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { BUCKETS, BlueprintSchema, type Blueprint, type BlueprintInput } from '../../src/assemble/blueprint.js';
import { serializeManifest } from '../../src/assemble/manifest.js';
import { createRng, type Rng } from '../../src/assemble/prng.js';
import type { Bank, Question, QuestionType } from '../../src/bank/schema.js';
import { violations } from './check.js';
import { makeBank, makeQuestion, type CellSpec } from './synthetic.js';

const FC = { seed: 20261128, numRuns: 120 };
const TYPES: QuestionType[] = ['single', 'multiple', 'judge', 'fill'];

/** A random bank: 2-4 topics, 1-3 types, 0-3 questions per cell, some options pinned. */
const bankArb = (maxLevel = 5, maxPerCell = 3) =>
  fc
    .record({
      topics: fc.integer({ min: 2, max: 4 }),
      types: fc.shuffledSubarray(TYPES, { minLength: 1, maxLength: 3 }),
      cells: fc.array(fc.integer({ min: 0, max: maxPerCell }), { minLength: 4 * 4 * 5, maxLength: 4 * 4 * 5 }),
      pinned: fc.integer({ min: 0, max: 2 ** 30 }),
    })
    .map(({ topics, types, cells, pinned }) => {
      const topicIds = Array.from({ length: topics }, (_, i) => `t${i}`);
      const spec: CellSpec[] = [];
      let k = 0;
      for (const type of types) for (const topic of topicIds) for (let d = 1; d <= maxLevel; d++) spec.push({ type, topic, difficulty: d, n: cells[k++ % cells.length]! });
      const bank = makeBank(spec, topicIds);
      // Pin options on some questions: fixedOrder true, or the last option ("以上都是").
      bank.questions = bank.questions.map((q, i) =>
        q.options && (pinned >> i % 30) & 1 ? ({ ...q, fixedOrder: i % 2 ? true : ['D'] } as Question) : q,
      );
      return bank;
    });

const mean = (qs: Question[]) => qs.reduce((a, q) => a + q.difficulty, 0) / qs.length;

function countsOf<T extends string | number>(qs: Question[], key: (q: Question) => T): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of qs) out[String(key(q))] = (out[String(key(q))] ?? 0) + 1;
  return out;
}

function bucketsOf(qs: Question[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [b, levels] of Object.entries(BUCKETS)) out[b] = qs.filter((q) => (levels as readonly number[]).includes(q.difficulty)).length;
  return out;
}

function difficultyFrom(qs: Question[], choice: number, rng: Rng): BlueprintInput['difficulty'] {
  if (choice === 1) return { counts: countsOf(qs, (q) => q.difficulty) as never };
  if (choice === 2) return { buckets: bucketsOf(qs) as never };
  if (choice === 3) return { mean: Math.round(mean(qs) * 100) / 100, tolerance: [0.01, 0.1, 0.3][rng.int(3)]! };
  return undefined;
}

/** A blueprint that a hidden witness paper meets, so it is feasible by construction. */
function witnessBlueprint(bank: Bank, seed: number): { bp: Blueprint; witness: Question[] } | null {
  const rng = createRng(seed, 'witness');
  const types = [...new Set(bank.questions.map((q) => q.type))];
  const sections: BlueprintInput['sections'] = [];
  const witness: Question[] = [];
  for (const type of types) {
    const pool = rng.shuffle(bank.questions.filter((q) => q.type === type));
    if (!pool.length) continue;
    const n = 1 + rng.int(Math.min(6, pool.length));
    const chosen = pool.slice(0, n);
    witness.push(...chosen);
    const section: BlueprintInput['sections'][number] = { type, count: n, points: 1 + rng.int(3), instruction: '作答' };
    if (rng.int(2)) section.topics = { counts: countsOf(chosen, (q) => q.topic) };
    const diff = difficultyFrom(chosen, rng.int(4), rng);
    if (diff) section.difficulty = diff;
    if (rng.int(3) === 0) {
      const c = chosen[0]!;
      const lo = c.difficulty <= 2 ? 1 : c.difficulty;
      const hi = c.difficulty <= 2 ? 2 : c.difficulty;
      const levels = `${lo}-${hi}`;
      section.cells = [{ topic: c.topic, difficulty: levels, count: chosen.filter((q) => q.topic === c.topic && q.difficulty >= lo && q.difficulty <= hi).length }];
    }
    sections.push(section);
  }
  if (!sections.length) return null;
  const input: BlueprintInput = { title: '试卷', durationMinutes: 60, sections };
  if (rng.int(2)) input.topics = { counts: countsOf(witness, (q) => q.topic) };
  const diff = difficultyFrom(witness, rng.int(4), rng);
  if (diff) input.difficulty = diff;
  if (rng.int(3) === 0) input.include = { ids: [witness[rng.int(witness.length)]!.id] };
  const outside = bank.questions.filter((q) => !witness.includes(q));
  if (outside.length && rng.int(3) === 0) input.exclude = { ids: [outside[rng.int(outside.length)]!.id] };
  if (outside.length && rng.int(3) === 0) input.enemies = [[witness[rng.int(witness.length)]!.id, outside[rng.int(outside.length)]!.id]];
  return { bp: BlueprintSchema.parse(input), witness };
}

describe('assembly properties', () => {
  test('a feasible blueprint is always met, every hard rule exactly, in every variant', () => {
    fc.assert(
      fc.property(bankArb(), fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 30 }), (bank, bpSeed, seed) => {
        const made = witnessBlueprint(bank, bpSeed);
        if (!made) return;
        const result = assemble(bank, made.bp, { seed, variants: 2 });
        if ('problems' in result) throw new Error(`feasible blueprint reported infeasible: ${result.problems.map((p) => p.message).join('; ')}`);
        expect(violations(bank, made.bp, result.manifest)).toEqual([]);
      }),
      FC,
    );
  });

  test('exact: on tiny banks assemble succeeds exactly when a brute-force search finds a paper', () => {
    let feasible = 0;
    let infeasible = 0;
    fc.assert(
      fc.property(bankArb(3, 2), fc.integer({ min: 0, max: 2 ** 30 }), (bank, bpSeed) => {
        const rng = createRng(bpSeed, 'tiny');
        const types = [...new Set(bank.questions.map((q) => q.type))].slice(0, 2);
        const topics = bank.topics.map((t) => t.id).slice(0, 2);
        const small = { ...bank, topics: bank.topics.slice(0, 2), questions: bank.questions.filter((q) => types.includes(q.type) && topics.includes(q.topic)) };
        if (!small.questions.length) return;
        const sections = types.map((type) => {
          const n = 1 + rng.int(3);
          const s: BlueprintInput['sections'][number] = { type, count: n, points: 1, instruction: '作答' };
          if (rng.int(2)) s.topics = { counts: composition(n, topics, rng) };
          const sd = rng.int(3);
          if (sd === 1) s.difficulty = { counts: composition(n, ['1', '2', '3'], rng) as never };
          if (sd === 2) s.difficulty = { mean: 1 + rng.int(9) / 4, tolerance: rng.int(3) / 10 };
          return s;
        });
        const total = sections.reduce((a, s) => a + s.count, 0);
        const input: BlueprintInput = { title: '小卷', durationMinutes: 10, sections };
        if (rng.int(2)) input.topics = { counts: composition(total, topics, rng) };
        const d = rng.int(4);
        if (d === 1) input.difficulty = { counts: composition(total, ['1', '2', '3'], rng) as never };
        if (d === 2) input.difficulty = { mean: 1 + rng.int(9) / 4, tolerance: rng.int(3) / 10 };
        if (d === 3) input.difficulty = { buckets: composition(total, ['易', '中'], rng) as never };
        const bp = BlueprintSchema.parse(input);
        const expected = bruteForceFeasible(small, bp);
        const result = assemble(small, bp, { seed: bpSeed });
        if (expected) feasible++;
        else infeasible++;
        if ('manifest' in result) {
          expect(expected).toBe(true);
          expect(violations(small, bp, result.manifest)).toEqual([]);
        } else {
          // Infeasible is reported, with a reason, never met by quietly relaxing a rule.
          expect(expected).toBe(false);
          expect(result.problems.length).toBeGreaterThan(0);
          expect(result.problems[0]!.message).toMatch(/needs|cannot/);
        }
      }),
      { seed: FC.seed, numRuns: 300 },
    );
    // Both outcomes must actually be exercised for the comparison to mean anything.
    expect(feasible).toBeGreaterThan(10);
    expect(infeasible).toBeGreaterThan(10);
  });

  test('equal seeds give byte-equal manifests; different seeds give different papers', () => {
    fc.assert(
      fc.property(bankArb(5, 3), fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 30 }), (bank, bpSeed, seed) => {
        const made = witnessBlueprint(bank, bpSeed);
        if (!made) return;
        const a = assemble(bank, made.bp, { seed, variants: 2 });
        const b = assemble(bank, made.bp, { seed, variants: 2 });
        if ('problems' in a || 'problems' in b) throw new Error('feasible blueprint failed');
        expect(serializeManifest(a.manifest)).toBe(serializeManifest(b.manifest));
      }),
      { ...FC, numRuns: 30 },
    );
    // Different seeds: on a bank with room to choose, papers differ.
    const bank = makeBank(['t0', 't1', 't2'].flatMap((topic) => [1, 2, 3, 4, 5].map((d) => ({ type: 'single' as const, topic, difficulty: d, n: 4 }))));
    const bp = BlueprintSchema.parse({ title: 'x', durationMinutes: 1, topics: 'balanced', sections: [{ type: 'single', count: 12, points: 1, instruction: 'x' }] });
    const papers = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const r = assemble(bank, bp, { seed });
      if ('problems' in r) throw new Error('failed');
      papers.add(serializeManifest(r.manifest));
    }
    expect(papers.size).toBe(20);
  });

  test('fair: over many seeds every eligible question is drawn about equally often (chi-square)', () => {
    // 4 topics x 10 questions with uneven levels; 10 questions, balanced topics.
    const cells: CellSpec[] = [];
    ['t0', 't1', 't2', 't3'].forEach((topic, i) => {
      cells.push({ type: 'single', topic, difficulty: 1 + i, n: 7 }, { type: 'single', topic, difficulty: ((i + 2) % 5) + 1, n: 3 });
    });
    const bank = makeBank(cells);
    const bp = BlueprintSchema.parse({ title: 'x', durationMinutes: 1, topics: 'balanced', sections: [{ type: 'single', count: 10, points: 1, instruction: 'x' }] });
    const seen = new Map<string, number>(bank.questions.map((q) => [q.id, 0]));
    const runs = 2000;
    for (let seed = 0; seed < runs; seed++) {
      const r = assemble(bank, bp, { seed });
      if ('problems' in r) throw new Error('failed');
      for (const q of r.manifest.variants[0]!.sections[0]!.questions) seen.set(q.id, seen.get(q.id)! + 1);
    }
    const expected = (runs * 10) / bank.questions.length;
    const chi2 = [...seen.values()].reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
    // 39 degrees of freedom: the 0.999 quantile is 72.05.
    expect(chi2).toBeLessThan(72.05);
  });
});

/** Random non-negative counts over `keys` adding up to `n`. */
function composition(n: number, keys: readonly string[], rng: Rng): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (let i = 0; i < n; i++) out[keys[rng.int(keys.length)]!]!++;
  return out;
}

/** Is there any choice of questions meeting every rule? Enumerates cell counts per section. */
function bruteForceFeasible(bank: Bank, bp: Blueprint): boolean {
  const topics = bank.topics.map((t) => t.id);
  const cellsOf = (type: QuestionType) => {
    const out: { topic: string; level: number; supply: number }[] = [];
    for (const topic of topics) for (let level = 1; level <= 5; level++) out.push({ topic, level, supply: bank.questions.filter((q) => q.type === type && q.topic === topic && q.difficulty === level).length });
    return out.filter((c) => c.supply > 0);
  };
  const options = bp.sections.map((s) => {
    const cells = cellsOf(s.type);
    const found: Question[][] = [];
    const rec = (i: number, left: number, acc: Question[]) => {
      if (i === cells.length) {
        if (left === 0) found.push(acc.slice());
        return;
      }
      for (let k = 0; k <= Math.min(left, cells[i]!.supply); k++) {
        for (let j = 0; j < k; j++) acc.push(makeQuestion(s.type, cells[i]!.topic, cells[i]!.level, `x${j}`));
        rec(i + 1, left - k, acc);
        acc.length -= k;
      }
    };
    rec(0, s.count, []);
    return found.filter((qs) => ruleOk(s.topics, s.difficulty, qs));
  });
  const rec = (s: number, acc: Question[]): boolean => {
    if (s === options.length) return ruleOk(bp.topics, bp.difficulty, acc);
    return options[s]!.some((qs) => rec(s + 1, [...acc, ...qs]));
  };
  return rec(0, []);
}

function ruleOk(topics: Blueprint['topics'], difficulty: Blueprint['difficulty'], qs: Question[]): boolean {
  if (topics && topics !== 'balanced' && 'counts' in topics) {
    const got = countsOf(qs, (q) => q.topic);
    for (const k of new Set([...Object.keys(got), ...Object.keys(topics.counts)])) if ((got[k] ?? 0) !== (topics.counts[k] ?? 0)) return false;
  }
  if (difficulty && 'counts' in difficulty) {
    const got = countsOf(qs, (q) => q.difficulty);
    for (let d = 1; d <= 5; d++) if ((got[d] ?? 0) !== ((difficulty.counts as Record<string, number | undefined>)[d] ?? 0)) return false;
  }
  if (difficulty && 'buckets' in difficulty) {
    const got = bucketsOf(qs);
    for (const b of Object.keys(BUCKETS)) if ((got[b] ?? 0) !== ((difficulty.buckets as Record<string, number | undefined>)[b] ?? 0)) return false;
  }
  if (difficulty && 'mean' in difficulty && Math.abs(mean(qs) - difficulty.mean) > difficulty.tolerance + 1e-9) return false;
  return true;
}
