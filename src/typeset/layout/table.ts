// Tables: column widths from "3em,*,20%", cells with col/row spans set by the line engine,
// rows grouped so a row span never splits, header rows repeated at the top of a column.
import type { Box, ElementNode, InlineStyle, ParagraphStyle, SetLine } from '../types.js';
import { lengthPt } from '../markup/units.js';
import { baselineOffset, type BlockContext, type FlowBuilder, setLines } from './context.js';
import type { Paint, Strip } from './flow.js';
import { inlineItems } from './inline.js';

interface PlacedCell {
  el: ElementNode;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  lines: SetLine[];
  contentHeight: number;
}

/** Column widths in points: fixed lengths and percentages first, "*" shares the rest. */
export function columnWidths(spec: string | undefined, count: number, tableWidth: number, em: number): number[] {
  const parts = spec ? spec.split(',').map((s) => s.trim()) : [];
  while (parts.length < count) parts.push('*');
  const fixed = parts.map((p) => (p === '*' ? undefined : lengthPt(p, em, tableWidth)));
  const used = fixed.reduce<number>((s, w) => s + (w ?? 0), 0);
  const stars = fixed.filter((w) => w === undefined).length;
  const share = stars ? Math.max(0, tableWidth - used) / stars : 0;
  return fixed.map((w) => w ?? share);
}

export function layoutTable(el: ElementNode, width: number, ctx: BlockContext, out: FlowBuilder): void {
  const a = el.attrs;
  const size = a.size ? lengthPt(a.size, ctx.base.size) : ctx.base.size;
  const padX = a.padding ? lengthPt(a.padding, size) : 0.4 * size;
  const padY = 0.25 * size;
  const rows = el.children.filter((c): c is ElementNode => c.type === 'element');
  const border = a.border ?? 'all';
  const lw = 0.6;

  // Grid placement: a cell takes the next column not covered by a row span from above.
  const covered: boolean[][] = [];
  const cells: PlacedCell[] = [];
  let columns = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cellEl of row.children) {
      if (cellEl.type !== 'element') continue;
      while (covered[r]?.[c]) c++;
      const rowspan = Math.min(Number(cellEl.attrs.rowspan ?? 1), rows.length - r);
      const colspan = Number(cellEl.attrs.colspan ?? 1);
      for (let rr = r; rr < r + rowspan; rr++) for (let cc = c; cc < c + colspan; cc++) ((covered[rr] ??= [])[cc] = true);
      cells.push({ el: cellEl, row: r, col: c, rowspan, colspan, lines: [], contentHeight: 0 });
      c += colspan;
    }
    columns = Math.max(columns, covered[r]?.length ?? 0);
  });
  const specCount = a.widths ? a.widths.split(',').length : 0;
  columns = Math.max(columns, specCount, 1);
  const tableWidth = a.width ? lengthPt(a.width, size, width) : width;
  const colW = columnWidths(a.widths, columns, tableWidth, size);
  const colX = colW.reduce<number[]>((xs, w, i) => (xs.push((xs[i] ?? 0) + w), xs), [0]);
  const offsetX = a.align === 'center' ? (width - tableWidth) / 2 : a.align === 'right' ? width - tableWidth : 0;

  for (const cell of cells) {
    const ca = cell.el.attrs;
    const style: InlineStyle = { family: 'serif', bold: ca.bold === 'true', size };
    const para: ParagraphStyle = {
      align: (ca.align as ParagraphStyle['align'] | undefined) ?? 'left',
      indent: 0,
      lineHeight: Math.min(ctx.base.lineHeight, 1.35),
    };
    const w = (colX[cell.col + cell.colspan] ?? tableWidth) - (colX[cell.col] ?? 0) - 2 * padX;
    const from = ca.from ?? rows[cell.row]?.attrs.from ?? a.from;
    const items = inlineItems(cell.el.children, style, from ? { from } : {});
    cell.lines = items.length ? setLines(ctx, items, para, Math.max(w, size), cell.el) : [];
    cell.contentHeight = cell.lines.reduce((h, l) => h + l.height, 0);
  }

  // Row heights: single-row cells first, then spanning cells push their last row down.
  const rowH = rows.map((row) => (row.attrs.height ? lengthPt(row.attrs.height, size) : size * 1.35 + 2 * padY));
  for (const cell of cells)
    if (cell.rowspan === 1) rowH[cell.row] = Math.max(rowH[cell.row]!, cell.contentHeight + 2 * padY);
  for (const cell of cells) {
    if (cell.rowspan === 1) continue;
    const last = cell.row + cell.rowspan - 1;
    const have = rowH.slice(cell.row, last + 1).reduce((s, h) => s + h, 0);
    const need = cell.contentHeight + 2 * padY;
    if (need > have) rowH[last]! += need - have;
  }

  // Row groups: rows bound by a row span form one unbreakable strip.
  const groups: Array<[number, number]> = [];
  let start = 0;
  let reach = 0;
  for (let r = 0; r < rows.length; r++) {
    for (const c of cells) if (c.row === r) reach = Math.max(reach, r + c.rowspan - 1);
    if (reach <= r) {
      groups.push([start, r]);
      start = r + 1;
    }
  }
  const headerRows = Number(a['header-rows'] ?? 0);
  const rowY = rowH.reduce<number[]>((ys, h, i) => (ys.push((ys[i] ?? 0) + h), ys), [0]);

  const strips: Strip[] = groups.map(([g0, g1], gi) => {
    const top = rowY[g0]!;
    const height = rowY[g1 + 1]! - top;
    const fills: Box[] = [];
    const lines: Box[] = [];
    const paint: Paint[] = [];
    for (const cell of cells) {
      if (cell.row < g0 || cell.row > g1) continue;
      const x = offsetX + colX[cell.col]!;
      const w = colX[cell.col + cell.colspan]! - colX[cell.col]!;
      const y = rowY[cell.row]! - top;
      const h = rowY[cell.row + cell.rowspan]! - rowY[cell.row]!;
      if (cell.el.attrs.fill) fills.push({ kind: 'rect', x, y, w, h, fill: cell.el.attrs.fill });
      if (border === 'all') lines.push({ kind: 'rect', x, y, w, h, stroke: '#000000', lineWidth: lw });
      const valign = cell.el.attrs.valign ?? 'middle';
      let ly = y + padY + (valign === 'top' ? 0 : (h - 2 * padY - cell.contentHeight) * (valign === 'middle' ? 0.5 : 1));
      for (const line of cell.lines) {
        paint.push({ dx: x + padX, dy: ly + baselineOffset(line), boxes: line.boxes });
        ly += line.height;
      }
    }
    const x0 = offsetX;
    const x1 = offsetX + tableWidth;
    const hline = (y: number): Box => ({ kind: 'line', x1: x0, y1: y, x2: x1, y2: y, width: lw });
    const vline = (x: number): Box => ({ kind: 'line', x1: x, y1: 0, x2: x, y2: height, width: lw });
    const isFirst = gi === 0;
    const isLast = gi === groups.length - 1;
    if (border === 'rows') {
      lines.push(hline(height));
      if (isFirst || g0 < headerRows) lines.push(hline(0));
    } else if (border === 'outer') {
      lines.push(vline(x0), vline(x1));
      if (isFirst) lines.push(hline(0));
      if (isLast) lines.push(hline(height));
    }
    return { kind: 'strip', height, spaceBefore: 0, paint: [{ dx: 0, dy: 0, boxes: fills }, ...paint, { dx: 0, dy: 0, boxes: lines }], keepWithPrev: false };
  });

  const header = strips.filter((_, gi) => groups[gi]![1] < headerRows);
  out.beginBlock(a['space-before'] ? lengthPt(a['space-before'], size) : 0.3 * size);
  strips.forEach((s, gi) => {
    const inHeader = groups[gi]![1] < headerRows;
    if (gi > 0 && (inHeader || groups[gi - 1]![1] < headerRows)) s.keepWithPrev = true; // header stays with the first body row
    if (!inHeader && header.length) s.header = header;
    const [g0, g1] = groups[gi]!;
    const names = rows.slice(g0, g1 + 1).flatMap((r) => (r.attrs.anchor ? [r.attrs.anchor] : []));
    if (names.length) s.names = names;
    out.push(s);
  });
  out.endBlock(a['space-after'] ? lengthPt(a['space-after'], size) : 0.5 * size);
}
