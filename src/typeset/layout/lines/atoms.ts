// Atomic inlines: the answer blank (an underline, the answer centred on it) and the answer
// bracket (full-width parentheses around the answer space), and inline boxes.
import type { Box, InlineItem, InlineStyle } from '../../types.js';
import { AN, charClass, ID } from './classes.js';
import { type FontCache, notCovered } from './measure.js';
import { CJK_LATIN_SPACE } from './spacing.js';

/** An atomic inline: its boxes are relative to its own origin (left edge, baseline). */
export interface Atom {
  kind: 'blank' | 'bracket' | 'box';
  width: number;
  ascent: number;
  descent: number;
  /** The font size that counts for line height (0 for boxes). */
  size: number;
  /** Removable blank of the bracket's full-width parentheses, outside (pt). */
  blankL: number;
  blankR: number;
  text: string;
  boxes: Box[];
}

/** Characters of `text` in `style`, with faces and advances (for answers in blanks). */
export function shapeText(
  text: string,
  style: InlineStyle,
  cache: FontCache,
  from?: string,
): { cps: number[]; faces: number[]; advs: number[]; width: number } {
  const chooser = cache.chooser(style.family, style.bold);
  const cps: number[] = [];
  const faces: number[] = [];
  const advs: number[] = [];
  let width = 0;
  let prevCls = -1;
  let prevCp = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const fi = chooser.resolve(cp);
    if (fi < 0) throw notCovered(cp, style, cache, from);
    const a = cache.advance(fi, cp) * style.size;
    // The same CJK-Latin quarter em as in running text ("24 小时"), added to the previous advance.
    const cls = charClass(cp);
    if ((prevCls === ID && cls === AN && prevCp >= 0x2e80) || (prevCls === AN && cls === ID && cp >= 0x2e80)) {
      advs[advs.length - 1]! += CJK_LATIN_SPACE * style.size;
      width += CJK_LATIN_SPACE * style.size;
    }
    prevCls = cls;
    prevCp = cp;
    cps.push(cp);
    faces.push(fi);
    advs.push(a);
    width += a;
  }
  return { cps, faces, advs, width };
}

/** TextBoxes for shaped characters starting at x on the baseline (one box per face run). */
export function textRuns(
  shaped: { cps: number[]; faces: number[]; advs: number[] },
  x: number,
  style: InlineStyle,
  cache: FontCache,
): Box[] {
  const boxes: Box[] = [];
  let i = 0;
  let pos = x;
  while (i < shaped.cps.length) {
    const fi = shaped.faces[i]!;
    const runX = pos;
    let text = '';
    const dx: number[] = [];
    while (i < shaped.cps.length && shaped.faces[i] === fi) {
      text += String.fromCodePoint(shaped.cps[i]!);
      dx.push(pos - runX);
      pos += shaped.advs[i]!;
      i++;
    }
    const box: Box = { kind: 'text', x: runX, y: 0, face: cache.faces[fi]!.key, size: style.size, text, dx };
    if (style.color) box.color = style.color;
    boxes.push(box);
  }
  return boxes;
}

function faceMetrics(style: InlineStyle, cache: FontCache): { ascent: number; descent: number; uPos: number; uThick: number } {
  const f = cache.faces[cache.primaryFaceIndex(style.family, style.bold)]!;
  return {
    ascent: f.ascent * style.size,
    descent: -f.descent * style.size,
    uPos: -f.underlinePosition * style.size,
    uThick: f.underlineThickness * style.size,
  };
}

const OPEN_PAREN = 0xff08;
const CLOSE_PAREN = 0xff09;

export function makeAtom(item: Exclude<InlineItem, { kind: 'text' } | { kind: 'break' }>, cache: FontCache): Atom {
  if (item.kind === 'box') {
    return {
      kind: 'box', width: item.width, ascent: item.ascent, descent: item.descent, size: 0,
      blankL: 0, blankR: 0, text: '', boxes: item.boxes,
    };
  }
  const st = item.style;
  const m = faceMetrics(st, cache);
  const answer = item.answer ? shapeText(item.answer, st, cache) : undefined;
  if (item.kind === 'blank') {
    // The blank grows to hold its answer with a little air on both sides.
    const width = Math.max(item.width, answer ? answer.width + st.size : 0);
    const boxes: Box[] = [];
    if (answer) boxes.push(...textRuns(answer, (width - answer.width) / 2, st, cache));
    const line: Box = { kind: 'line', x1: 0, y1: m.uPos, x2: width, y2: m.uPos, width: m.uThick };
    if (st.color) line.color = st.color;
    boxes.push(line);
    return {
      kind: 'blank', width, ascent: m.ascent, descent: m.descent, size: st.size,
      blankL: 0, blankR: 0, text: item.answer ?? '', boxes,
    };
  }
  // The answer bracket: full-width parentheses around two em of space (or the answer).
  const open = shapeText(String.fromCodePoint(OPEN_PAREN), st, cache);
  const close = shapeText(String.fromCodePoint(CLOSE_PAREN), st, cache);
  const inner = Math.max(2 * st.size, answer ? answer.width : 0);
  const width = open.width + inner + close.width;
  const boxes: Box[] = [...textRuns(open, 0, st, cache)];
  if (answer) boxes.push(...textRuns(answer, open.width + (inner - answer.width) / 2, st, cache));
  boxes.push(...textRuns(close, open.width + inner, st, cache));
  // The blank outside each parenthesis, as wide as its face leaves free of ink.
  const outside = (cp: number, w: number, side: number): number => {
    const fi = cache.chooser(st.family, st.bold).resolve(cp);
    return w >= 0.9 * st.size && fi >= 0 ? cache.blank(fi, cp, side) * st.size : 0;
  };
  return {
    kind: 'bracket', width, ascent: m.ascent, descent: m.descent, size: st.size,
    blankL: outside(OPEN_PAREN, open.width, -1), blankR: outside(CLOSE_PAREN, close.width, 1),
    text: `\uFF08${item.answer ?? ''}\uFF09`, boxes,
  };
}
