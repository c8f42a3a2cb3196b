// Saddle-stitch imposition checked the way a trainer would: print the sheets, cut, stack, fold
// and read. The page at each sheet position is found from the text in the rendered PDF; the
// reading order comes from paging through the folded stack, not from bookletOrder.
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { typeset } from '../../../src/typeset/index.js';
import { PAPER, saddleStitch, writePdf, type Trim } from '../../../src/typeset/pdf/index.js';
import type { LineSegBox } from '../../../src/typeset/types.js';
import { readPdf, type PdfPage } from '../../documents/pdfText.js';

const fonts = loadFonts();

function numberedPages(n: number, size: 'A5' | 'A6') {
  const body = Array.from({ length: n }, (_, i) => `${i ? '<pagebreak/>' : ''}<p size="36pt" align="center">P${i + 1}</p>`).join('');
  return typeset(`<doc size="${size}" margin="15mm">${body}</doc>`, { template: 'test', fonts });
}

interface Side {
  /** Per spread on the side (top first): the page numbers at its left and right, 0 for blank. */
  spreads: Array<[number, number]>;
}

/** Which page is printed where on a sheet side, from the rendered text. */
function sideOf(sheet: PdfPage, spreads: number): Side {
  const out: Array<[number, number]> = Array.from({ length: spreads }, () => [0, 0]);
  for (const it of sheet.items) {
    const m = /^P(\d+)$/.exec(it.text);
    if (!m) continue;
    const row = spreads === 1 ? 0 : it.y < sheet.height / 2 ? 0 : 1;
    out[row]![it.x < sheet.width / 2 ? 0 : 1] = Number(m[1]);
  }
  return { spreads: out };
}

/**
 * Print both sides, cut each sheet into its spreads, put the pile of second spreads on the
 * pile of first ones, fold: fold sheets nested outermost first. Each fold sheet is
 * {front: [left, right], back: [left, right]} (the back seen from behind: duplex flips the sheet
 * about its vertical middle, so the back's left lies behind the front's right).
 */
function foldSheets(sides: Side[], spreads: number) {
  const piles: Array<Array<{ front: [number, number]; back: [number, number] }>> = Array.from({ length: spreads }, () => []);
  for (let s = 0; s < sides.length; s += 2) {
    for (let r = 0; r < spreads; r++) piles[r]!.push({ front: sides[s]!.spreads[r]!, back: sides[s + 1]!.spreads[r]! });
  }
  return piles.flat().filter((f) => f.front.some((p) => p) || f.back.some((p) => p));
}

/** Leaf through the folded booklet: outer to inner on the right of the fold, then back out. */
function readingOrder(folded: ReturnType<typeof foldSheets>): number[] {
  const first = folded.flatMap((f) => [f.front[1], f.back[0]]);
  const second = [...folded].reverse().flatMap((f) => [f.back[1], f.front[0]]);
  return [...first, ...second];
}

describe('saddle stitch, read back from the rendered sheets', () => {
  for (const n of [8, 12, 16]) {
    it(`A5 pages 2-up on A4 (${n} pages): folding the printed sheets gives pages 1..${n}`, async () => {
      const doc = numberedPages(n, 'A5');
      const imposed = saddleStitch(doc.pages, { sheet: 'A4', signatures: 1 });
      const sheets = await readPdf(writePdf(doc, fonts, { sheets: imposed.sheets }));
      expect(sheets).toHaveLength(n / 2);
      for (const s of sheets) expect([s.width, s.height].map((v) => Math.round(v))).toEqual([842, 595]);
      const order = readingOrder(foldSheets(sheets.map((s) => sideOf(s, 1)), 1));
      expect(order).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    });

    it(`A6 pages 4-up on A4 as two cut-and-stacked signatures (${n} pages)`, async () => {
      const doc = numberedPages(n, 'A6');
      const imposed = saddleStitch(doc.pages, { sheet: 'A4', signatures: 2 });
      const sheets = await readPdf(writePdf(doc, fonts, { sheets: imposed.sheets }));
      expect(sheets).toHaveLength(2 * Math.ceil(n / 8));
      for (const s of sheets) expect([s.width, s.height].map((v) => Math.round(v))).toEqual([595, 842]);
      const order = readingOrder(foldSheets(sheets.map((s) => sideOf(s, 2)), 2));
      expect(order).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    });
  }

  it('pads to a multiple of 4 with blanks: 10 pages fold as 12 with the last two blank', async () => {
    const doc = numberedPages(10, 'A5');
    const imposed = saddleStitch(doc.pages, { sheet: 'A4', signatures: 1 });
    expect(imposed.pageCount).toBe(12);
    const sheets = await readPdf(writePdf(doc, fonts, { sheets: imposed.sheets }));
    expect(readingOrder(foldSheets(sheets.map((s) => sideOf(s, 1)), 1))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0]);
  });
});

describe('crop and fold marks', () => {
  const inside = (t: Trim, x: number, y: number) => x > t.x + 0.01 && x < t.x + t.w - 0.01 && y > t.y + 0.01 && y < t.y + t.h - 0.01;

  for (const [label, size, signatures] of [['A5 on A4', 'A5', 1], ['A6 on A4', 'A6', 2]] as const) {
    it(`${label}: every mark lies outside every trim and on the sheet`, () => {
      const page = { width: PAPER[size][0], height: PAPER[size][1] };
      const imposed = saddleStitch(Array(16).fill(page), { sheet: 'A4', signatures });
      for (const [s, sheet] of imposed.sheets.entries()) {
        const marks = (sheet.marks ?? []) as LineSegBox[];
        // 4 corners × 2 marks + 2 fold marks per trimmed spread.
        expect(marks).toHaveLength(10 * imposed.trims[s]!.length);
        for (const m of marks) {
          for (let k = 0; k <= 10; k++) {
            const x = m.x1 + ((m.x2 - m.x1) * k) / 10;
            const y = m.y1 + ((m.y2 - m.y1) * k) / 10;
            expect(x >= 0 && x <= sheet.width && y >= 0 && y <= sheet.height).toBe(true);
            for (const t of imposed.trims[s]!) expect(inside(t, x, y), `mark at ${x.toFixed(1)},${y.toFixed(1)}`).toBe(false);
          }
        }
        // The trims carry the pages exactly: each placement starts at a trim's left edge or its fold.
        for (const p of sheet.placements) {
          const [a, , , , e, f] = p.transform;
          expect(a).toBeCloseTo(imposed.scale, 6);
          expect(imposed.trims[s]!.some((t) => Math.abs(t.y - f) < 0.01 && (Math.abs(t.x - e) < 0.01 || Math.abs(t.x + t.w / 2 - e) < 0.01))).toBe(true);
        }
      }
      expect(imposed.scale).toBeGreaterThan(0.88);
      expect(imposed.scale).toBeLessThan(1);
    });
  }
});
