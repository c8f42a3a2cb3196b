// Page images of the PDFs the workspace wrote, drawn by Mozilla's pdf.js through @napi-rs/canvas
// (as tests/support/pdf.ts does). Both are loaded on the first preview only, so `serve` starts
// fast; images are kept in memory by file, its size and time, page and resolution.
import { statSync, readFileSync } from 'node:fs';
import { drawPdfPage, openPdfDocument } from '../pdfjs.js';

const images = new Map<string, Promise<{ png: Buffer; pages: number }>>();
const MAX_CACHED = 200;

/** Page `pageNumber` (from 1) of the PDF `file` as a PNG at `dpi`; pages = the file's page count. */
export function renderPage(file: string, pageNumber: number, dpi: number): Promise<{ png: Buffer; pages: number }> {
  const st = statSync(file);
  const key = `${file}\0${st.mtimeMs}\0${st.size}\0${pageNumber}\0${dpi}`;
  let hit = images.get(key);
  if (!hit) {
    hit = draw(file, pageNumber, dpi);
    hit.catch(() => images.delete(key));
    if (images.size >= MAX_CACHED) images.delete(images.keys().next().value!);
    images.set(key, hit);
  }
  return hit;
}

async function draw(file: string, pageNumber: number, dpi: number): Promise<{ png: Buffer; pages: number }> {
  const doc = await openPdfDocument(readFileSync(file));
  try {
    const pages = doc.numPages;
    if (pageNumber < 1 || pageNumber > pages) throw new RangeError(`page ${pageNumber} is outside 1-${pages}`);
    const { canvas } = await drawPdfPage(await doc.getPage(pageNumber), dpi);
    return { png: canvas.toBuffer('image/png'), pages };
  } finally {
    await doc.destroy();
  }
}

/** The page count of a PDF without drawing anything (for "open any page"). */
export async function pageCount(file: string): Promise<number> {
  const doc = await openPdfDocument(readFileSync(file));
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
