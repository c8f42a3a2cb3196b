// Choice options in a grid: 4, 2 or 1 per row from the measured widths, labels aligned.
import type { ElementNode, InlineItem, InlineStyle, ParagraphStyle, SetLine } from '../types.js';
import { lengthPt } from '../markup/units.js';
import { baselineOffset, type BlockContext, type FlowBuilder, naturalWidth, setLines } from './context.js';
import type { Paint, Strip } from './flow.js';
import { inlineItems } from './inline.js';

/** The minimum white space between two options on a row, in em. */
const MIN_GAP_EM = 1;

/**
 * How many options per row: 4 if every option fits a quarter of the measure (with a gap),
 * else 2 if each fits half, else 1.
 */
export function chooseOptionColumns(widths: readonly number[], measure: number, gap: number): 1 | 2 | 4 {
  const max = Math.max(0, ...widths);
  if (widths.length >= 3 && max + gap <= measure / 4) return 4;
  if (max + gap <= measure / 2) return 2;
  return 1;
}

export function layoutOptions(el: ElementNode, width: number, ctx: BlockContext, out: FlowBuilder): void {
  const size = el.attrs.size ? lengthPt(el.attrs.size, ctx.base.size) : ctx.base.size;
  const style: InlineStyle = { family: 'serif', bold: false, size };
  const indent = el.attrs.indent ? lengthPt(el.attrs.indent, size) : 2 * size;
  const measure = width - indent;
  const opts = el.children.filter((c): c is ElementNode => c.type === 'element');
  if (opts.length === 0) return;

  const labels = opts.map((o, i) => {
    const label = o.attrs.label ?? `${String.fromCharCode(65 + i)}.`;
    return [{ kind: 'text', text: label, style } as InlineItem];
  });
  const labelWidths = labels.map((l, i) => naturalWidth(ctx, l, opts[i]!));
  const labelColumn = Math.max(...labelWidths) + 0.4 * size;
  const contents = opts.map((o) => {
    const from = o.attrs.from ?? el.attrs.from;
    return inlineItems(o.children, style, from ? { from } : {});
  });
  const widths = contents.map((c, i) => labelColumn + naturalWidth(ctx, c, opts[i]!));
  const cols = el.attrs.cols && el.attrs.cols !== 'auto' ? (Number(el.attrs.cols) as 1 | 2 | 4) : chooseOptionColumns(widths, measure, MIN_GAP_EM * size);
  const cellWidth = measure / cols;
  const para: ParagraphStyle = { align: 'left', indent: 0, hang: labelColumn, lineHeight: ctx.base.lineHeight };

  const cells: SetLine[][] = opts.map((o, i) => {
    const pad: InlineItem = { kind: 'box', width: labelColumn - labelWidths[i]!, ascent: 0, descent: 0, boxes: [] };
    return setLines(ctx, [...labels[i]!, pad, ...contents[i]!], para, cols === 1 ? measure : cellWidth - 0.5 * size, o);
  });

  out.beginBlock(0);
  for (let r = 0; r * cols < opts.length; r++) {
    const row = cells.slice(r * cols, r * cols + cols);
    // Lines of a row share baselines: line k of every cell sits on the same row line.
    const depth = Math.max(...row.map((c) => c.length));
    let y = 0;
    const paint: Paint[] = [];
    for (let k = 0; k < depth; k++) {
      const lineHeight = Math.max(...row.map((c) => c[k]?.height ?? 0));
      row.forEach((cell, j) => {
        const line = cell[k];
        if (line) paint.push({ dx: indent + j * cellWidth, dy: y + baselineOffset({ ...line, height: lineHeight }), boxes: line.boxes });
      });
      y += lineHeight;
    }
    // Options stick to their stem and to each other: a question is never split from them.
    const strip: Strip = { kind: 'strip', height: y, spaceBefore: 0, paint, keepWithPrev: true };
    out.push(strip);
  }
  out.endBlock(el.attrs['space-after'] ? lengthPt(el.attrs['space-after'], size) : 0.25 * size);
}
