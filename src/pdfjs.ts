// Reading PDFs back (scanned answer sheets, the web page's previews) with Mozilla's pdf.js drawn
// through @napi-rs/canvas: both npm packages, loaded on first use only. One place for how they
// are set up on Node 20 (Path2D, ImageData and DOMMatrix before pdf.js loads; its worker in this
// thread; a canvas factory pdf.js draws intermediate images on).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Canvas = typeof import('@napi-rs/canvas');
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfjsDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
export type PdfjsPage = Awaited<ReturnType<PdfjsDocument['getPage']>>;

let loaded: Promise<{ pdfjs: Pdfjs; canvas: Canvas; dir: string }> | undefined;

let canvasLoaded: Promise<Canvas> | undefined;

/** The canvas package alone (PNG and JPEG scans need no pdf.js). */
export function loadCanvas(): Promise<Canvas> {
  canvasLoaded ??= import('@napi-rs/canvas');
  return canvasLoaded;
}

/** pdf.js and the canvas package, ready for Node (once per process). */
export function loadPdfjs(): Promise<{ pdfjs: Pdfjs; canvas: Canvas; dir: string }> {
  loaded ??= (async () => {
    const canvas = await loadCanvas();
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

export interface OpenPdfOptions {
  /** Report warnings too (pdf.js prints them through console.warn as "Warning: …"), not only errors. */
  warnings?: boolean;
  /** Stop at the first error instead of reading past it. */
  stopAtErrors?: boolean;
  /** Keep each font's names and flags on its object (for reading fonts back). */
  fontExtraProperties?: boolean;
}

/** Open a PDF for drawing: no system fonts, no eval, pdf.js's own data files. */
export async function openPdfDocument(bytes: Uint8Array, opts: OpenPdfOptions = {}): Promise<PdfjsDocument> {
  const { pdfjs, canvas, dir } = await loadPdfjs();
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
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: opts.warnings ? pdfjs.VerbosityLevel.WARNINGS : pdfjs.VerbosityLevel.ERRORS,
    stopAtErrors: opts.stopAtErrors ?? false,
    fontExtraProperties: opts.fontExtraProperties ?? false,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    cMapUrl: join(dir, 'cmaps') + '/',
    standardFontDataUrl: join(dir, 'standard_fonts') + '/',
    CanvasFactory,
  } as Parameters<Pdfjs['getDocument']>[0]).promise;
}

/** A page drawn at `dpi` on a white background: the canvas, to read pixels or encode. */
export async function drawPdfPage(page: PdfjsPage, dpi: number) {
  const { canvas } = await loadPdfjs();
  const vp = page.getViewport({ scale: dpi / 72 });
  const c = canvas.createCanvas(Math.round(vp.width), Math.round(vp.height));
  const context = c.getContext('2d');
  await page.render({ canvas: c, canvasContext: context, viewport: vp, background: 'white' } as unknown as Parameters<PdfjsPage['render']>[0]).promise;
  return { canvas: c, context };
}
