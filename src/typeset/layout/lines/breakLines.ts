// Greedy line breaking with kinsoku: each line takes as much as fits, choosing between
// "squeeze a little more in" and "push the last unit down and stretch" by badness.
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
      if (e < b && brk[e] !== BREAK) continue;
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
      const shrinkBad = badness(over / lineShrink(sp, s, fitShrunk));
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
