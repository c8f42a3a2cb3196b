// List labels that open a paragraph or a line: "1." "12)" "A." "A、" "(1)" "（A）". A label keeps
// the word space written after it ("1. 对于") and is never left alone at the end of a line.

const DOT = 0x2e;
const OPEN = 0x28;
const CLOSE = 0x29;
const FULL_OPEN = 0xff08;
const FULL_CLOSE = 0xff09;
const FULL_DOT = 0xff0e;
const COMMA_MARK = 0x3001; // 、

const isDigit = (cp: number): boolean => cp >= 0x30 && cp <= 0x39;
const isLetter = (cp: number): boolean => (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);

/**
 * The index just after a label that starts at `start` in `cp[start..end)`, or -1 when there
 * is none. A label is 1-3 digits or one Latin letter, closed by . ) 、 ．） (a bracketed label
 * "(1)" "（A）" must close with its paren).
 */
export function labelEnd(cp: Int32Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return -1;
  const open = cp[i]!;
  const bracketed = open === OPEN || open === FULL_OPEN;
  if (bracketed) i++;
  const first = i;
  if (i < end && isLetter(cp[i]!)) i++;
  else while (i < end && i - first < 3 && isDigit(cp[i]!)) i++;
  if (i === first || i >= end) return -1;
  const close = cp[i]!;
  if (bracketed) return close === CLOSE || close === FULL_CLOSE ? i + 1 : -1;
  return close === DOT || close === CLOSE || close === COMMA_MARK || close === FULL_DOT || close === FULL_CLOSE ? i + 1 : -1;
}
