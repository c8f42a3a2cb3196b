// The only source of randomness in assembly: sfc32 seeded through splitmix32, so the same
// seed gives the same paper on every platform (32-bit integer arithmetic only, no Math.random).

export interface Rng {
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffle `items` in place (Fisher-Yates) and return it. */
  shuffle<T>(items: T[]): T[];
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the UTF-16 code units, for turning labels into seed material. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/**
 * A seed for one independent stream, e.g. `deriveSeed(42, 'shuffle', 3)`: separate streams
 * keep the option order of variant 3 from changing when variant 2 draws differently.
 */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  // Low and high 32 bits each go through the mixer: 1 and 2^32 are different seeds.
  let h = splitmix32(seed >>> 0)();
  h = splitmix32(h ^ (Math.floor(seed / 0x100000000) >>> 0))();
  for (const label of labels) h = splitmix32(h ^ hashString(String(label)))();
  return h >>> 0;
}

export function createRng(seed: number, ...labels: (string | number)[]): Rng {
  const mix = splitmix32(deriveSeed(seed, ...labels));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator, PractRand-clean).
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  const float = () => next() / 0x100000000;
  // Rejection sampling: no modulo bias, so every question in a cell is equally likely.
  const int = (n: number): number => {
    if (!(n >= 1)) throw new RangeError(`rng.int needs n >= 1, got ${n}`);
    if (n === 1) return 0;
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = next();
      if (x < limit) return x % n;
    }
  };
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  };
  return { float, int, shuffle };
}
