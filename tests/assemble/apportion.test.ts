import { describe, expect, test } from 'vitest';
import { apportionLargestRemainder, balancedBounds } from '../../src/assemble/apportion.js';

describe('largest remainder apportionment', () => {
  test('counts add up to the total and follow the largest remainders', () => {
    // 10 x (5, 3, 2)/10 is exact; 7 x (1,1,1)/3 = 2.33 each: one extra seat, to the first listed.
    expect([...apportionLargestRemainder(10, [['a', 5], ['b', 3], ['c', 2]]).values()]).toEqual([5, 3, 2]);
    expect([...apportionLargestRemainder(7, [['a', 1], ['b', 1], ['c', 1]]).values()]).toEqual([3, 2, 2]);
    // 20 x (0.45, 0.35, 0.2) = 9, 7, 4 exactly; 11 x the same = 4.95, 3.85, 2.2 -> 5, 4, 2.
    expect([...apportionLargestRemainder(11, [['a', 45], ['b', 35], ['c', 20]]).values()]).toEqual([5, 4, 2]);
  });

  test('any weights and totals: sums exact, each count within one of its share', () => {
    for (let total = 0; total < 60; total += 7) {
      const weights: [string, number][] = [['a', 1.5], ['b', 7], ['c', 0.25], ['d', 3]];
      const counts = apportionLargestRemainder(total, weights);
      const sum = [...counts.values()].reduce((x, y) => x + y, 0);
      expect(sum).toBe(total);
      for (const [k, w] of weights) expect(Math.abs(counts.get(k)! - (total * w) / 11.75)).toBeLessThan(1);
    }
  });
});

describe('balanced bounds (water-filling)', () => {
  test('even split when supply is ample: each topic floor or ceil of the share', () => {
    const b = balancedBounds(10, new Map([['a', 9], ['b', 9], ['c', 9]]))!;
    expect([...b.values()]).toEqual([[3, 4], [3, 4], [3, 4]]);
  });

  test('a topic short of the level gives all it has; the rest share the remainder', () => {
    const b = balancedBounds(10, new Map([['a', 1], ['b', 9], ['c', 9]]))!;
    expect(b.get('a')).toEqual([1, 1]);
    expect(b.get('b')).toEqual([4, 5]);
  });

  test('too little supply is null; slack widens the ranges', () => {
    expect(balancedBounds(10, new Map([['a', 3], ['b', 3]]))).toBeNull();
    expect(balancedBounds(6, new Map([['a', 9], ['b', 9]]), 1)!.get('a')).toEqual([2, 5]);
  });
});
