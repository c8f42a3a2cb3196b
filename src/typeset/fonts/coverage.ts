// Which characters of a text no configured font can draw (for errors before layout).
import type { FamilyName, FontSet } from '../types.js';

export interface UncoveredChar {
  char: string;
  codePoint: number;
  /** Index in code points (not UTF-16 units) of the character in the text. */
  index: number;
}

/** Characters the family (with its fallbacks) cannot draw; whitespace controls are ignored. */
export function findUncovered(text: string, family: FamilyName, fonts: FontSet, bold = false): UncoveredChar[] {
  const missing: UncoveredChar[] = [];
  let index = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint > 0x20 && codePoint !== 0x7f && !fonts.faceFor(codePoint, family, bold)) {
      missing.push({ char, codePoint, index });
    }
    index++;
  }
  return missing;
}

/** "U+2603 ☃" for messages. */
export function describeCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(codePoint)}`;
}
