// The handbook tests' view of a PDF — page sizes and every text run with its baseline — read
// through the suite's one PDF reader, tests/support/pdf.ts (pdf.js).
import { openPdf } from '../support/pdf.js';

export interface TextItem {
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const pdf = await openPdf(bytes);
  const pages: PdfPage[] = [];
  for (const page of await pdf.pages()) {
    const items = (await page.items()).filter((r) => r.str).map((r) => ({ text: r.str, x: r.x, y: r.baseline, size: r.size }));
    pages.push({ width: page.size.width, height: page.size.height, items });
  }
  return pages;
}

/** A page's text in reading order: items grouped into lines by baseline, lines top to bottom. */
export function pageLines(items: readonly TextItem[], tolerance = 2): { y: number; text: string }[] {
  const sorted = [...items].sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: { y: number; parts: TextItem[] }[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) <= tolerance);
    if (line) line.parts.push(it);
    else lines.push({ y: it.y, parts: [it] });
  }
  return lines
    .sort((p, q) => p.y - q.y)
    .map((l) => ({ y: l.y, text: l.parts.sort((p, q) => p.x - q.x).map((p) => p.text).join('') }));
}
