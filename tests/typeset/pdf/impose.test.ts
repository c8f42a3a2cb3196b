import { describe, expect, it } from 'vitest';
import { bookletOrder, fitInCell, nUp, PAPER, type Matrix } from '../../../src/typeset/pdf/index.js';

const A6 = { width: PAPER.A6[0], height: PAPER.A6[1] };
const apply = ([a, b, c, d, e, f]: Matrix, x: number, y: number) => [a * x + c * y + e, b * x + d * y + f];
const close = (p: number[], q: number[]) => p.forEach((v, i) => expect(v).toBeCloseTo(q[i]!, 2));

describe('nUp', () => {
  it('puts four A6 pages on an A4 sheet at full size, in reading order', () => {
    const sheets = nUp(Array(6).fill(A6), { sheet: 'A4', cols: 2, rows: 2 });
    expect(sheets).toHaveLength(2);
    expect(sheets[0]!.width).toBeCloseTo(595.28);
    expect(sheets[0]!.placements.map((p) => p.page)).toEqual([0, 1, 2, 3]);
    expect(sheets[1]!.placements.map((p) => p.page)).toEqual([4, 5]);
    // Page 2 (index 1) sits in the top-right quarter, unscaled, centred in its cell (A6 is
    // 1.415 pt shorter than half an A4).
    const t = sheets[0]!.placements[1]!.transform;
    close(apply(t, 0, 0), [297.64, 0.7075]);
    close(apply(t, A6.width, A6.height), [595.28, 420.2375]);
  });

  it('scales pages down to fit and centres them, never up', () => {
    const [sheet] = nUp([{ width: 595.28, height: 841.89 }], { sheet: 'A4', landscape: true, cols: 2, rows: 1 });
    expect(sheet!.width).toBeCloseTo(841.89);
    const t = sheet!.placements[0]!.transform;
    expect(t[0]).toBeCloseTo(595.28 / 841.89, 4); // height-limited
    const small = nUp([{ width: 100, height: 100 }], { sheet: 'A4', cols: 1, rows: 1 })[0]!.placements[0]!.transform;
    expect(small[0]).toBe(1);
    close(apply(small, 0, 0), [(595.28 - 100) / 2, (841.89 - 100) / 2]);
  });

  it('leaves cells empty for -1 in the order', () => {
    const sheets = nUp(Array(3).fill(A6), { sheet: 'A4', cols: 2, rows: 2, order: [2, -1, 0, 1] });
    expect(sheets[0]!.placements.map((p) => p.page)).toEqual([2, 0, 1]);
    close(apply(sheets[0]!.placements[1]!.transform, 0, 0), [0, 420.945 + 0.7075]);
  });

  it('rejects a grid that is not whole numbers', () => {
    expect(() => nUp([A6], { sheet: 'A4', cols: 0, rows: 2 })).toThrow(/cols and rows must be whole numbers/);
  });
});

describe('fitInCell rotations', () => {
  const page = { width: 100, height: 200 };
  it('turns a page clockwise by 90°: its top-left corner goes to the cell’s top-right', () => {
    const t = fitInCell(page, 0, 0, 200, 100, 90);
    close(apply(t, 0, 0), [200, 0]);
    close(apply(t, 100, 200), [0, 100]);
    close(apply(t, 100, 0), [200, 100]);
  });
  it('turns by 180° and 270°', () => {
    close(apply(fitInCell(page, 0, 0, 100, 200, 180), 0, 0), [100, 200]);
    const t = fitInCell(page, 0, 0, 200, 100, 270);
    close(apply(t, 0, 0), [0, 100]);
    close(apply(t, 100, 200), [200, 0]);
  });
});

describe('bookletOrder', () => {
  it('orders 8 pages for saddle stitching: sides [8,1] [2,7] [6,3] [4,5]', () => {
    expect(bookletOrder(8).map((i) => i + 1)).toEqual([8, 1, 2, 7, 6, 3, 4, 5]);
  });
  it('pads to a multiple of four with blanks', () => {
    expect(bookletOrder(6)).toEqual([-1, 0, 1, -1, 5, 2, 3, 4]);
    expect(bookletOrder(1)).toEqual([-1, 0, -1, -1]);
  });
  it('places every page exactly once', () => {
    for (const n of [4, 5, 12, 30]) {
      const order = bookletOrder(n).filter((i) => i >= 0);
      expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    }
  });
});
