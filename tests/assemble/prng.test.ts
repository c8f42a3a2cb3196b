import { describe, expect, test } from 'vitest';
import { createRng, deriveSeed } from '../../src/assemble/prng.js';

describe('seeded PRNG', () => {
  test('the same seed gives the same stream; pinned values keep it platform-independent', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a.int(1000));
    expect(Array.from({ length: 5 }, () => b.int(1000))).toEqual(xs);
    // Pinned: a change to the generator would silently change every past paper's seed meaning.
    expect(xs).toMatchInlineSnapshot(`
      [
        114,
        922,
        745,
        885,
        151,
      ]
    `);
    expect(deriveSeed(42, 'select')).toMatchInlineSnapshot(`4063801538`);
  });

  test('every bit of the seed counts: 1 and 2^32 (and 2^32 + 1) are different streams (issue 16)', () => {
    const first = (seed: number) => Array.from({ length: 4 }, ((rng) => () => rng.int(2 ** 31))(createRng(seed)));
    expect(first(1)).not.toEqual(first(2 ** 32));
    expect(first(1)).not.toEqual(first(2 ** 32 + 1));
    expect(first(0)).not.toEqual(first(2 ** 32));
    expect(first(Number.MAX_SAFE_INTEGER)).not.toEqual(first(Number.MAX_SAFE_INTEGER - 2 ** 32));
  });

  test('different seeds and labels give different streams', () => {
    const first = (seed: number, ...labels: string[]) => createRng(seed, ...labels).int(2 ** 31);
    expect(first(1)).not.toBe(first(2));
    expect(first(1, 'select')).not.toBe(first(1, 'layout'));
  });

  test('int(n) stays in range and is close to uniform', () => {
    const rng = createRng(7);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(() => rng.int(0)).toThrow();
  });

  test('shuffle is a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(createRng(3).shuffle(items.slice()).sort((a, b) => a - b)).toEqual(items);
  });
});
