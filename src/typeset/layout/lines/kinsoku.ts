// Break opportunities between two adjacent characters (W3C clreq kinsoku on top of a
// UAX #14-like classification), as a class-pair table.
import {
  BR, CL, CLASS_COUNT, CLH, HY, IN, isLatinish, OP, OPH, QU, SP,
} from './classes.js';

/** No break here, ever (before a space: the break goes after it). */
export const NO_BREAK = 0;
/** An ordinary break opportunity (also a justification opportunity). */
export const BREAK = 1;
/** Used only to split a unit wider than the line: after a hyphen (preferred). */
export const EMERGENCY_HYPHEN = 2;
/** Used only to split a unit wider than the line: anywhere else. */
export const EMERGENCY = 3;

function pairRule(a: number, b: number): number {
  if (b === SP) return NO_BREAK;
  if (a === SP) return b === CL || b === CLH || b === BR ? EMERGENCY : BREAK;
  // Kinsoku: closing marks and the answer bracket never start a line, openers never end one.
  if (b === CL || b === CLH || b === BR) return EMERGENCY;
  if (a === OP || a === OPH) return EMERGENCY;
  if (a === QU || b === QU) return EMERGENCY;
  // —— and …… are one mark drawn with two characters.
  if (a === IN && b === IN) return EMERGENCY;
  // Latin words and numbers (15-20, 80%, P150) are never broken except when they must be.
  if (isLatinish(a) && isLatinish(b)) return a === HY ? EMERGENCY_HYPHEN : EMERGENCY;
  return BREAK;
}

const PAIR_TABLE = (() => {
  const t = new Uint8Array(CLASS_COUNT * CLASS_COUNT);
  for (let a = 0; a < CLASS_COUNT; a++) {
    for (let b = 0; b < CLASS_COUNT; b++) t[a * CLASS_COUNT + b] = pairRule(a, b);
  }
  return t;
})();

/** The break kind between a character of class `a` and a following one of class `b`. */
export function breakBetween(a: number, b: number): number {
  return PAIR_TABLE[a * CLASS_COUNT + b]!;
}

/** Classes a line must not end with. */
export function mayEndLine(cls: number): boolean {
  return cls !== OP && cls !== OPH;
}
