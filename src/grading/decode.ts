// The scanner's file formats, through npm packages loaded only when `scan` runs: @napi-rs/canvas
// decodes PNG/JPEG and encodes review crops, pdf.js renders PDF pages, jsqr reads QR codes.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { greyFromRgba, rgbaFromGrey, type GreyImage } from './image.js';
import type { QrDecoder } from './read.js';

type Canvas = typeof import('@napi-rs/canvas');
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

export interface ScanLibraries {
  decodeImage(bytes: Uint8Array): Promise<GreyImage>;
  /** Each page of a PDF rendered at `dpi`, one at a time. */
  pdfPages(bytes: Uint8Array, dpi: number): AsyncGenerator<GreyImage | { problem: string }>;
  encodePng(img: GreyImage): Buffer;
  decodeQr: QrDecoder;
}

let loaded: Promise<ScanLibraries> | undefined;

export function loadScanLibraries(): Promise<ScanLibraries> {
  loaded ??= (async () => {
    const canvas: Canvas = await import('@napi-rs/canvas');
    const jsqrModule = (await import('jsqr')) as unknown as { default: typeof import('jsqr').default };
    const jsQR = jsqrModule.default;
    let pdfjs: Promise<Pdfjs> | undefined;
    const loadPdfjs = () =>
      (pdfjs ??= (async () => {
        const g = globalThis as Record<string, unknown>;
        g.Path2D ??= canvas.Path2D;
        g.ImageData ??= canvas.ImageData;
        g.DOMMatrix ??= canvas.DOMMatrix;
        const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
        const worker: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // no type declarations
        g.pdfjsWorker ??= await import(worker);
        return lib;
      })());
    const toGrey = (image: InstanceType<Canvas['Image']>): GreyImage => {
      const c = canvas.createCanvas(image.width, image.height);
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, image.width, image.height);
      ctx.drawImage(image, 0, 0);
      return greyFromRgba(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
    };
    class CanvasFactory {
      create(width: number, height: number) {
        const c = canvas.createCanvas(width, height);
        return { canvas: c, context: c.getContext('2d') };
      }
      reset(cc: { canvas: InstanceType<Canvas['Canvas']> }, width: number, height: number) {
        cc.canvas.width = width;
        cc.canvas.height = height;
      }
      destroy(cc: { canvas: InstanceType<Canvas['Canvas']> | null; context: unknown }) {
        if (cc.canvas) cc.canvas.width = cc.canvas.height = 0;
        cc.canvas = null;
        cc.context = null;
      }
    }
    return {
      async decodeImage(bytes) {
        const image = await canvas.loadImage(Buffer.from(bytes));
        return toGrey(image);
      },
      async *pdfPages(bytes, dpi) {
        const lib = await loadPdfjs();
        const dir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
        const doc = await lib.getDocument({
          data: new Uint8Array(bytes),
          verbosity: 0,
          disableFontFace: true,
          isEvalSupported: false,
          useSystemFonts: false,
          cMapUrl: join(dir, 'cmaps') + '/',
          standardFontDataUrl: join(dir, 'standard_fonts') + '/',
          CanvasFactory,
        } as Parameters<Pdfjs['getDocument']>[0]).promise;
        try {
          for (let n = 1; n <= doc.numPages; n++) {
            try {
              const page = await doc.getPage(n);
              const vp = page.getViewport({ scale: dpi / 72 });
              const c = canvas.createCanvas(Math.round(vp.width), Math.round(vp.height));
              const ctx = c.getContext('2d');
              await page.render({ canvas: c, canvasContext: ctx, viewport: vp, background: 'white' } as unknown as Parameters<typeof page.render>[0]).promise;
              yield greyFromRgba(ctx.getImageData(0, 0, c.width, c.height).data, c.width, c.height);
              page.cleanup();
            } catch (err) {
              yield { problem: `page could not be rendered: ${(err as Error).message}` };
            }
          }
        } finally {
          await doc.destroy();
        }
      },
      encodePng(img) {
        const c = canvas.createCanvas(img.width, img.height);
        const ctx = c.getContext('2d');
        const data = ctx.createImageData(img.width, img.height);
        data.data.set(rgbaFromGrey(img));
        ctx.putImageData(data, 0, 0);
        return c.toBuffer('image/png');
      },
      decodeQr(rgba, width, height) {
        const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
        return found ? found.data : null;
      },
    } satisfies ScanLibraries;
  })();
  return loaded;
}
