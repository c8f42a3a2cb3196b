import { describe, expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema } from '../../src/assemble/blueprint.js';
import { bankHash, canonicalJson, parseManifest, questionContent, questionHash, serializeManifest, sha256, type Manifest } from '../../src/assemble/manifest.js';
import { resolveVariant } from '../../src/assemble/resolve.js';
import type { Question } from '../../src/bank/schema.js';
import { uniformBank } from './synthetic.js';

const bank = uniformBank(['single', 'multiple', 'judge', 'fill'], ['ta', 'tb'], 2);
const bp = BlueprintSchema.parse({
  title: '考试',
  subtitle: 'A卷',
  organisation: '培训中心',
  durationMinutes: 45,
  sections: [
    { type: 'single', count: 4, points: 1.5, instruction: '单选' },
    { type: 'multiple', count: 3, points: 2, instruction: '多选' },
    { type: 'judge', count: 3, points: 1, instruction: '判断' },
    { type: 'fill', count: 2, points: 2.5, instruction: '填空' },
  ],
});

function manifestOf(seed: number, questions: Question[] = bank.questions): Manifest {
  const r = assemble({ ...bank, questions }, bp, { seed, toolVersion: '9.9.9', blueprintFile: 'b.yaml' });
  if ('problems' in r) throw new Error(r.problems[0]!.message);
  return r.manifest;
}

describe('manifest', () => {
  test('bank hash: independent of file order and locations, changed by any content edit', () => {
    const shuffled = [...bank.questions].reverse().map((q) => ({ ...q, loc: { file: 'other.yaml', line: 9, col: 9 } }));
    expect(bankHash(shuffled)).toBe(bankHash(bank.questions));
    // assemble() hashes in the id order its index already knows: the same hash.
    expect(manifestOf(1, [...bank.questions].reverse()).bank.sha256).toBe(bankHash([...bank.questions]));
    const edited = bank.questions.map((q, i) => (i === 0 ? { ...q, stem: `${q.stem}!` } : q));
    expect(bankHash(edited)).not.toBe(bankHash(bank.questions));
  });

  test('question hash: 16 hex of sha256 over the canonical content, location and key order ignored', () => {
    for (const q of bank.questions) {
      expect(questionHash(q)).toBe(sha256(canonicalJson(questionContent(q))).slice(0, 16));
      const reordered = Object.fromEntries(Object.entries({ ...q, loc: { file: 'y.yaml', line: 3, col: 1 } }).reverse()) as unknown as Question;
      expect(questionHash(reordered)).toBe(questionHash(q));
    }
    expect(questionHash({ ...bank.questions[0]!, explanation: '改' })).not.toBe(questionHash(bank.questions[0]!));
  });

  test('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  test('serialised in a fixed key order, parsed back to the same bytes', () => {
    const text = serializeManifest(manifestOf(3));
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"tool"'));
    expect(text).toMatch(/"tool": \{\n\s+"name": "exampress",\n\s+"version": "9.9.9"/);
    const back = parseManifest(text);
    if ('problem' in back) throw new Error(back.problem);
    expect(serializeManifest(back.manifest)).toBe(text);
    expect(parseManifest('{"format": 99}')).toEqual({ problem: expect.stringMatching(/not an exampress manifest/), path: [] });
    expect(parseManifest('not json')).toEqual({ problem: expect.stringMatching(/is not JSON/), path: [] });
    // Every question carries its content hash.
    for (const q of back.manifest.variants[0]!.sections.flatMap((s) => s.questions)) expect(q.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  test('resolveVariant numbers questions through the paper and prints options in shuffled order', () => {
    const m = manifestOf(11);
    const v = resolveVariant(bank, m, 0);
    expect([v.title, v.subtitle, v.duration, v.organisation, v.totalPoints]).toEqual(['考试', 'A卷', 45, '培训中心', 20]);
    expect(v.sections.flatMap((s) => s.questions.map((q) => q.number))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const s of v.sections) {
      for (const q of s.questions) {
        if (s.type === 'single' || s.type === 'multiple') {
          const printed = (q.answer as string).split('').map((l) => q.options[l.charCodeAt(0) - 65]);
          const original = (q.question.answer as string).split('').map((l) => q.question.options![l.charCodeAt(0) - 65]);
          expect(printed.sort()).toEqual(original.sort());
        } else {
          expect(q.options).toEqual([]);
          expect(q.answer).toEqual(q.question.answer);
        }
      }
    }
    expect(() => resolveVariant({ ...bank, questions: bank.questions.slice(0, 3) }, m, 0)).toThrow(/no longer has/);
    expect(() => resolveVariant(bank, m, 5)).toThrow(/no variant 6/);
    // A question edited since, or an answer tampered with, is never printed.
    const target = m.variants[0]!.sections[0]!.questions[0]!.id;
    const edited = bank.questions.map((q) => (q.id === target ? { ...q, answer: q.answer === 'A' ? 'B' : 'A' } : q));
    expect(() => resolveVariant({ ...bank, questions: edited }, m, 0)).toThrow(new RegExp(`changed in the bank since the manifest was made \\(ids: ${target}\\)`));
    const tampered = structuredClone(m);
    const tq = tampered.variants[0]!.sections[0]!.questions[0]!;
    tq.answer = tq.answer === 'A' ? 'B' : 'A';
    expect(() => resolveVariant(bank, tampered, 0)).toThrow(/does not match the question's answer after the order/);
  });
});
