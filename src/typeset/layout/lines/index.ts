// The CJK line engine: inline items → set lines (kinsoku, squeezing, CJK-Latin spacing,
// justification). Stages: segment → spacing → breakLines → justify → lineBoxes.
import type { FontSet, InlineItem, ParagraphStyle, SetLine } from '../../types.js';
import { breakSegment, breakSegmentOptimal, COMPRESSED_SHRINK_COST, type LineRange } from './breakLines.js';
import { placeLine } from './justify.js';
import { BREAK } from './kinsoku.js';
import { lineBoxes } from './lineBoxes.js';
import { fontCache, type FontCache } from './measure.js';
import { segmentItems, type Slots } from './segment.js';
import { computeSpacing, lineWidth, type Spacing } from './spacing.js';

/**
 * Breaks and sets a paragraph to `width` points. Boxes of each line are relative to the
 * line's left edge (x; the indent or hang is included in x) and its baseline (y = 0, y
 * grows downwards). `SetLine.ascent` and `SetLine.descent` are both positive distances
 * from the baseline; `height` is `lineHeight` × the largest font size on the line.
 * Returns [] for a paragraph with no content. Throws TypesetError when no configured font
 * covers a character.
 */
export function setParagraph(
  items: InlineItem[],
  para: ParagraphStyle,
  width: number,
  fonts: FontSet,
): SetLine[] {
  const cache = fontCache(fonts);
  const slots = segmentItems(items, cache);
  if (slots.n === 0 && slots.forced.length === 0) return [];
  const compress = para.punctuation !== 'full-width';
  const sp = computeSpacing(slots, compress);
  const shrinkCost = compress ? COMPRESSED_SHRINK_COST : 1;
  const emSize = typicalSize(slots);
  const metrics = styleMetrics(slots, cache);
  const justify = para.align === 'justify';
  const hang = para.hang ?? 0;
  const out: SetLine[] = [];
  const ranges: LineRange[] = [];
  const bounds = [0, ...slots.forced, slots.n];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k]!;
    const b = bounds[k + 1]!;
    const firstLine = k === 0;
    if (a === b) {
      // A forced break at the very end adds nothing; elsewhere an empty segment is an empty line.
      if (k > 0 && k === bounds.length - 2) continue;
      const size = slots.forcedSize[Math.max(0, k - 1)] || emSize;
      out.push(emptyLine(width, para.lineHeight * size, firstLine ? para.indent : hang));
      continue;
    }
    ranges.length = 0;
    const optimal = justify && breakSegmentOptimal(sp, a, b, firstLine, width, para.indent, hang, emSize, ranges, shrinkCost);
    if (!optimal) breakSegment(sp, a, b, firstLine, width, para.indent, hang, justify, emSize, ranges, shrinkCost);
    for (const line of ranges) {
      const placed = placeLine(slots, sp, line, para.align);
      out.push(lineBoxes(slots, line, placed, width, para.lineHeight, metrics));
    }
  }
  return out;
}

/**
 * `natural`: the width of the content set on one line (the widest line when it holds
 * forced breaks). `minContent`: the widest unit that can never be broken (a Latin word, a
 * character with its kinsoku neighbours, a bracket, a blank). Use them to choose 4/2/1
 * options per row and table column widths.
 */
export function measureInline(items: InlineItem[], fonts: FontSet): { natural: number; minContent: number } {
  const slots = segmentItems(items, fontCache(fonts));
  if (slots.n === 0) return { natural: 0, minContent: 0 };
  const sp = computeSpacing(slots);
  const bounds = [0, ...slots.forced, slots.n];
  let natural = 0;
  let minContent = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k]!;
    const b = bounds[k + 1]!;
    if (a === b) continue;
    natural = Math.max(natural, lineWidth(sp, a, b));
    minContent = Math.max(minContent, widestUnit(sp, a, b));
  }
  return { natural, minContent };
}

function widestUnit(sp: Spacing, a: number, b: number): number {
  let widest = 0;
  let u = a;
  for (let e = a + 1; e <= b; e++) {
    if (e < b && sp.brk[e] !== BREAK) continue;
    widest = Math.max(widest, lineWidth(sp, u, e));
    u = e;
  }
  return widest;
}

/** The size that scales stretch and margins: the first character's size. */
function typicalSize(s: Slots): number {
  for (let i = 0; i < s.n; i++) if (s.size[i]! > 0) return s.size[i]!;
  return s.styles[0]?.size ?? 10;
}

function styleMetrics(s: Slots, cache: FontCache) {
  const memo = new Map<number, { ascent: number; descent: number; underlineY: number; underlineWidth: number }>();
  return (si: number) => {
    let m = memo.get(si);
    if (!m) {
      const st = s.styles[si]!;
      const f = cache.faces[cache.primaryFaceIndex(st.family, st.bold)]!;
      m = {
        ascent: f.ascent * st.size,
        descent: -f.descent * st.size,
        underlineY: -f.underlinePosition * st.size,
        underlineWidth: f.underlineThickness * st.size,
      };
      memo.set(si, m);
    }
    return m;
  };
}

function emptyLine(width: number, height: number, x: number): SetLine {
  return {
    width, naturalWidth: 0, contentWidth: x, ascent: height * 0.8, descent: height * 0.2, height,
    justified: false, text: '', boxes: [],
  };
}
