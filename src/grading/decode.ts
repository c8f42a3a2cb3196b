// The scanner's file formats, through npm packages loaded only when `scan` runs: @napi-rs/canvas
// decodes PNG/JPEG and encodes review crops, pdf.js renders PDF pages, jsqr reads QR codes.
import { drawPdfPage, loadCanvas, openPdfDocument, type Canvas } from '../pdfjs.js';
import { greyFromRgba, rgbaFromGrey, type GreyImage } from './image.js';
import type { QrDecoder } from './read.js';


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
    const canvas = await loadCanvas();
    const jsqrModule = (await import('jsqr')) as unknown as { default: typeof import('jsqr').default };
    const jsQR = jsqrModule.default;
    const toGrey = (image: InstanceType<Canvas['Image']>): GreyImage => {
      const c = canvas.createCanvas(image.width, image.height);
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, image.width, image.height);
      ctx.drawImage(image, 0, 0);
      return greyFromRgba(ctx.getImageData(0, 0, image.width, image.height).data, image.width, image.height);
    };
    return {
      async decodeImage(bytes) {
        const image = await canvas.loadImage(Buffer.from(bytes));
        return toGrey(image);
      },
      async *pdfPages(bytes, dpi) {
        const doc = await openPdfDocument(bytes);
        try {
          for (let n = 1; n <= doc.numPages; n++) {
            try {
              const page = await doc.getPage(n);
              const { canvas: c, context: ctx } = await drawPdfPage(page, dpi);
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
