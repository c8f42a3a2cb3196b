// Itemizes inline items into one flat array of "slots" (a character, a collapsed space, or
// an atomic blank/bracket/box) with class, face, size and advance, in typed arrays.
import type { Box, InlineItem, InlineStyle } from '../../types.js';
import { TypesetError } from '../../types.js';
import { AN, AT, BR, blankSide, charClass, CL, ID, isCollapsibleSpace, isIgnorable, isLatinish, OP, SP } from './classes.js';
import type { FontCache } from './measure.js';
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

export interface Slots {
  n: number;
  /** Code point; for atoms -(atom index + 1). */
  cp: Int32Array;
  cls: Uint8Array;
  /** Face index in the FontCache (-1 for atoms). */
  face: Int16Array;
  style: Uint16Array;
  size: Float64Array;
  /** Advance in points. */
  adv: Float64Array;
  /** Removable blank of full-width punctuation on the left/right side, in points. */
  blankL: Float64Array;
  blankR: Float64Array;
  styles: InlineStyle[];
  atoms: Atom[];
  /** Slot indices before which a forced break falls, ascending (may repeat). */
  forced: number[];
  /** The font size in force at each forced break (for the height of empty lines). */
  forcedSize: number[];
  cache: FontCache;
}

let scratch: Slots | undefined;

function allocate(capacity: number, cache: FontCache): Slots {
  if (scratch && scratch.cp.length >= capacity) {
    scratch.n = 0;
    scratch.styles = [];
    scratch.atoms = [];
    scratch.forced = [];
    scratch.forcedSize = [];
    scratch.cache = cache;
    return scratch;
  }
  const cap = Math.max(capacity, 1024);
  scratch = {
    n: 0,
    cp: new Int32Array(cap),
    cls: new Uint8Array(cap),
    face: new Int16Array(cap),
    style: new Uint16Array(cap),
    size: new Float64Array(cap),
    adv: new Float64Array(cap),
    blankL: new Float64Array(cap),
    blankR: new Float64Array(cap),
    styles: [],
    atoms: [],
    forced: [],
    forcedSize: [],
    cache,
  };
  return scratch;
}

function notCovered(cp: number, style: InlineStyle, cache: FontCache, from: string | undefined): TypesetError {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return new TypesetError(
    `character "${String.fromCodePoint(cp)}" (U+${hex}) is not covered by ${cache.fonts.describe(style.family)}`,
    undefined,
    from,
  );
}

/**
 * The slots of a paragraph. Whitespace runs collapse to one space, vanish between two
 * CJK-like characters, next to full-width punctuation, and at the ends of the paragraph
 * and around forced breaks. The result lives in a reused buffer: consume it before the
 * next call.
 */
export function segmentItems(items: InlineItem[], cache: FontCache): Slots {
  let capacity = 1;
  for (const it of items) capacity += it.kind === 'text' ? it.text.length + 1 : 2;
  const s = allocate(capacity, cache);
  const { cp: cps, cls: clss, face: faces, style: stl, size: sizes, adv, blankL, blankR } = s;
  const styleIndex = new Map<InlineStyle, number>();
  const styleOf = (st: InlineStyle): number => {
    let i = styleIndex.get(st);
    if (i === undefined) {
      i = s.styles.length;
      s.styles.push(st);
      styleIndex.set(st, i);
    }
    return i;
  };

  let n = 0;
  let segStart = 0; // first slot after the last forced break
  let pending = false; // whitespace seen since the last slot
  let pendingStyle: InlineStyle | undefined;
  let pendingFrom: string | undefined;
  let lastSize = 0;

  const pushSpaceIfKept = (nextCls: number, nextBlankL: number): void => {
    pending = false;
    if (n === segStart) return;
    const prevCls = clss[n - 1]!;
    if (prevCls === SP) return;
    // Full-width punctuation already carries its own blank.
    if (blankR[n - 1]! > 0 || nextBlankL > 0 || nextCls === CL) return;
    // Keep a space next to a Latin letter or digit, or between Latin punctuation;
    // drop it between CJK characters (template newlines) and after "1." or "经理," before CJK.
    if (prevCls !== AN && nextCls !== AN && !(isLatinish(prevCls) && isLatinish(nextCls))) return;
    const st = pendingStyle!;
    const chooser = cache.chooser(st.family, st.bold);
    const fi = chooser.resolve(0x20);
    if (fi < 0) throw notCovered(0x20, st, cache, pendingFrom);
    cps[n] = 0x20;
    clss[n] = SP;
    faces[n] = fi;
    stl[n] = styleOf(st);
    sizes[n] = st.size;
    adv[n] = cache.advance(fi, 0x20) * st.size;
    blankL[n] = 0;
    blankR[n] = 0;
    n++;
  };

  for (const item of items) {
    if (item.kind === 'text') {
      const st = item.style;
      const si = styleOf(st);
      const size = st.size;
      const chooser = cache.chooser(st.family, st.bold);
      const bmp = chooser.bmp;
      const text = item.text;
      const len = text.length;
      for (let k = 0; k < len; k++) {
        let cp = text.charCodeAt(k);
        if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < len) {
          const lo = text.charCodeAt(k + 1);
          if (lo >= 0xdc00 && lo < 0xe000) {
            cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            k++;
          }
        }
        if (isIgnorable(cp)) continue;
        if (isCollapsibleSpace(cp)) {
          if (!pending) {
            pending = true;
            pendingStyle = st;
            pendingFrom = item.from;
          }
          continue;
        }
        const cls = charClass(cp);
        let fi = cp < 0x10000 ? bmp[cp]! : -1;
        if (fi < 0) {
          fi = chooser.resolve(cp);
          if (fi < 0) throw notCovered(cp, st, cache, item.from);
        }
        const a = cache.advance(fi, cp);
        // Only a mark drawn full width has a half-em blank to squeeze.
        const side = (cls === CL || cls === OP) && a >= 0.9 ? blankSide(cp) : 0;
        const bl = side < 0 ? (a * size) / 2 : 0;
        if (pending) pushSpaceIfKept(cls, bl);
        cps[n] = cp;
        clss[n] = cls;
        faces[n] = fi;
        stl[n] = si;
        sizes[n] = size;
        adv[n] = a * size;
        blankL[n] = bl;
        blankR[n] = side > 0 ? (a * size) / 2 : 0;
        n++;
      }
      lastSize = size;
    } else if (item.kind === 'break') {
      pending = false;
      s.forced.push(n);
      s.forcedSize.push(lastSize);
      segStart = n;
    } else {
      const atom = makeAtom(item, cache);
      const cls = item.kind === 'bracket' ? BR : AT;
      if (pending) pushSpaceIfKept(cls, atom.blankL);
      const ai = s.atoms.length;
      s.atoms.push(atom);
      cps[n] = -(ai + 1);
      clss[n] = cls;
      faces[n] = -1;
      stl[n] = item.kind === 'box' ? 0 : styleOf(item.style);
      sizes[n] = atom.size;
      adv[n] = atom.width;
      blankL[n] = atom.blankL;
      blankR[n] = atom.blankR;
      if (atom.size > 0) lastSize = atom.size;
      n++;
    }
  }
  s.n = n;
  return s;
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

function makeAtom(item: Exclude<InlineItem, { kind: 'text' } | { kind: 'break' }>, cache: FontCache): Atom {
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
  const half = (w: number): number => (w >= 0.9 * st.size ? w / 2 : 0);
  return {
    kind: 'bracket', width, ascent: m.ascent, descent: m.descent, size: st.size,
    blankL: half(open.width), blankR: half(close.width),
    text: `\uFF08${item.answer ?? ''}\uFF09`, boxes,
  };
}
