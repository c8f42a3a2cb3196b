// Issue 16's guarantees under every combination of rules (fast-check, fixed seed, bounded runs):
// feasible means met (parallel forms with overlap caps too), answer letters balanced whenever
// the pins allow, the order of questions and of keys never changes a paper, and a bank with
// any lint error never yields a manifest.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema, type Blueprint, type BlueprintInput } from '../../src/assemble/blueprint.js';
import { serializeManifest, type Manifest } from '../../src/assemble/manifest.js';
import { createRng } from '../../src/assemble/prng.js';
import { checkBankForPapers } from '../../src/bank/gate.js';
import type { Bank, Question, QuestionType } from '../../src/bank/schema.js';
import { violations } from './check.js';
import { makeBank, type CellSpec } from './synthetic.js';

const FC = { seed: 16_2026, numRuns: 60 };
const BUCKET_OF = (d: number) => (d <= 2 ? '易' : d === 3 ? '中' : '难');

function tally(qs: Question[], key: (q: Question) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const q of qs) out[key(q)] = (out[key(q)] ?? 0) + 1;
  return out;
}

/**
 * A bank holding `forms` disjoint copies of a hidden paper's composition plus extra questions,
 * and a blueprint read off that paper with a random mix of rules: so `forms` parallel forms
 * with no overlap exist, and the blueprint is feasible by construction.
 */
function parallelCase(seed: number, forms: number): { bank: Bank; bp: Blueprint } {
  const rng = createRng(seed, 'parallel-case');
  const topics = ['t0', 't1', 't2'];
  const types: QuestionType[] = rng.shuffle(['single', 'multiple', 'judge', 'fill'] as QuestionType[]).slice(0, 1 + rng.int(2));
  const spec: CellSpec[] = [];
  const paper: { type: QuestionType; topic: string; difficulty: number }[] = [];
  for (const type of types) {
    const n = 3 + rng.int(5);
    for (let k = 0; k < n; k++) paper.push({ type, topic: topics[rng.int(3)]!, difficulty: 1 + rng.int(5) });
  }
  for (const type of types) {
    for (const topic of topics) {
      for (let d = 1; d <= 5; d++) {
        const need = paper.filter((p) => p.type === type && p.topic === topic && p.difficulty === d).length;
        spec.push({ type, topic, difficulty: d, n: need * forms + rng.int(2) });
      }
    }
  }
  const bank = makeBank(spec, topics);
  // Some options pinned ("以上都是" as D, or all of them).
  bank.questions = bank.questions.map((q, i) => (q.options && rng.int(5) === 0 ? ({ ...q, fixedOrder: i % 2 ? true : ['D'] } as Question) : q));
  const asQ = (p: (typeof paper)[number]) => ({ ...p }) as unknown as Question;
  const sections: BlueprintInput['sections'] = types.map((type) => {
    const mine = paper.filter((p) => p.type === type).map(asQ);
    const sec: BlueprintInput['sections'][number] = { type, count: mine.length, points: 1 + rng.int(2), instruction: '作答' };
    const t = rng.int(3);
    if (t === 1) sec.topics = { counts: tally(mine, (q) => q.topic) };
    if (t === 2) sec.topics = { weights: tally(mine, (q) => q.topic) };
    const d = rng.int(4);
    if (d === 1) sec.difficulty = { buckets: tally(mine, (q) => BUCKET_OF(q.difficulty)) as never };
    if (d === 2) sec.difficulty = { counts: tally(mine, (q) => String(q.difficulty)) as never };
    if (d === 3) sec.difficulty = { mean: Math.round((mine.reduce((a, q) => a + q.difficulty, 0) / mine.length) * 100) / 100, tolerance: 0.25 };
    return sec;
  });
  const all = paper.map(asQ);
  const input: BlueprintInput = { title: '平行卷', durationMinutes: 30, sections, variants: { count: forms, mode: 'parallel', maxOverlap: rng.int(3) } };
  const p = rng.int(4);
  if (p === 1 || p === 3) input.topics = { counts: tally(all, (q) => q.topic) };
  if (p === 2 || p === 3) input.difficulty = { buckets: tally(all, (q) => BUCKET_OF(q.difficulty)) as never };
  if (rng.int(3) === 0) {
    // Enemy pairs among questions outside the hidden forms cannot make it infeasible.
    const ids = bank.questions.map((q) => q.id);
    input.enemies = [[ids[rng.int(ids.length)]!, ids[rng.int(ids.length)]!]].filter((g) => g[0] !== g[1]);
    if (!input.enemies.length) delete input.enemies;
  }
  return { bank, bp: BlueprintSchema.parse(input) };
}

const longestRun = (letters: string[]) => letters.reduce((acc, l, i) => ({ run: i && letters[i - 1] === l ? acc.run + 1 : 1, best: Math.max(acc.best, i && letters[i - 1] === l ? acc.run + 1 : 1) }), { run: 0, best: 0 }).best;

/** Letter balance of every single-choice section: met when the pins allow it, else said in the manifest. */
function letterProblems(bank: Bank, m: Manifest): string[] {
  const out: string[] = [];
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  for (const v of m.variants) {
    for (const s of v.sections) {
      if (s.type !== 'single') continue;
      const qs = s.questions.map((mq) => byId.get(mq.id)!);
      if (qs.some((q) => q.options!.length !== 4)) continue;
      const letters = s.questions.map((mq) => mq.answer as string);
      const pinnedLetter = (q: Question) => (q.fixedOrder === true || (q.fixedOrder ?? []).includes(q.answer as string) ? (q.answer as string) : null);
      const pins = qs.map(pinnedLetter);
      const n = qs.length;
      const reachable = [...'ABCD'].every((l) => pins.filter((p) => p === l).length <= Math.ceil(n / 4)) && pins.filter(Boolean).length <= n;
      const counts = [...'ABCD'].map((l) => letters.filter((x) => x === l).length);
      const even = counts.every((c) => c >= Math.floor(n / 4) && c <= Math.ceil(n / 4));
      let forcedRun = 0;
      for (let i = 0, run = 0; i < n; i++) {
        run = pins[i] && i && pins[i - 1] === pins[i] ? run + 1 : pins[i] ? 1 : 0;
        forcedRun = Math.max(forcedRun, run);
      }
      if (!even && s.letterBalance === undefined) out.push(`variant ${v.label}: letters ${counts.join('/')} uneven and the manifest does not say why`);
      if (reachable && !even && !/pins/.test(s.letterBalance ?? '')) out.push(`variant ${v.label}: letters ${counts.join('/')} where an even spread may be reachable`);
      if (longestRun(letters) > Math.max(3, forcedRun) && s.letterBalance === undefined) out.push(`variant ${v.label}: a run of ${longestRun(letters)} unexplained`);
    }
  }
  return out;
}

describe('issue 16 guarantees (properties)', () => {
  test('parallel forms: a feasible request is always met, with overlap caps, enemies and pins', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 2 ** 30 }), (caseSeed, forms, seed) => {
        const { bank, bp } = parallelCase(caseSeed, forms);
        const result = assemble(bank, bp, { seed });
        if ('problems' in result) throw new Error(`feasible request refused: ${result.problems.map((p) => p.message).join('; ')}`);
        expect(violations(bank, bp, result.manifest)).toEqual([]);
        expect(letterProblems(bank, result.manifest)).toEqual([]);
      }),
      FC,
    );
  });

  test('the order of questions in the files and of keys in the blueprint never changes a paper', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 30 }), (caseSeed, seed) => {
        const { bank, bp } = parallelCase(caseSeed, 2);
        const rng = createRng(seed, 'reorder');
        const reordered: Bank = { ...bank, questions: rng.shuffle(bank.questions.slice()).map((q) => ({ ...q, loc: { file: 'moved.yaml', line: 9, col: 3 } })) };
        const reverseKeys = (value: unknown): unknown =>
          Array.isArray(value) ? value.map(reverseKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) : value;
        const bp2 = BlueprintSchema.parse(reverseKeys(bp));
        const a = assemble(bank, bp, { seed, mode: 'shuffle', variants: 2 });
        const b = assemble(reordered, bp2, { seed, mode: 'shuffle', variants: 2 });
        if ('problems' in a || 'problems' in b) throw new Error('feasible blueprint refused');
        expect(serializeManifest(b.manifest)).toBe(serializeManifest(a.manifest));
      }),
      { ...FC, numRuns: 40 },
    );
  });

  test('a bank with any lint error never yields a manifest', () => {
    const breakers: [string, (q: Question) => Question][] = [
      ['answer beyond the options', (q) => (q.options ? { ...q, answer: 'E' } : { ...q, answer: 'E' as never })],
      ['two answers on a single', (q) => ({ ...q, type: 'single', options: ['甲', '乙', '丙', '丁'], answer: 'AD' })],
      ['a control character', (q) => ({ ...q, stem: `${q.stem}\u0007` })],
      ['U+FFFE', (q) => ({ ...q, explanation: `解析\uFFFE` })],
      ['a repeated option', (q) => ({ ...q, type: 'single', options: ['甲', '甲', '丙', '丁'], answer: 'C' })],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 30 }), fc.nat(), fc.nat(), fc.boolean(), (caseSeed, which, pick, twin) => {
        const { bank, bp } = parallelCase(caseSeed, 2);
        const questions = bank.questions.slice();
        const i = pick % questions.length;
        if (twin) questions.push({ ...questions[(i + 1) % questions.length]!, id: questions[i]!.id, stem: `${questions[i]!.stem}另一题` });
        else questions[i] = breakers[which % breakers.length]![1](questions[i]!);
        const broken = { ...bank, questions };
        const gate = checkBankForPapers({ bank: broken, problems: [] });
        expect(gate.bank).toBeNull();
        expect(gate.problems.some((p) => p.severity === 'error')).toBe(true);
        // assemble() itself never prints a key from such a question, whoever calls it: a twin
        // id is refused outright, a broken answer whenever the question is drawn.
        const keyCritical = twin || which % breakers.length <= 1;
        const result = assemble(broken, bp, { seed: 1, mode: 'shuffle' });
        if (twin) expect('problems' in result).toBe(true);
        else if (keyCritical && 'manifest' in result) {
          const printed = result.manifest.variants.flatMap((v) => v.sections.flatMap((s) => s.questions.map((q) => q.id)));
          expect(printed).not.toContain(questions[i]!.id);
        }
      }),
      { ...FC, numRuns: 80 },
    );
  });
});

describe('letter balance on the bundled bank (issue 16: 105 of 4,000 variants were uneven or had long runs)', () => {
  test('standard.yaml, seeds 0-149, both variants: 5/5/5/5 and no run over 3 (bench:forms sweeps 2,000 seeds)', async () => {
    const { bank, bp } = await standard();
    for (let seed = 0; seed < 150; seed++) {
      const r = assemble(bank, bp, { seed });
      if ('problems' in r) throw new Error(r.problems[0]!.message);
      for (const v of r.manifest.variants) {
        const single = v.sections.find((s) => s.type === 'single')!;
        const letters = single.questions.map((q) => q.answer as string);
        expect([...'ABCD'].map((l) => letters.filter((x) => x === l).length), `seed ${seed} variant ${v.label}`).toEqual([5, 5, 5, 5]);
        expect(longestRun(letters), `seed ${seed} variant ${v.label}`).toBeLessThanOrEqual(3);
        expect(single.letterBalance).toBeUndefined();
      }
    }
  });
});

describe('parallel forms: the seeds of issue 16 (standard blueprint, four forms)', () => {
  test.each([2, 40, 41, 46, 51, 54])('seed %i: four parallel forms with no overlap are met', async (seed) => {
    const { bank, bp } = await standard();
    const r = assemble(bank, bp, { seed, mode: 'parallel', variants: 4 });
    if ('problems' in r) throw new Error(r.problems[0]!.message);
    expect(violations(bank, { ...bp, variants: { count: 4, mode: 'parallel', maxOverlap: 0 } }, r.manifest)).toEqual([]);
  });

  test('maxOverlap 6, four forms: met on every seed of a sample (it failed 190 of 200, blaming enemy groups)', async () => {
    const { bank, bp } = await standard();
    const capped = { ...bp, variants: { count: 4, mode: 'parallel' as const, maxOverlap: 6 } };
    for (const seed of [0, 1, 2, 3, 40, 41, 99, 150]) {
      const r = assemble(bank, capped, { seed });
      if ('problems' in r) throw new Error(`seed ${seed}: ${r.problems[0]!.message}`);
      expect(violations(bank, capped, r.manifest), `seed ${seed}`).toEqual([]);
    }
  });

  test('an impossible request names the rule that binds, not a mean rule the blueprint does not have', async () => {
    const { bank, bp } = await standard();
    const r = assemble(bank, bp, { seed: 1, mode: 'parallel', variants: 9 });
    expect('problems' in r).toBe(true);
    if (!('problems' in r)) return;
    expect(r.problems[0]!.message).toMatch(/^parallel variant \d of 9: after the questions of the earlier variants \(max overlap 0\), /);
    expect(r.problems[0]!.message).not.toMatch(/mean|enemy/);
  });
});

async function standard(): Promise<{ bank: Bank; bp: Blueprint }> {
  const { readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  const { loadBank } = await import('../../src/bank/load.js');
  return { bank: loadBank('bank').bank, bp: BlueprintSchema.parse(parse(readFileSync('bank/blueprints/standard.yaml', 'utf8'))) };
}
