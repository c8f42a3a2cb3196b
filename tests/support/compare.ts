// Compares two renderings of one page (tests/support/pdf.ts) the way "alike up to anti-aliasing"
// is meant: two backends that put the same glyphs at the same place may still disagree about a
// glyph edge by a fraction of a pixel (numbers rounded differently in the content stream), which
// changes the grey level of the pixels along that edge and nothing else.
//
// The measure, on grey values (0 white ink .. 255 paper): a pixel whose values differ is
// anti-aliasing, and forgiven, when
// - the difference is at most a quarter of full ink (64): a sliver of coverage along an edge, or
// - each value lies within the range of the other rendering's 3×3 neighbourhood of that pixel
//   (± `tolerance`): what a shift of an edge by less than a pixel produces.
// Any other pixel counts in `differing`; alike means 0. A glyph drawn elsewhere, another glyph,
// a missing rule or a fill of another colour all count. `changed` counts every pixel whose value
// differs at all (how much anti-aliasing there was to forgive).
import type { Rendering } from './pdf.js';

export interface PixelComparison {
  width: number;
  height: number;
  /** Pixels that differ by more than a one-pixel shift of an edge explains. */
  differing: number;
  /** Pixels whose grey value differs at all. */
  changed: number;
  /** The largest grey difference between the two at one pixel. */
  maxDelta: number;
  /** The first differing pixel, for a message. */
  first?: { x: number; y: number; a: number; b: number };
}

const grey = (r: Rendering): Uint8Array => {
  const out = new Uint8Array(r.width * r.height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = Math.round((r.data[p]! * 299 + r.data[p + 1]! * 587 + r.data[p + 2]! * 114) / 1000);
  return out;
};

/** Compares two renderings of the same size; see the file comment for the measure. */
export function comparePixels(a: Rendering, b: Rendering, tolerance = 8): PixelComparison {
  if (a.width !== b.width || a.height !== b.height) {
    return { width: a.width, height: a.height, differing: a.width * a.height, changed: a.width * a.height, maxDelta: 255 };
  }
  const { width, height } = a;
  const ga = grey(a);
  const gb = grey(b);
  let differing = 0;
  let changed = 0;
  let maxDelta = 0;
  let first: PixelComparison['first'];
  const outside = (v: number, other: Uint8Array, x: number, y: number): boolean => {
    let lo = 255;
    let hi = 0;
    for (let yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
      for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
        const o = other[yy * width + xx]!;
        if (o < lo) lo = o;
        if (o > hi) hi = o;
      }
    }
    return v < lo - tolerance || v > hi + tolerance;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const va = ga[i]!;
      const vb = gb[i]!;
      if (va === vb) continue;
      changed++;
      maxDelta = Math.max(maxDelta, Math.abs(va - vb));
      if (Math.abs(va - vb) > 64 && (outside(va, gb, x, y) || outside(vb, ga, x, y))) {
        differing++;
        first ??= { x, y, a: va, b: vb };
      }
    }
  }
  return { width, height, differing, changed, maxDelta, ...(first ? { first } : {}) };
}
