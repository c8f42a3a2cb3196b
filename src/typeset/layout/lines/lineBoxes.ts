// Turns a placed line into a SetLine: text runs (one face+size+colour per run), underlines,
// emphasis dots and atom boxes, plus the line's metrics.
import type { Box, CircleBox, InlineStyle, LineSegBox, SetLine, TextBox } from '../../types.js';
import type { LineRange } from './breakLines.js';
import { isHanOrKana, SP } from './classes.js';
import type { Placement } from './justify.js';
import type { Slots } from './segment.js';

/** Emphasis dot radius, as a fraction of the character's em. */
const DOT_RADIUS = 0.07;

interface StyleMetrics {
  ascent: number;
  descent: number;
  underlineY: number;
  underlineWidth: number;
}

function translated(box: Box, dx: number): Box {
  switch (box.kind) {
    case 'text':
      return { ...box, x: box.x + dx };
    case 'line':
      return { ...box, x1: box.x1 + dx, x2: box.x2 + dx };
    case 'rect':
      return { ...box, x: box.x + dx };
    case 'circle':
      return { ...box, cx: box.cx + dx };
    case 'group': {
      const [a, b, c, d, e, f] = box.transform;
      return { ...box, transform: [a, b, c, d, e + dx, f] };
    }
  }
}

/** The SetLine for one placed line. `metrics` caches per-style font metrics (by style index). */
export function lineBoxes(
  s: Slots,
  line: LineRange,
  placed: Placement,
  width: number,
  lineHeight: number,
  metrics: (styleIndex: number) => StyleMetrics,
): SetLine {
  const { start, end } = line;
  const { xs, ws } = placed;
  const { cp, cls, face, style, size, styles, atoms, cache } = s;
  // A trailing space is not part of the line.
  const last = end > start && cls[end - 1] === SP ? end - 1 : end;
  const boxes: Box[] = [];
  const decorations: Box[] = [];
  let text = '';
  let ascent = 0;
  let descent = 0;
  let maxSize = 0;
  let atomHeight = 0;

  let i = start;
  while (i < last) {
    const c = cp[i]!;
    if (c < 0) {
      const atom = atoms[-c - 1]!;
      const x = xs[i]!;
      for (const b of atom.boxes) boxes.push(translated(b, x));
      text += atom.text;
      ascent = Math.max(ascent, atom.ascent);
      descent = Math.max(descent, atom.descent);
      if (atom.size > maxSize) maxSize = atom.size;
      if (atom.kind === 'box') atomHeight = Math.max(atomHeight, atom.ascent + atom.descent);
      i++;
      continue;
    }
    // One run: same face, size, style (colour and decorations), no atom in between.
    const fi = face[i]!;
    const si = style[i]!;
    const sz = size[i]!;
    const st: InlineStyle = styles[si]!;
    const runX = xs[i]!;
    const dx: number[] = [];
    const runStart = i;
    let bmp = true;
    while (i < last && cp[i]! >= 0 && face[i] === fi && style[i] === si) {
      if (cp[i]! >= 0x10000) bmp = false;
      dx.push(xs[i]! - runX);
      i++;
    }
    // One flat string from the code points (adding a character at a time builds a rope that
    // the PDF writer then has to flatten).
    const codes = cp.subarray(runStart, i) as unknown as number[];
    const runText = bmp ? String.fromCharCode.apply(null, codes) : String.fromCodePoint.apply(null, codes);
    const box: TextBox = { kind: 'text', x: runX, y: 0, face: cache.faces[fi]!.key, size: sz, text: runText, dx };
    if (st.color) box.color = st.color;
    boxes.push(box);
    text += runText;
    const f = cache.faces[fi]!;
    ascent = Math.max(ascent, f.ascent * sz);
    descent = Math.max(descent, -f.descent * sz);
    if (sz > maxSize) maxSize = sz;
    if (st.emphasisDots) {
      const m = metrics(si);
      const r = DOT_RADIUS * sz;
      const cy = m.descent + r;
      for (let k = runStart; k < i; k++) {
        if (!isHanOrKana(cp[k]!)) continue;
        const dot: CircleBox = { kind: 'circle', cx: xs[k]! + ws[k]! / 2, cy, r, fill: st.color ?? '#000000' };
        decorations.push(dot);
      }
    }
  }
  // Decorations sit in the leading: they do not change the line's metrics, so lines with
  // and without emphasis dots keep one baseline grid.
  underlines(s, start, last, xs, ws, placed.lead, metrics, decorations);
  const height = maxSize > 0 ? Math.max(lineHeight * maxSize, atomHeight) : ascent + descent;
  return {
    width,
    naturalWidth: placed.naturalWidth,
    contentWidth: placed.contentEnd,
    ascent,
    descent,
    height,
    justified: placed.justified,
    text,
    boxes: boxes.concat(decorations),
  };
}

/**
 * One segment under each stretch of consecutive underlined characters of one size and
 * colour (justification gaps included).
 */
function underlines(
  s: Slots,
  start: number,
  end: number,
  xs: Float64Array,
  ws: Float64Array,
  lead: number,
  metrics: (styleIndex: number) => StyleMetrics,
  out: Box[],
): void {
  const { cp, style, size, styles } = s;
  let i = start;
  while (i < end) {
    const st = cp[i]! >= 0 ? styles[style[i]!] : undefined;
    if (!st?.underline) {
      i++;
      continue;
    }
    const first = i;
    const sz = size[i]!;
    while (i < end && cp[i]! >= 0 && size[i] === sz) {
      const t = styles[style[i]!]!;
      if (!t.underline || t.color !== st.color) break;
      i++;
    }
    const m = metrics(style[first]!);
    const seg: LineSegBox = {
      kind: 'line', x1: xs[first]! + (first === start ? lead : 0), y1: m.underlineY, x2: xs[i - 1]! + ws[i - 1]!, y2: m.underlineY,
      width: m.underlineWidth,
    };
    if (st.color) seg.color = st.color;
    out.push(seg);
  }
}
