// Blueprint rules through assemble(): enemies, include/exclude, overlap, balance, weights,
// and the reasons given when a rule cannot be met.
import { describe, expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema, type BlueprintInput } from '../../src/assemble/blueprint.js';
import type { Manifest } from '../../src/assemble/manifest.js';
import type { Bank, Question } from '../../src/bank/schema.js';
import { violations } from './check.js';
import { makeBank, uniformBank } from './synthetic.js';

const base = (sections: BlueprintInput['sections'], extra: Partial<BlueprintInput> = {}) =>
  BlueprintSchema.parse({ title: '卷', durationMinutes: 30, sections, ...extra });

const ids = (m: Manifest, v = 0) => m.variants[v]!.sections.flatMap((s) => s.questions.map((q) => q.id));

function ok(bank: Bank, bp: ReturnType<typeof base>, seed: number, opts: { variants?: number; mode?: 'shuffle' | 'parallel' } = {}): Manifest {
  const r = assemble(bank, bp, { seed, ...opts });
  if ('problems' in r) throw new Error(r.problems.map((p) => p.message).join('\n'));
  expect(violations(bank, bp, r.manifest)).toEqual([]);
  return r.manifest;
}

function problems(bank: Bank, bp: ReturnType<typeof base>, opts: { variants?: number; mode?: 'shuffle' | 'parallel' } = {}): string[] {
  const r = assemble(bank, bp, { seed: 1, ...opts });
  if ('manifest' in r) throw new Error('expected the blueprint to be infeasible');
  return r.problems.map((p) => p.message);
}

describe('selection rules', () => {
  const bank = uniformBank(['single', 'judge'], ['ta', 'tb', 'tc'], 2);

  test('enemies never appear together; included ids always appear; excluded never', () => {
    const singles = bank.questions.filter((q) => q.type === 'single').map((q) => q.id);
    const bp = base([{ type: 'single', count: 20, points: 1, instruction: 'x' }], {
      enemies: [singles.slice(0, 3), singles.slice(3, 6)],
      include: { ids: [singles[10]!], tags: [] },
      exclude: { ids: [singles[11]!, singles[12]!], tags: [] },
    });
    for (let seed = 0; seed < 30; seed++) {
      const m = ok(bank, bp, seed);
      const got = new Set(ids(m));
      expect(singles.slice(0, 3).filter((id) => got.has(id)).length).toBeLessThanOrEqual(1);
      expect(singles.slice(3, 6).filter((id) => got.has(id)).length).toBeLessThanOrEqual(1);
    }
  });

  test('enemies that leave too few questions are reported, not ignored', () => {
    const small = makeBank([{ type: 'single', topic: 'ta', difficulty: 1, n: 3 }]);
    const bp = base([{ type: 'single', count: 3, points: 1, instruction: 'x' }], { enemies: [small.questions.slice(0, 2).map((q) => q.id)] });
    expect(problems(small, bp).join('\n')).toMatch(/enemy groups leave too few questions|needs 3 questions/);
  });

  test('tags: include.tags draws only tagged questions; exclude.tags keeps them out', () => {
    const tagged = { ...bank, questions: bank.questions.map((q, i) => ({ ...q, tags: i % 2 ? ['案例'] : ['基础'] }) as Question) };
    const only = ok(tagged, base([{ type: 'single', count: 10, points: 1, instruction: 'x' }], { include: { ids: [], tags: ['案例'] } }), 3);
    const byId = new Map(tagged.questions.map((q) => [q.id, q]));
    expect(ids(only).every((id) => byId.get(id)!.tags!.includes('案例'))).toBe(true);
    const none = ok(tagged, base([{ type: 'single', count: 10, points: 1, instruction: 'x' }], { exclude: { ids: [], tags: ['案例'] } }), 3);
    expect(ids(none).some((id) => byId.get(id)!.tags!.includes('案例'))).toBe(false);
  });

  test('parallel variants share at most maxOverlap questions', () => {
    // 30 singles; 3 papers of 12 need at least 6 repeats: maxOverlap 3 allows them.
    const bp = base([{ type: 'single', count: 12, points: 1, instruction: 'x' }], { variants: { count: 3, mode: 'parallel', maxOverlap: 3 } });
    for (let seed = 0; seed < 10; seed++) ok(bank, bp, seed);
    // When fresh questions suffice, none are shared even though the blueprint would allow it.
    const roomy = ok(bank, base([{ type: 'single', count: 10, points: 1, instruction: 'x' }], { variants: { count: 3, mode: 'parallel', maxOverlap: 5 } }), 1);
    expect(new Set(roomy.variants.flatMap((_, v) => ids(roomy, v))).size).toBe(30);
    const strict = base([{ type: 'single', count: 12, points: 1, instruction: 'x' }], { variants: { count: 3, mode: 'parallel', maxOverlap: 0 } });
    expect(problems(bank, strict)[0]).toMatch(/parallel variant 3 of 3/);
  });

  test('shuffle variants hold the same questions in a new order with new option orders', () => {
    const m = ok(bank, base([{ type: 'single', count: 20, points: 1, instruction: 'x' }]), 4, { variants: 2, mode: 'shuffle' });
    expect([...ids(m, 1)].sort()).toEqual([...ids(m, 0)].sort());
    expect(ids(m, 1)).not.toEqual(ids(m, 0));
    expect(m.variants.map((v) => v.label)).toEqual(['A', 'B']);
  });

  test('single-choice answers come out balanced: 5 of each letter in 20, no run over 3', () => {
    const bp = base([{ type: 'single', count: 20, points: 1, instruction: 'x' }]);
    for (let seed = 0; seed < 20; seed++) {
      const m = ok(bank, bp, seed);
      const letters = m.variants[0]!.sections[0]!.questions.map((q) => q.answer as string).join('');
      for (const l of 'ABCD') expect(letters.split(l).length - 1).toBe(5);
      expect(letters).not.toMatch(/(.)\1\1\1/);
    }
  });

  test('balanced topics: a short topic gives all it has, the others split the rest evenly', () => {
    const skewed = makeBank([
      { type: 'single', topic: 'ta', difficulty: 1, n: 1 },
      { type: 'single', topic: 'tb', difficulty: 2, n: 20 },
      { type: 'single', topic: 'tc', difficulty: 3, n: 20 },
    ]);
    const m = ok(skewed, base([{ type: 'single', count: 11, points: 1, instruction: 'x' }], { topics: 'balanced' }), 2);
    const topics = ids(m).map((id) => skewed.questions.find((q) => q.id === id)!.topic);
    expect(topics.filter((t) => t === 'ta').length).toBe(1);
    expect([topics.filter((t) => t === 'tb').length, topics.filter((t) => t === 'tc').length].sort()).toEqual([5, 5]);
  });

  test('balanced widens its ranges only as far as other rules force it', () => {
    const mixed = makeBank([
      { type: 'single', topic: 'ta', difficulty: 1, n: 10 },
      { type: 'single', topic: 'tb', difficulty: 1, n: 10 },
      { type: 'judge', topic: 'ta', difficulty: 1, n: 10 },
      { type: 'judge', topic: 'tc', difficulty: 1, n: 10 },
    ]);
    // The single section takes 4 of tb, beyond the even 2-3: the paper balance must give way.
    const bp = base(
      [
        { type: 'single', count: 4, points: 1, instruction: 'x', topics: { counts: { tb: 4 } } },
        { type: 'judge', count: 4, points: 1, instruction: 'y' },
      ],
      { topics: 'balanced' },
    );
    for (let seed = 0; seed < 10; seed++) {
      const m = ok(mixed, bp, seed);
      const topics = ids(m).map((id) => mixed.questions.find((q) => q.id === id)!.topic);
      expect(topics.filter((t) => t === 'tb').length).toBe(4);
      expect(topics.filter((t) => t === 'ta').length).toBeGreaterThanOrEqual(1);
      expect(topics.filter((t) => t === 'tc').length).toBeGreaterThanOrEqual(1);
    }
  });

  test('weights are apportioned by largest remainder to exact counts', () => {
    const m = ok(bank, base([{ type: 'single', count: 10, points: 1, instruction: 'x', topics: { weights: { ta: 5, tb: 3, tc: 2 } } }]), 8);
    const byTopic = (t: string) => ids(m).filter((id) => bank.questions.find((q) => q.id === id)!.topic === t).length;
    expect([byTopic('ta'), byTopic('tb'), byTopic('tc')]).toEqual([5, 3, 2]);
  });
});

describe('reasons for infeasible blueprints', () => {
  const bank = makeBank([
    { type: 'single', topic: 'ta', difficulty: 1, n: 6 },
    { type: 'single', topic: 'ta', difficulty: 5, n: 1 },
    { type: 'single', topic: 'tb', difficulty: 3, n: 6 },
    { type: 'judge', topic: 'tb', difficulty: 2, n: 4 },
  ]);

  test('a section topic quota beyond the supply names topic, need and ids', () => {
    const bp = base([{ type: 'single', count: 8, points: 1, instruction: 'x', topics: { counts: { ta: 8 } } }]);
    expect(problems(bank, bp)).toEqual([
      'section 1 (single): needs 8 questions on topic 主题ta; the bank has 7 (ids: STA-1-0, STA-1-1, STA-1-2, STA-1-3, STA-1-4, STA-1-5, STA-5-0)',
    ]);
  });

  test('a difficulty bucket beyond the supply', () => {
    const bp = base([{ type: 'single', count: 4, points: 1, instruction: 'x', difficulty: { buckets: { 难: 2, 易: 2 } } }]);
    expect(problems(bank, bp)).toEqual(['section 1 (single): needs 2 questions at difficulty 难 (4-5); the bank has 1 (ids: STA-5-0)']);
  });

  test('a paper-level topic quota counts what the sections can take', () => {
    const bp = base(
      [
        { type: 'single', count: 3, points: 1, instruction: 'x' },
        { type: 'judge', count: 3, points: 1, instruction: 'y' },
      ],
      { topics: { counts: { ta: 5, tb: 1 } } },
    );
    expect(problems(bank, bp)[0]).toMatch(/^the paper: needs 5 questions on topic 主题ta; the sections can take at most 3 from the bank/);
  });

  test('rules that fit one by one but not together are named as a combination', () => {
    const bp = base([{ type: 'single', count: 6, points: 1, instruction: 'x', topics: { counts: { tb: 6 } }, difficulty: { counts: { 1: 6 } } }]);
    expect(problems(bank, bp)[0]).toMatch(/^section 1 \(single\): its topic rule, difficulty rule \(difficulty 1: 6\) cannot all hold at once with what the bank holds; eligible by topic x difficulty: 主题ta 1:6 5:1; 主题tb 3:6$/);
  });

  test('an included question that breaks a rule is named', () => {
    const bp = base([{ type: 'single', count: 2, points: 1, instruction: 'x', difficulty: { counts: { 1: 2 } } }], { include: { ids: ['STB-3-0'], tags: [] } });
    expect(problems(bank, bp)[0]).toMatch(/^include: the rules cannot hold with STB-3-0 \(single, topic 主题tb, difficulty 3\) in the paper/);
  });

  test('unknown ids in include and enemies are reported', () => {
    const bp = base([{ type: 'single', count: 2, points: 1, instruction: 'x' }], { include: { ids: ['NOPE-1'], tags: [] }, enemies: [['STA-1-0', 'NOPE-2']] });
    expect(problems(bank, bp)).toEqual(['include: no question NOPE-1 in the bank', 'enemies: no question NOPE-2 in the bank']);
  });
});
