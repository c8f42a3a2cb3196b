// Imposition: placing document pages on larger sheets (4-up / 8-up handbooks, booklets).
// Sheet coordinates, like page coordinates, have their origin top-left with y down.
import type { Page } from '../types.js';

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
