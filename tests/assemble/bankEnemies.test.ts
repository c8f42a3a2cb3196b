// A question's own `enemies:` field (bank/questions/*.yaml) keeps it and the questions it gives
// away off the same paper, just as a blueprint's enemy groups do.
import { describe, expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema } from '../../src/assemble/blueprint.js';
import type { Bank, Question } from '../../src/bank/schema.js';
import { uniformBank } from './synthetic.js';

const bp = BlueprintSchema.parse({ title: '卷', durationMinutes: 30, sections: [{ type: 'single', count: 10, points: 1, instruction: 'x' }] });

function paper(bank: Bank, seed: number): Set<string> {
  const r = assemble(bank, bp, { seed });
  if ('problems' in r) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return new Set(r.manifest.variants[0]!.sections.flatMap((s) => s.questions.map((q) => q.id)));
}

describe('enemies declared in the bank', () => {
  const plain = uniformBank(['single'], ['ta', 'tb'], 2);
  const singles = plain.questions.map((q) => q.id);
  const [a, b, c] = singles as [string, string, string];
  const withEnemies: Bank = { ...plain, questions: plain.questions.map((q) => (q.id === a ? ({ ...q, enemies: [b, c] } as Question) : q)) };

  test('a question and its enemies never share a paper', () => {
    for (let seed = 0; seed < 40; seed++) {
      const got = paper(withEnemies, seed);
      expect(got.has(a) && (got.has(b) || got.has(c)), `seed ${seed}: ${[...got].join(',')}`).toBe(false);
    }
  });

  test('without the field the same questions do meet (so the test above can fail)', () => {
    let together = 0;
    for (let seed = 0; seed < 40; seed++) {
      const got = paper(plain, seed);
      if (got.has(a) && (got.has(b) || got.has(c))) together++;
    }
    expect(together).toBeGreaterThan(0);
  });
});
