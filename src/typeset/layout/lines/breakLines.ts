// Line breaking with kinsoku. Justified text: total fit (Knuth-Plass style dynamic
// programming over break opportunities), so no line is left loose to save the next one.
// Otherwise, or when a unit is wider than the line: greedy, choosing between "squeeze a
// little more in" and "push the last unit down" by badness.
import { BREAK, EMERGENCY, EMERGENCY_HYPHEN } from './kinsoku.js';
import { lineOpportunities, lineShrink, lineWidth, type Spacing } from './spacing.js';

export interface LineRange {
  start: number;
  end: number;
  /** Left edge of the content (indent or hang), pt. */
  x0: number;
  /** Width available to the content, pt. */
  avail: number;
  /** The last line of a paragraph or before a forced break: never stretched. */
  last: boolean;
}

const EPS = 1e-6;
/** What one justification opportunity is expected to absorb comfortably, in em. */
const NOMINAL_STRETCH = 0.25;

/**
 * What shrinking a line costs next to stretching one, when punctuation is compressed: clreq
 * and Typst set marks half width before they stretch a line, so a line that takes one more
 * character by compressing its marks should win over a looser one.
 */
export const COMPRESSED_SHRINK_COST = 0.01;

function badness(ratio: number): number {
  return 100 * ratio * ratio * ratio;
}

/**
 * Breaks slots [a, b) (one forced-break segment) into lines. `emSize` is the paragraph's
 * typical size, the scale for stretch. Always makes progress: a unit wider than the line
 * is split at an emergency opportunity (after a hyphen first), or one slot per line.
 */
export function breakSegment(
  sp: Spacing,
  a: number,
  b: number,
  firstLine: boolean,
  width: number,
  indent: number,
  hang: number,
  justify: boolean,
  emSize: number,
  out: LineRange[],
  shrinkCost = 1,
): void {
  const brk = sp.brk;
  let s = a;
  let first = firstLine;
  while (s < b) {
    const x0 = first ? indent : hang;
    const avail = width - x0;
    let fitNatural = -1;
    let fitShrunk = -1;
    const margin = 2 * emSize;
    for (let e = s + 1; e <= b; e++) {
      if (e < b && brk[e] !== BREAK) {
        // Inside a long unbreakable run: stop once it is hopelessly past the measure.
        if (sp.pos[e]! - sp.pos[s]! - lineShrink(sp, s, e) > avail + margin + emSize) break;
        continue;
      }
      const w = lineWidth(sp, s, e);
      if (w <= avail + EPS) {
        fitNatural = e;
        fitShrunk = e;
        continue;
      }
      const shrink = lineShrink(sp, s, e);
      if (w - shrink <= avail + EPS) {
        fitShrunk = e;
        continue;
      }
      if (w - shrink > avail + margin) break;
    }
    let end: number;
    if (fitShrunk < 0) {
      end = emergencyEnd(sp, s, b, avail);
    } else if (fitNatural < 0 || fitNatural === fitShrunk) {
      end = fitShrunk;
    } else if (!justify) {
      end = fitNatural;
    } else {
      // Squeeze the longer line, or stretch the shorter one: whichever looks less strained.
      const over = lineWidth(sp, s, fitShrunk) - avail;
      const shrinkBad = badness(over / lineShrink(sp, s, fitShrunk)) * shrinkCost;
      const under = avail - lineWidth(sp, s, fitNatural);
      const opps = lineOpportunities(sp, s, fitNatural);
      const stretchBad = opps > 0 ? badness(under / (opps * NOMINAL_STRETCH * emSize)) : Infinity;
      end = stretchBad <= shrinkBad ? fitNatural : fitShrunk;
    }
    out.push({ start: s, end, x0, avail, last: end === b });
    s = end;
    first = false;
  }
}

/** Where to end a line whose first unit alone is wider than the line. */
function emergencyEnd(sp: Spacing, s: number, b: number, avail: number): number {
  const brk = sp.brk;
  let hyphen = -1;
  let any = -1;
  for (let e = s + 1; e < b; e++) {
    const k = brk[e]!;
    if (k === BREAK) break;
    if (k !== EMERGENCY_HYPHEN && k !== EMERGENCY) continue;
    if (lineWidth(sp, s, e) > avail + EPS) break;
    if (k === EMERGENCY_HYPHEN) hyphen = e;
    any = e;
  }
  if (hyphen > 0) return hyphen;
  if (any > 0) return any;
  // Not even one slot fits (an atom wider than the line): it gets a line of its own.
  let e = s + 1;
  while (e < b && brk[e] === 0) e++; // never start a line with a space
  return e;
}

/**
 * Demerits every line adds outside the square (TeX's \linepenalty does this inside it): a
 * line saved is worth more than compressing the marks of the lines around it, so the optimum
 * takes the fewest lines the measure, kinsoku and the marks' blanks allow (on the seed prose,
 * the fewest any breaking can reach), and only then the evenest of those settings. Large
 * enough to outweigh a paragraph's worth of compression, small next to a loose line's
 * demerits (a line stretched by 0.15 em per opportunity costs as much).
 */
const LINE_PENALTY = 1000;
/** Extra demerits for a paragraph's last line holding a single character (孤字). */
const LONELY_LAST_LINE = 20_000;
/** Badness of a line with slack but nowhere to stretch (it is letter-spaced). */
const LETTERSPACED = 5_000;
const MAX_BADNESS = 1e7;
/** Lines looser than this (stretch per opportunity / nominal) are not considered if a tighter one exists. */
const MAX_STRETCH_RATIO = 1.5;

let candBuf = new Int32Array(1024);
let bestBuf = new Float64Array(1024);
let prevBuf = new Int32Array(1024);

/**
 * Breaks slots [a, b) into justified lines minimising total demerits. Returns false (and
 * adds nothing) when some unit is wider than the line; the caller then falls back to greedy.
 */
export function breakSegmentOptimal(
  sp: Spacing,
  a: number,
  b: number,
  firstLine: boolean,
  width: number,
  indent: number,
  hang: number,
  emSize: number,
  out: LineRange[],
  shrinkCost = 1,
): boolean {
  const brk = sp.brk;
  if (candBuf.length < b - a + 2) {
    const cap = (b - a + 2) * 2;
    candBuf = new Int32Array(cap);
    bestBuf = new Float64Array(cap);
    prevBuf = new Int32Array(cap);
  }
  const cand = candBuf;
  const best = bestBuf;
  const prev = prevBuf;
  let m = 0;
  cand[m] = a;
  best[m] = 0;
  prev[m] = -1;
  m++;
  const margin = 2 * emSize;
  const stretchUnit = NOMINAL_STRETCH * emSize;
  // The earliest start that can still reach the current end: it only moves forward.
  let lo = 0;
  for (let e = a + 1; e <= b; e++) {
    if (e < b && brk[e] !== BREAK) continue;
    const isLast = e === b;
    let bestD = Infinity;
    let bestJ = -1;
    // From the longest feasible line to shorter ones; stop once lines get hopelessly loose.
    for (let j = lo; j < m; j++) {
      const s = cand[j]!;
      const avail = s === a && firstLine ? width - indent : width - hang;
      const w = lineWidth(sp, s, e);
      let bad: number;
      if (w > avail + EPS) {
        const shrink = lineShrink(sp, s, e);
        if (w - shrink > avail + EPS) {
          if (w - shrink > avail + margin && j === lo) lo++;
          continue;
        }
        const r = (w - avail) / shrink;
        bad = 100 * r * r * r * shrinkCost;
      } else if (isLast) {
        bad = 0;
      } else {
        const slack = avail - w;
        const opps = lineOpportunities(sp, s, e);
        if (opps > 0) {
          const r = slack / (opps * stretchUnit);
          if (r > MAX_STRETCH_RATIO && bestD < Infinity) break;
          bad = Math.min(MAX_BADNESS, 100 * r * r * r);
        } else {
          bad = slack > EPS ? LETTERSPACED : 0;
        }
      }
      const bj = best[j]!;
      if (bj === Infinity) continue;
      let d = bj + LINE_PENALTY + (10 + bad) * (10 + bad);
      if (isLast && e - s === 1 && s !== a) d += LONELY_LAST_LINE;
      if (d < bestD) {
        bestD = d;
        bestJ = j;
      }
    }
    cand[m] = e;
    best[m] = bestD;
    prev[m] = bestJ;
    m++;
  }
  if (best[m - 1] === Infinity) return false;
  // Walk back from the end to recover the chosen breaks.
  const ends: number[] = [];
  for (let k = m - 1; k > 0; k = prev[k]!) ends.push(k);
  let s = a;
  let first = firstLine;
  for (let k = ends.length - 1; k >= 0; k--) {
    const e = cand[ends[k]!]!;
    const x0 = first ? indent : hang;
    out.push({ start: s, end: e, x0, avail: width - x0, last: e === b });
    s = e;
    first = false;
  }
  return true;
}
