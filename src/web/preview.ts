// Page images of the PDFs the workspace wrote, drawn by Mozilla's pdf.js through @napi-rs/canvas
// (as tests/support/pdf.ts does). Both are loaded on the first preview only, so `serve` starts
// fast; images are kept in memory by file, its size and time, page and resolution.
import { statSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Canvas = typeof import('@napi-rs/canvas');
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<{ pdfjs: Pdfjs; canvas: Canvas; dir: string }> | undefined;

function load() {
  loaded ??= (async () => {
    const canvas = await import('@napi-rs/canvas');
    const g = globalThis as Record<string, unknown>;
    g.Path2D ??= canvas.Path2D;
    g.ImageData ??= canvas.ImageData;
    g.DOMMatrix ??= canvas.DOMMatrix;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const worker: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // no type declarations
    g.pdfjsWorker ??= await import(worker);
    const dir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { pdfjs, canvas, dir };
  })();
  return loaded;
}

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
  const { pdfjs, canvas, dir } = await load();
  class CanvasFactory {
    create(width: number, height: number) {
      const c = canvas.createCanvas(width, height);
      return { canvas: c, context: c.getContext('2d') };
    }
    reset(cc: { canvas: { width: number; height: number } }, width: number, height: number) {
      cc.canvas.width = width;
      cc.canvas.height = height;
    }
    destroy(cc: { canvas: { width: number; height: number } | null; context: unknown }) {
      if (cc.canvas) cc.canvas.width = cc.canvas.height = 0;
      cc.canvas = null;
      cc.context = null;
    }
  }
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    cMapUrl: join(dir, 'cmaps') + '/',
    standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    CanvasFactory,
  } as Parameters<Pdfjs['getDocument']>[0]).promise;
  try {
    const pages = doc.numPages;
    if (pageNumber < 1 || pageNumber > pages) throw new RangeError(`page ${pageNumber} is outside 1-${pages}`);
    const pg = await doc.getPage(pageNumber);
    const vp = pg.getViewport({ scale: dpi / 72 });
    const c = canvas.createCanvas(Math.round(vp.width), Math.round(vp.height));
    const context = c.getContext('2d');
    const params = { canvas: c, canvasContext: context, viewport: vp, background: 'white' } as unknown as Parameters<typeof pg.render>[0];
    await pg.render(params).promise;
    return { png: c.toBuffer('image/png'), pages };
  } finally {
    await doc.destroy();
  }
}

/** The page count of a PDF without drawing anything (for "open any page"). */
export async function pageCount(file: string): Promise<number> {
  const { pdfjs, dir } = await load();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false, standardFontDataUrl: join(dir, 'standard_fonts') + '/' } as Parameters<Pdfjs['getDocument']>[0]).promise;
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
