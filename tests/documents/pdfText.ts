// Reads PDFs back for tests with pdfjs-dist (no poppler): page sizes and every text item with
// its position, top-left origin, y down (as layout's), so tests can ask what is printed where.
import { createRequire } from 'node:module';

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

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js on Node 20 wants a few DOM classes; @napi-rs/canvas provides them. */
async function loadPdfJs(): Promise<PdfJs> {
  const canvas = createRequire(import.meta.url)('@napi-rs/canvas') as Record<string, unknown>;
  const g = globalThis as Record<string, unknown>;
  for (const name of ['Path2D', 'ImageData', 'DOMMatrix']) g[name] ??= canvas[name];
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const lib = await (pdfjs ??= loadPdfJs());
  const doc = await lib.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || !it.str) continue;
      const [a, b, , , e, f] = it.transform as number[];
      items.push({ text: it.str, x: e! - x0, y: y1 - f!, size: Math.hypot(a!, b!) });
    }
    pages.push({ width: x1 - x0, height: y1 - y0, items });
    page.cleanup();
  }
  await doc.destroy();
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
