// Imposition: placing document pages on larger sheets (4-up / 8-up handbooks, booklets).
// Sheet coordinates, like page coordinates, have their origin top-left with y down.
import type { Box, Page } from '../types.js';

export type Matrix = [number, number, number, number, number, number];

export interface Placement {
  /** Index of the source page in the document. */
  page: number;
  /** Maps page coordinates to sheet coordinates. */
  transform: Matrix;
}

export interface Sheet {
  width: number;
  height: number;
  placements: Placement[];
  /** Drawn on the sheet over the pages (crop and fold marks), in sheet coordinates. */
  marks?: Box[];
}

/** Paper sizes in points, portrait. */
export const PAPER: Record<'A3' | 'A4' | 'A5' | 'A6' | 'B5', [number, number]> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  A6: [297.64, 419.53],
  B5: [498.9, 708.66],
};

export interface NUpOptions {
  /** The sheet: a paper name or [width, height] in points. */
  sheet: keyof typeof PAPER | [number, number];
  /** Turn the sheet to landscape. */
  landscape?: boolean;
  cols: number;
  rows: number;
  /** Rotation of every page in its cell, clockwise. */
  rotate?: 0 | 90 | 180 | 270;
  /** Page indexes in placement order (cells left to right, then top to bottom); -1 leaves a cell empty. */
  order?: number[];
  /** Space between cells and around them, in points. */
  gap?: number;
}

/**
 * Places pages on sheets, `cols × rows` per sheet, each scaled to fit its cell (never enlarged)
 * and centred. Pages are sized from the page itself, so mixed sizes are fine.
 */
export function nUp(pages: readonly Pick<Page, 'width' | 'height'>[], options: NUpOptions): Sheet[] {
  const [pw, ph] = typeof options.sheet === 'string' ? PAPER[options.sheet] : options.sheet;
  const [width, height] = options.landscape ? [Math.max(pw, ph), Math.min(pw, ph)] : [pw, ph];
  const { cols, rows } = options;
  if (!(cols >= 1 && rows >= 1 && Number.isInteger(cols) && Number.isInteger(rows))) {
    throw new Error(`nUp: cols and rows must be whole numbers ≥ 1 (got ${cols} × ${rows})`);
  }
  const gap = options.gap ?? 0;
  const rotate = options.rotate ?? 0;
  const order = options.order ?? pages.map((_, i) => i);
  const cellW = (width - gap * (cols + 1)) / cols;
  const cellH = (height - gap * (rows + 1)) / rows;
  const perSheet = cols * rows;
  const sheets: Sheet[] = [];
  for (let start = 0; start < order.length; start += perSheet) {
    const placements: Placement[] = [];
    for (let cell = 0; cell < perSheet && start + cell < order.length; cell++) {
      const index = order[start + cell]!;
      const page = pages[index];
      if (index < 0 || !page) continue;
      const col = cell % cols;
      const row = Math.floor(cell / cols);
      const x = gap + col * (cellW + gap);
      const y = gap + row * (cellH + gap);
      placements.push({ page: index, transform: fitInCell(page, x, y, cellW, cellH, rotate) });
    }
    sheets.push({ width, height, placements });
  }
  return sheets;
}

/** The transform that draws a page rotated and centred in a cell, scaled down to fit. */
export function fitInCell(page: Pick<Page, 'width' | 'height'>, x: number, y: number, w: number, h: number, rotate: 0 | 90 | 180 | 270 = 0): Matrix {
  const { width: pw, height: ph } = page;
  const turned = rotate === 90 || rotate === 270;
  const [bw, bh] = turned ? [ph, pw] : [pw, ph];
  const s = Math.min(1, w / bw, h / bh);
  const ox = x + (w - bw * s) / 2;
  const oy = y + (h - bh * s) / 2;
  switch (rotate) {
    case 0:
      return [s, 0, 0, s, ox, oy];
    case 90: // the page's top edge runs down the cell's right side
      return [0, s, -s, 0, ox + ph * s, oy];
    case 180:
      return [-s, 0, 0, -s, ox + pw * s, oy + ph * s];
    case 270:
      return [0, -s, s, 0, ox, oy + pw * s];
  }
}

/**
 * Saddle-stitch order: pages padded to a multiple of 4 with blanks (-1), arranged so that
 * 2-up on landscape sheets printed double-sided and folded gives pages 1..n in order.
 * Sheet sides alternate front, back: [n, 1], [2, n-1], [n-2, 3], [4, n-3], ...
 */
export function bookletOrder(pageCount: number): number[] {
  const n = Math.ceil(pageCount / 4) * 4;
  const at = (i: number) => (i < pageCount ? i : -1);
  const order: number[] = [];
  for (let i = 0; i < n / 2; i += 2) {
    order.push(at(n - 1 - i), at(i)); // front: last, first
    order.push(at(i + 1), at(n - 2 - i)); // back: second, second-to-last
  }
  return order;
}

const MM = 72 / 25.4;

export interface SaddleOptions {
  /** The printed sheet: a paper name or [width, height] in points. */
  sheet: keyof typeof PAPER | [number, number];
  /**
   * Fold sheets per printed sheet: 1 puts one spread on a landscape sheet (A5 pages on A4);
   * 2 stacks two spreads on a portrait sheet (A6 pages on A4), to be cut apart and stacked.
   */
  signatures: 1 | 2;
  /** Sheet edge to trim, in points: room for the printer's unprintable border and the marks (default 9 mm). */
  margin?: number;
  /** Between two stacked spreads, in points (default 8 mm). */
  gap?: number;
  /** Crop marks: distance from the trim and length, in points (default 1.5 mm and 5 mm). */
  markOffset?: number;
  markLength?: number;
}

/** A rectangle on a sheet, in sheet coordinates. */
export interface Trim {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SaddleImposition {
  sheets: Sheet[];
  /** How much the pages were scaled to leave room for the marks (1 = actual size). */
  scale: number;
  /** Pages after padding with blanks (a multiple of 4). */
  pageCount: number;
  /** Each sheet side's spreads (the trimmed fold sheets), for tests and crop marks. */
  trims: Trim[][];
}

/**
 * Saddle-stitch imposition: pages in bookletOrder, two to a spread, one or two spreads per
 * sheet side, each page under a transform (never rasterised), crop marks outside every trim
 * and fold marks above and below the spine. Sides alternate front, back. With two spreads per
 * sheet the top halves carry the outer fold sheets and the bottom halves the inner ones: cut
 * the stack across the middle, lay the bottom halves on the top halves and fold them together.
 * Pages shrink only as far as the margin and the marks require.
 */
export function saddleStitch(pages: readonly Pick<Page, 'width' | 'height'>[], options: SaddleOptions): SaddleImposition {
  if (!pages.length) throw new Error('saddleStitch: no pages');
  const { width: pw, height: ph } = pages[0]!;
  const [a, b] = typeof options.sheet === 'string' ? PAPER[options.sheet] : options.sheet;
  const two = options.signatures === 2;
  const [width, height] = two ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
  const margin = options.margin ?? 9 * MM;
  const gap = two ? (options.gap ?? 8 * MM) : 0;
  const offset = options.markOffset ?? 1.5 * MM;
  const spreads = two ? 2 : 1;
  const scale = Math.min(1, (width - 2 * margin) / (2 * pw), (height - 2 * margin - gap) / (spreads * ph));
  const sw = 2 * pw * scale;
  const sh = ph * scale;
  const x0 = (width - sw) / 2;
  const top = (height - spreads * sh - gap) / 2;
  const spreadTrims: Trim[] = Array.from({ length: spreads }, (_, i) => ({ x: x0, y: top + i * (sh + gap), w: sw, h: sh }));
  const order = bookletOrder(pages.length);
  const foldSheets = order.length / 4; // each fold sheet: front [left, right], back [left, right]
  const printed = Math.ceil(foldSheets / spreads);
  const markLength = options.markLength ?? 5 * MM;
  const sheets: Sheet[] = [];
  const trims: Trim[][] = [];
  for (let s = 0; s < printed; s++) {
    for (const side of [0, 1]) {
      const placements: Placement[] = [];
      const used: Trim[] = [];
      spreadTrims.forEach((trim, i) => {
        const fold = s + i * printed;
        if (fold >= foldSheets) return;
        used.push(trim);
        const [left, right] = [order[fold * 4 + side * 2]!, order[fold * 4 + side * 2 + 1]!];
        if (left >= 0) placements.push({ page: left, transform: [scale, 0, 0, scale, trim.x, trim.y] });
        if (right >= 0) placements.push({ page: right, transform: [scale, 0, 0, scale, trim.x + pw * scale, trim.y] });
      });
      sheets.push({ width, height, placements, marks: cropMarks(spreadTrims.slice(0, used.length), { width, height }, offset, markLength) });
      trims.push(used);
    }
  }
  return { sheets, scale, pageCount: order.length, trims };
}

/**
 * Crop marks at the corners of each trim and fold marks at the middle of its top and bottom
 * edges: hairlines that start `offset` outside the trim and run outwards, each cut short so
 * that it stays clear of the sheet edge (1 mm) and of the other trims (half the gap).
 */
export function cropMarks(trims: readonly Trim[], sheet: { width: number; height: number }, offset: number, length: number): Box[] {
  const out: Box[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number, dash?: [number, number]): void => {
    if (Math.hypot(x2 - x1, y2 - y1) > 0.5) out.push({ kind: 'line', x1, y1, x2, y2, width: 0.25, ...(dash ? { dash } : {}) });
  };
  const edge = 1 * MM;
  for (const t of trims) {
    const [left, right, top, bottom] = [t.x, t.x + t.w, t.y, t.y + t.h];
    const others = trims.filter((o) => o !== t);
    const above = Math.min(top - edge, ...others.filter((o) => o.y + o.h <= top).map((o) => (top - (o.y + o.h)) / 2));
    const below = Math.min(sheet.height - edge - bottom, ...others.filter((o) => o.y >= bottom).map((o) => (o.y - bottom) / 2));
    const side = Math.min(left - edge, sheet.width - edge - right);
    const up = Math.max(0, Math.min(length, above - offset));
    const down = Math.max(0, Math.min(length, below - offset));
    const across = Math.max(0, Math.min(length, side - offset));
    for (const x of [left, right]) {
      const outward = x === left ? -1 : 1;
      for (const y of [top, bottom]) {
        line(x + outward * offset, y, x + outward * (offset + across), y);
        if (y === top) line(x, y - offset, x, y - offset - up);
        else line(x, y + offset, x, y + offset + down);
      }
    }
    const fold = (left + right) / 2;
    line(fold, top - offset, fold, top - offset - up, [2, 1.5]);
    line(fold, bottom + offset, fold, bottom + offset + down, [2, 1.5]);
  }
  return out;
}
