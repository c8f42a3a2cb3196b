// Paragraph-like blocks (p, h1, h2, checklist items): resolved style → set lines → strips.
import type { ElementNode, InlineStyle, ParagraphStyle } from '../types.js';
import { lengthPt } from '../markup/units.js';
import { type BlockContext, type FlowBuilder, lineStrips, setLines } from './context.js';
import { checkboxItem, inlineItems } from './inline.js';

interface ParaDefaults {
  sizeScale: number;
  family: string;
  bold: boolean;
  align: ParagraphStyle['align'];
  spaceBefore: number; // em
  spaceAfter: number; // em
  keepWithNext: boolean;
}

const DEFAULTS: Record<'p' | 'h1' | 'h2', ParaDefaults> = {
  h1: { sizeScale: 1.6, family: 'sans', bold: true, align: 'center', spaceBefore: 0.3, spaceAfter: 0.6, keepWithNext: true },
  h2: { sizeScale: 1.1, family: 'sans', bold: true, align: 'left', spaceBefore: 0.7, spaceAfter: 0.3, keepWithNext: true },
  p: { sizeScale: 1, family: 'serif', bold: false, align: 'justify', spaceBefore: 0, spaceAfter: 0.2, keepWithNext: false },
};

export interface ResolvedPara {
  style: InlineStyle;
  para: ParagraphStyle;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext: boolean;
}

export function resolvePara(el: ElementNode, kind: 'p' | 'h1' | 'h2', ctx: BlockContext): ResolvedPara {
  const d = DEFAULTS[kind];
  const a = el.attrs;
  const size = a.size ? lengthPt(a.size, ctx.base.size) : ctx.base.size * d.sizeScale;
  const style: InlineStyle = { family: a.font ?? d.family, bold: a.bold ? a.bold === 'true' : d.bold, size };
  const para: ParagraphStyle = {
    align: (a.align as ParagraphStyle['align'] | undefined) ?? d.align,
    indent: a.indent ? lengthPt(a.indent, size) : 0,
    lineHeight: a['line-height'] ? Number(a['line-height']) : kind === 'p' ? ctx.base.lineHeight : Math.min(ctx.base.lineHeight, 1.4),
  };
  if (a.hang) para.hang = lengthPt(a.hang, size);
  return {
    style,
    para,
    spaceBefore: a['space-before'] ? lengthPt(a['space-before'], size) : d.spaceBefore * size,
    spaceAfter: a['space-after'] ? lengthPt(a['space-after'], size) : d.spaceAfter * size,
    keepWithNext: a['keep-with-next'] ? a['keep-with-next'] === 'true' : d.keepWithNext,
  };
}

export function layoutParagraph(el: ElementNode, kind: 'p' | 'h1' | 'h2', width: number, ctx: BlockContext, out: FlowBuilder): void {
  const r = resolvePara(el, kind, ctx);
  const items = inlineItems(el.children, r.style, el.attrs.from ? { from: el.attrs.from } : {});
  out.beginBlock(r.spaceBefore);
  if (items.length > 0) {
    const strips = lineStrips(setLines(ctx, items, r.para, width, el), 0);
    if (kind !== 'p') {
      const anchor = ctx.nextAnchor++;
      if (strips[0]) strips[0].anchor = anchor;
      // A heading's lines stay together.
      for (const s of strips.slice(1)) s.keepWithPrev = true;
    }
    for (const s of strips) out.push(s);
  }
  out.endBlock(r.spaceAfter, r.keepWithNext);
}

/** ☐ + text per item, wrapped lines hanging under the text. */
export function layoutChecklist(el: ElementNode, width: number, ctx: BlockContext, out: FlowBuilder): void {
  const size = ctx.base.size;
  const style: InlineStyle = { family: 'serif', bold: false, size };
  const para: ParagraphStyle = { align: 'justify', indent: 0, hang: size * 1.5, lineHeight: ctx.base.lineHeight };
  for (const item of el.children) {
    if (item.type !== 'element') continue;
    const from = item.attrs.from ?? el.attrs.from;
    const box = checkboxItem(style, item.attrs.checked === 'true');
    const gap = { kind: 'box' as const, width: size * 0.5, ascent: 0, descent: 0, boxes: [] };
    const items = [box, gap, ...inlineItems(item.children, style, from ? { from } : {})];
    out.beginBlock(size * 0.15);
    for (const s of lineStrips(setLines(ctx, items, para, width, item), 0)) out.push(s);
    out.endBlock(size * 0.15);
  }
  out.endBlock(el.attrs['space-after'] ? lengthPt(el.attrs['space-after'], size) : size * 0.3);
}
