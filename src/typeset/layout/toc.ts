// Table of contents: one entry per h1/h2 with dot leaders and the page number, which is
// filled in after pagination (a late paint), so the toc is laid out only once.
import type { ElementNode, InlineStyle, ParagraphStyle } from '../types.js';
import { type BlockContext, type FlowBuilder, lineStrips, setLines } from './context.js';
import { inlineItems } from './inline.js';
import { textBox, textWidth } from './text.js';

export function layoutToc(el: ElementNode, width: number, ctx: BlockContext, out: FlowBuilder): void {
  const size = ctx.base.size;
  const depth = Number(el.attrs.depth ?? 2);
  if (el.attrs.title) {
    const style: InlineStyle = { family: 'sans', bold: true, size: size * 1.3 };
    const para: ParagraphStyle = { align: 'center', indent: 0, lineHeight: 1.4 };
    out.beginBlock(0);
    for (const s of lineStrips(setLines(ctx, [{ kind: 'text', text: el.attrs.title, style }], para, width, el), 0)) out.push(s);
    out.endBlock(size * 0.8, true);
  }
  const numberColumn = size * 2.5;
  const dot = '.';
  const dotPitch = size * 0.45;
  ctx.headings.forEach((h, anchor) => {
    const entry = h.node.attrs.toc;
    if (h.level > depth || entry === 'false') return;
    const style: InlineStyle = { family: h.level === 1 ? 'sans' : 'serif', bold: false, size };
    const indent = h.level === 1 ? 0 : 2 * size;
    const para: ParagraphStyle = { align: 'left', indent: 0, lineHeight: ctx.base.lineHeight };
    const items = entry ? [{ kind: 'text' as const, text: entry, style }] : inlineItems(h.node.children, style);
    if (!items.length) return;
    const textWidthMax = width - indent - numberColumn - size;
    const lines = setLines(ctx, items, para, textWidthMax, h.node);
    const strips = lineStrips(lines, indent);
    const lastLine = lines[lines.length - 1]!;
    const last = strips[strips.length - 1]!;
    const baseline = last.paint[0]!.dy;
    last.late = (pageOf) => {
      const page = String(pageOf(anchor) ?? '?');
      const numberWidth = textWidth(ctx.fonts, 'serif', false, size, page);
      const from = indent + lastLine.contentWidth + 0.5 * size;
      const to = width - numberWidth - 0.5 * size;
      const count = Math.max(0, Math.floor((to - from) / dotPitch));
      const boxes = [textBox(ctx.fonts, 'serif', false, size, page, width - numberWidth, baseline)];
      if (count > 0) boxes.push(textBox(ctx.fonts, 'serif', false, size, dot.repeat(count), to - count * dotPitch, baseline, dotPitch - textWidth(ctx.fonts, 'serif', false, size, dot)));
      return [{ dx: 0, dy: 0, boxes }];
    };
    out.beginBlock(h.level === 1 ? size * 0.3 : 0);
    for (const s of strips) out.push(s);
    out.endBlock(0);
  });
  out.endBlock(size);
}
