// Itemizes inline items into one flat array of "slots" (a character, a collapsed space, or
// an atomic blank/bracket/box) with class, face, size and advance, in typed arrays.
import type { InlineItem, InlineStyle } from '../../types.js';
import { type Atom, makeAtom } from './atoms.js';
import { AN, AT, BR, blankSide, charClass, CL, CLH, isCollapsibleSpace, isIgnorable, isLatinish, OP, SP } from './classes.js';
import { labelEnd } from './labels.js';
import { type FontCache, notCovered } from './measure.js';

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

/**
 * The slots of a paragraph. A whitespace run becomes one space when it sits next to a
 * Latin letter or digit or between two Latin punctuation marks, and vanishes elsewhere
 * (between CJK characters, next to full-width punctuation, at the ends of the paragraph
 * and around forced breaks). The result lives in a reused buffer: consume it before the
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
    // Keep a space next to a Latin letter or digit, or between Latin punctuation, or after a
    // list label opening the line ("1. 对于"); drop it between CJK characters (template
    // newlines) and after "经理," or "部;" before CJK.
    if (prevCls !== AN && nextCls !== AN && !(isLatinish(prevCls) && isLatinish(nextCls))
      && !(prevCls === CLH && labelEnd(cps, segStart, n) === n)) return;
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
        // Only a mark drawn full width has a blank to squeeze: on the side its class says,
        // as wide as the face leaves that side free of ink (half the em at most).
        const side = (cls === CL || cls === OP) && a >= 0.9 ? blankSide(cp) : 0;
        const blank = side !== 0 ? cache.blank(fi, cp, side) * size : 0;
        const bl = side < 0 ? blank : 0;
        if (pending) pushSpaceIfKept(cls, bl);
        cps[n] = cp;
        clss[n] = cls;
        faces[n] = fi;
        stl[n] = si;
        sizes[n] = size;
        adv[n] = a * size;
        blankL[n] = bl;
        blankR[n] = side > 0 ? blank : 0;
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
