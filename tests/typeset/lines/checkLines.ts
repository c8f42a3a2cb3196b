// Invariants every set paragraph must satisfy, written independently of the engine's own
// class tables: kinsoku, unsplit dashes and Latin words, exact justification, no overflow,
// and no lost or invented text.
import type { FontFace, FontSet, SetLine, TextBox } from '../../../src/typeset/types.js';

const NO_START = new Set([...',。、;:?!)]}」』】〕〉》”’%·，．：；？！）］｝％']);
const NO_END = new Set([...'([{「『【〔〈《“‘（［｛']);
const BLANK_RIGHT = new Set([...'。、」』】〕〉》”’，．：；？！）］｝']);
const BLANK_LEFT = new Set([...'「『【〔〈《“‘（［｛']);
const LATIN = /[A-Za-z0-9]/;
const LATIN_END = /[A-Za-z0-9\-./]/;
const DASHES = new Set([...'—―…']);

export interface CheckOptions {
  width: number;
  /** First-line indent and hang, as given to setParagraph. */
  indent?: number;
  hang?: number;
  justify: boolean;
  /**
   * Where a glyph's ink really lies ([left, right], em from its origin), for the overlap check
   * of full-width marks; without it a mark's ink is taken to fill the half of its em away from
   * its blank side (the GB convention the fake fonts follow).
   */
  ink?: (face: FontFace, codePoint: number) => readonly [number, number] | undefined;
}

function faceByKey(fonts: FontSet): Map<string, FontFace> {
  return new Map(fonts.faces().map((f) => [f.key, f]));
}

/** Problems found in `lines` set from the plain text `input` (empty when all is well). */
export function lineProblems(input: string, lines: SetLine[], fonts: FontSet, opts: CheckOptions): string[] {
  const problems: string[] = [];
  const faces = faceByKey(fonts);
  const say = (i: number, what: string): void => {
    problems.push(`line ${i + 1} of ${lines.length} "${lines[i]?.text}": ${what}`);
  };

  // 1. The text comes back: every non-space character of the input, in order, nothing else.
  const chars = [...input];
  let p = 0;
  const spaceBefore: boolean[] = []; // whether the input had whitespace before line i's first char
  for (let i = 0; i < lines.length; i++) {
    let sawSpace = false;
    for (const ch of lines[i]!.text) {
      if (ch === ' ') continue;
      while (p < chars.length && /\s/.test(chars[p]!)) {
        p++;
        sawSpace = true;
      }
      if (chars[p] !== ch) {
        say(i, `character "${ch}" does not match the input ("${chars.slice(p, p + 10).join('')}" expected)`);
        return problems;
      }
      p++;
      if (spaceBefore.length === i) spaceBefore.push(sawSpace);
    }
    if (lines[i]!.text.length === 0) say(i, 'empty line');
    if (/^\s|\s$/.test(lines[i]!.text)) say(i, 'starts or ends with a space');
  }
  while (p < chars.length && /\s/.test(chars[p]!)) p++;
  if (p !== chars.length) problems.push(`input left over: "${chars.slice(p, p + 20).join('')}"`);

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = [...line.text];
    const next = lines[i + 1] ? [...lines[i + 1]!.text] : undefined;
    // 2. Kinsoku.
    if (i > 0 && NO_START.has(t[0]!)) say(i, `starts with "${t[0]}"`);
    if (next && NO_END.has(t[t.length - 1]!)) say(i, `ends with "${t[t.length - 1]}"`);
    if (next) {
      const last = t[t.length - 1]!;
      const first = next[0]!;
      // 3. —— and …… stay together; Latin words and numbers stay whole.
      if (DASHES.has(last) && last === first) say(i, `splits "${last}${first}"`);
      if (LATIN_END.test(last) && LATIN.test(first) && !spaceBefore[i + 1]) say(i, `splits a Latin word: "${last}|${first}"`);
    }

    // 4. Geometry, from the boxes: left edge, right edge of the last glyph.
    const x0 = i === 0 ? (opts.indent ?? 0) : (opts.hang ?? 0);
    let right = -Infinity;
    let left = Infinity;
    const texts = line.boxes.filter((b): b is TextBox => b.kind === 'text');
    let prevInkEnd = -Infinity;
    let prevCh = '';
    for (const b of texts) {
      const face = faces.get(b.face)!;
      let k = 0;
      for (const ch of b.text) {
        const x = b.x + b.dx[k++]!;
        const cp = ch.codePointAt(0)!;
        const adv = face.advance(cp) * b.size;
        const full = adv >= 0.9 * b.size;
        const mark = full && (BLANK_LEFT.has(ch) || BLANK_RIGHT.has(ch));
        // Edges: a mark's blank may hang outside the measure, its ink (as the face measures it) may not.
        const measured = mark && opts.ink ? face.inkExtent?.(cp) : undefined;
        // (A mark keeps at least the half of its em away from its blank side, however small its ink.)
        const blankLeft = BLANK_LEFT.has(ch) && full;
        const blankRight = BLANK_RIGHT.has(ch) && full;
        const edgeStart = x + (blankLeft ? (measured ? Math.min(adv / 2, measured[0] * b.size) : adv / 2) : 0);
        const edgeEnd = x + (blankRight ? (measured ? Math.max(adv / 2, measured[1] * b.size) : adv / 2) : adv);
        left = Math.min(left, edgeStart);
        right = Math.max(right, edgeEnd);
        // 5. Squeezing and shrinking never push a glyph's ink into its neighbour's (）。 touching).
        const ink = mark && opts.ink ? opts.ink(face, cp) : undefined;
        const inkStart = ink ? x + ink[0] * b.size : edgeStart;
        const inkEnd = ink ? x + ink[1] * b.size : edgeEnd;
        if (ch !== ' ' && inkStart < prevInkEnd - 0.01) say(i, `"${prevCh}${ch}" overlap by ${(prevInkEnd - inkStart).toFixed(3)}`);
        if (ch !== ' ') {
          prevInkEnd = inkEnd;
          prevCh = ch;
        }
      }
    }
    for (const b of line.boxes) {
      if (b.kind === 'line') right = Math.max(right, b.x2);
    }
    if (left < x0 - 0.01) say(i, `content starts at ${left.toFixed(3)}, left of ${x0}`);
    if (right > opts.width + 0.01) say(i, `content ends at ${right.toFixed(3)}, beyond the measure ${opts.width}`);
    // A line of one character cannot be spread (the next unit alone nearly fills a line).
    if (opts.justify && next && t.length > 1) {
      if (!line.justified) say(i, 'not justified');
      if (Math.abs(line.contentWidth - opts.width) > 0.01) say(i, `contentWidth ${line.contentWidth.toFixed(3)} ≠ ${opts.width}`);
      if (Math.abs(right - opts.width) > 0.01) say(i, `last glyph ends at ${right.toFixed(3)}, not at the measure ${opts.width}`);
    }
  }
  return problems;
}
