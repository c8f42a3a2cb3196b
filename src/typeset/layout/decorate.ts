// What sits in the margins, added once the page count is known: headers and footers with
// <page-number/>/<page-count/>, and the seal line (密封线) in the binding margin.
import { type Box, type ElementNode, type InlineStyle, type ParagraphStyle, TypesetError } from '../types.js';
import { lengthPt, PT_PER_MM } from '../markup/units.js';
import { pushTranslated } from './boxes.js';
import { baselineOffset, type BlockContext, locate, setLines } from './context.js';
import { inlineItems, withPageNumbers } from './inline.js';
import { contentBox, type PageMaster } from './master.js';
import type { PageFrame } from './paginate.js';
import { textBox, textWidth } from './text.js';

const applies = (el: ElementNode, pageNumber: number): boolean => {
  const which = el.attrs.pages ?? 'all';
  return which === 'all' || (which === 'odd') === (pageNumber % 2 === 1);
};

/** What a page knows for its running head: the current chapter's running title, and whether a chapter starts on it. */
export interface RunningContext {
  heading: string;
  headingStarts: boolean;
}

/** Header or footer boxes for one page, set in the margin above or below the text area. */
export function runningBoxes(el: ElementNode, where: 'header' | 'footer', page: PageFrame, total: number, ctx: BlockContext, running: RunningContext = { heading: '', headingStarts: false }): Box[] {
  if (!page.master.running || !applies(el, page.number)) return [];
  if (running.headingStarts && el.attrs['heading-pages'] === 'false') return [];
  const size = el.attrs.size ? lengthPt(el.attrs.size, ctx.base.size) : ctx.base.size * 0.85;
  const style: InlineStyle = { family: el.attrs.font ?? 'serif', bold: false, size };
  const para: ParagraphStyle = { align: (el.attrs.align as ParagraphStyle['align'] | undefined) ?? 'center', indent: 0, lineHeight: 1.2 };
  const items = withPageNumbers(inlineItems(el.children, style), page.number, total, running.heading);
  if (!items.length) return [];
  const box = contentBox(page.master, page.number);
  const width = box.right - box.left;
  const lines = setLines(ctx, items, para, width, el);
  const height = lines.reduce((h, l) => h + l.height, 0);
  const m = page.master;
  const gap = Math.min(8 * PT_PER_MM, (where === 'header' ? m.margin.top : m.margin.bottom) * 0.4);
  let y = where === 'header' ? box.top - gap - height : box.bottom + gap;
  const out: Box[] = [];
  for (const line of lines) {
    pushTranslated(out, line.boxes, box.left, y + baselineOffset(line));
    y += line.height;
  }
  if (el.attrs.rule === 'true') {
    const ry = where === 'header' ? box.top - gap + 2 : box.bottom + gap - 2;
    out.push({ kind: 'line', x1: box.left, y1: ry, x2: box.right, y2: ry, width: 0.5 });
  }
  return out;
}

const SEAL_TEXT = '密封线内不要答题';
const MIN_SEAL_SPACE = 22 * PT_PER_MM;

export function hasSealSpace(master: PageMaster): boolean {
  return master.margin.left + master.binding >= MIN_SEAL_SPACE;
}

export function checkSealSpace(seal: ElementNode, master: PageMaster): void {
  const space = master.margin.left + master.binding;
  if (!hasSealSpace(master))
    throw new TypesetError(
      `${locate(seal.pos)}: <seal> needs at least 22mm left of the text, the page has ${(space / PT_PER_MM).toFixed(0)}mm: set binding-margin="15mm" (or more) on <doc> or <page>`,
      seal.pos,
    );
}

/**
 * The seal in the left margin of a page: a dashed line broken by "密 封 线 内 不 要 答 题",
 * and the candidate fields with underlines, all reading bottom to top (rotated 90°).
 */
export function sealBoxes(seal: ElementNode, page: PageFrame, ctx: BlockContext): Box[] {
  const which = seal.attrs.pages ?? 'odd';
  if (which === 'odd' && page.number % 2 === 0) return [];
  const m = page.master;
  const box = contentBox(m, page.number);
  const space = box.left;
  const lineX = space * 0.68;
  const top = box.top;
  const bottom = box.bottom;
  const length = bottom - top;
  const size = ctx.base.size * 1.05;
  const text = [...(seal.attrs.text ?? SEAL_TEXT).replace(/\s+/g, '')];
  const out: Box[] = [];
  // Local frame: u runs up the page from `bottom`, v to the right; [0,-1,1,0,e,f] maps (u,v) → (e+v, f-u).
  const rotated = (x: number, boxes: Box[]): Box => ({ kind: 'group', transform: [0, -1, 1, 0, x, bottom], boxes });

  const pitch = length / text.length;
  const glyphs: Box[] = [];
  const gaps: Array<[number, number]> = [];
  text.forEach((ch, i) => {
    const centre = pitch * (i + 0.5);
    const w = textWidth(ctx.fonts, 'sans', false, size, ch);
    glyphs.push(textBox(ctx.fonts, 'sans', false, size, ch, centre - w / 2, 0.36 * size));
    gaps.push([centre - 0.75 * size, centre + 0.75 * size]);
  });
  out.push(rotated(lineX, glyphs));
  // The dashed line, interrupted where the characters sit.
  let from = 0;
  for (const [g0, g1] of [...gaps, [length, length] as [number, number]]) {
    if (g0 > from) out.push({ kind: 'line', x1: lineX, y1: bottom - from, x2: lineX, y2: bottom - g0, width: 0.6, dash: [3, 2] });
    from = g1;
  }

  const fields = (seal.attrs.fields ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (fields.length) {
    const fsize = ctx.base.size * 0.9;
    const underline = 28 * PT_PER_MM;
    const slot = length / fields.length;
    const fieldBoxes: Box[] = [];
    fields.forEach((f, i) => {
      const label = `${f}\uFF1A`; // full-width colon
      const lw = textWidth(ctx.fonts, 'serif', false, fsize, label);
      const start = slot * i + Math.max(0, (slot - lw - underline) / 2);
      fieldBoxes.push(textBox(ctx.fonts, 'serif', false, fsize, label, start, 0));
      fieldBoxes.push({ kind: 'line', x1: start + lw + 2, y1: 2, x2: start + lw + 2 + Math.min(underline, slot - lw - 6), y2: 2, width: 0.6 });
    });
    out.push(rotated(space * 0.36, fieldBoxes));
  }
  return out;
}
