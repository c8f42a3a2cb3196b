// What sits between adjacent slots: break opportunities, punctuation squeezing (adjacent
// full-width marks take 1.5 em), CJK-Latin quarter-em spacing, and how much each place
// may shrink; plus prefix sums so any line's width is O(1).
import { AN, AT, ID, OP, SP } from './classes.js';
import { BREAK, breakBetween, EMERGENCY, mayEndLine, NO_BREAK } from './kinsoku.js';
import { labelEnd } from './labels.js';
import type { Slots } from './segment.js';

export interface Spacing {
  /** Adjustment between slot i-1 and i (pt): + CJK-Latin space, − squeezed blank. Vanishes at a break. */
  joint: Float64Array;
  /** Break kind before slot i (kinsoku.ts). */
  brk: Uint8Array;
  /** How much slot i's advance may shrink mid-line (a space, a mark's right blank). */
  shrinkSlot: Float64Array;
  /** How much joint i may shrink mid-line (CJK-Latin space, an opener's left blank). */
  shrinkJoint: Float64Array;
  /** Width removed when slot i ends a line (a space; a mark's right blank). */
  endTrim: Float64Array;
  /**
   * What a line starting at slot i drops before it: joint i, plus an opening mark's left
   * blank (clreq: line-start opening punctuation is set half width) except on the
   * paragraph's first line. One array so lineWidth stays four reads.
   */
  startCut: Float64Array;
  /** Prefix sums over slots j < i of adv[j] + joint[j]. */
  pos: Float64Array;
  /** Prefix counts of ordinary break opportunities brk[j] === BREAK, j < i. */
  opps: Float64Array;
  /** Prefix sums of shrinkSlot and shrinkJoint. */
  slotShrink: Float64Array;
  jointShrink: Float64Array;
}

/** CJK-Latin spacing as a fraction of the CJK character's em. */
export const CJK_LATIN_SPACE = 0.25;
/** A word space may lose this fraction of its width on an overfull line. */
const SPACE_SHRINK = 1 / 3;

let scratch: Spacing | undefined;

function allocate(n: number): Spacing {
  if (scratch && scratch.joint.length >= n + 1) return scratch;
  const cap = Math.max(n + 1, 1024);
  scratch = {
    joint: new Float64Array(cap),
    brk: new Uint8Array(cap),
    shrinkSlot: new Float64Array(cap),
    shrinkJoint: new Float64Array(cap),
    endTrim: new Float64Array(cap),
    startCut: new Float64Array(cap),
    pos: new Float64Array(cap),
    opps: new Float64Array(cap),
    slotShrink: new Float64Array(cap),
    jointShrink: new Float64Array(cap),
  };
  return scratch;
}

/**
 * Spacing of the slots (in a reused buffer: consume before the next call). With `compress`
 * false, punctuation blanks inside a line do not shrink (full-width setting).
 */
export function computeSpacing(s: Slots, compress = true): Spacing {
  const n = s.n;
  const sp = allocate(n);
  const { joint, brk, shrinkSlot, shrinkJoint, endTrim, startCut, pos, opps, slotShrink, jointShrink } = sp;
  const { cp, cls, adv, blankL, blankR, size } = s;
  joint[0] = 0;
  brk[0] = 0;
  shrinkJoint[0] = 0;
  pos[0] = 0;
  opps[0] = 0;
  slotShrink[0] = 0;
  jointShrink[0] = 0;
  // Label glue: no break inside (gFrom, gTo] (a list label and the first character after it).
  const glue = labelGlue(s);
  let g = 0;
  let gFrom = glue[0] ?? -1;
  let gTo = glue[1] ?? -1;
  for (let i = 0; i < n; i++) {
    const c = cls[i]!;
    let j = 0;
    let jShrink = 0;
    // Whether slot i-1's right blank was already squeezed away by joint i.
    let rightUsed = false;
    if (i > 0) {
      const p = cls[i - 1]!;
      brk[i] = breakBetween(p, c);
      // "( 15-20 )": the break after a space must not leave an opener at the line end.
      if (p === SP && i > 1 && !mayEndLine(cls[i - 2]!)) brk[i] = EMERGENCY;
      if (i <= gTo && i > gFrom) {
        brk[i] = NO_BREAK;
        if (i === gTo) {
          g += 2;
          gFrom = glue[g] ?? -1;
          gTo = glue[g + 1] ?? -1;
        }
      }
      const pr = blankR[i - 1]!;
      const bl = blankL[i]!;
      if (pr > 0 && (bl > 0 || blankR[i]! > 0)) {
        // 。」 、“ )。: the first mark gives up its right blank.
        j = -pr;
        rightUsed = true;
      } else if (bl > 0 && blankL[i - 1]! > 0) {
        // 「『: the second opener gives up its left blank.
        j = -bl;
      } else {
        if (bl > 0 && compress) jShrink = bl;
        if ((p === ID && c === AN && cp[i - 1]! >= 0x2e80) || (p === AN && c === ID && cp[i]! >= 0x2e80)) {
          j = CJK_LATIN_SPACE * (p === ID ? size[i - 1]! : size[i]!);
          jShrink = j / 2;
        }
      }
      // Slot i-1's mid-line shrink is known now that we know whether joint i used its blank
      // (a blank squeezed away by a pair such as ）。 cannot shrink again: the marks would touch).
      const ps = p === SP ? adv[i - 1]! * SPACE_SHRINK : rightUsed || !compress ? 0 : pr;
      shrinkSlot[i - 1] = ps;
      slotShrink[i] = slotShrink[i - 1]! + ps;
    }
    joint[i] = j;
    shrinkJoint[i] = jShrink;
    endTrim[i] = c === SP ? adv[i]! : blankR[i]!;
    // Slot 0 only ever starts the paragraph's first line, which keeps the mark whole.
    startCut[i] = i > 0 && c === OP ? j + blankL[i]! : j;
    pos[i + 1] = pos[i]! + adv[i]! + j;
    opps[i + 1] = opps[i]! + (brk[i] === BREAK && i > 0 ? 1 : 0);
    jointShrink[i + 1] = jointShrink[i]! + jShrink;
  }
  if (n > 0) {
    // The prefix slotShrink[n] is never read across a line end; keep it consistent anyway.
    const last = cls[n - 1] === SP ? adv[n - 1]! * SPACE_SHRINK : compress ? blankR[n - 1]! : 0;
    shrinkSlot[n - 1] = last;
    slotShrink[n] = slotShrink[n - 1]! + last;
  }
  return sp;
}

/**
 * Pairs [from, to] of slot indices: a list label ("A." "1." "(1)" "A、") opens the paragraph
 * or a forced-break line at `from`, and `to` is the first character after it (past spaces
 * and boxes, such as the pad to an options label column). No line may break between them.
 */
const NO_GLUE: number[] = [];

function labelGlue(s: Slots): number[] {
  let out = NO_GLUE;
  for (let k = -1; k < s.forced.length; k++) {
    const st = k < 0 ? 0 : s.forced[k]!;
    const se = k + 1 < s.forced.length ? s.forced[k + 1]! : s.n;
    const end = labelEnd(s.cp, st, se);
    if (end < 0) continue;
    let f = end;
    while (f < se && (s.cls[f] === SP || (s.cls[f] === AT && s.atoms[-s.cp[f]! - 1]!.kind === 'box'))) f++;
    if (f >= se) continue;
    if (out === NO_GLUE) out = [];
    out.push(st, f);
  }
  return out;
}

/** The left blank an opening mark starting a line at slot s gives up (0 for slot 0 and non-openers). */
export function startTrim(sp: Spacing, s: number): number {
  return sp.startCut[s]! - sp.joint[s]!;
}

/** Natural width of slots [s, e) set as one line (joint s and the start and end trims dropped). */
export function lineWidth(sp: Spacing, s: number, e: number): number {
  return sp.pos[e]! - sp.pos[s]! - sp.startCut[s]! - sp.endTrim[e - 1]!;
}

/** Total shrink available inside a line [s, e). */
export function lineShrink(sp: Spacing, s: number, e: number): number {
  if (e - s < 2) return 0;
  return sp.slotShrink[e - 1]! - sp.slotShrink[s]! + sp.jointShrink[e]! - sp.jointShrink[s + 1]!;
}

/** Ordinary break opportunities inside a line [s, e) (where justification stretches). */
export function lineOpportunities(sp: Spacing, s: number, e: number): number {
  if (e - s < 2) return 0;
  return sp.opps[e]! - sp.opps[s + 1]!;
}
