// Scanned pages as grey pixels (0 black .. 255 white), and the few operations the reader needs.
import type { Homography } from './transform.js';
import { project } from './transform.js';

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, row by row from the top-left. */
  data: Uint8Array;
}

/** Luminance of RGBA pixels (a colour scan reads as a grey one). */
export function greyFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyImage {
  const data = new Uint8Array(width * height);
  if (rgba.byteOffset % 4 === 0) {
    // One 32-bit read per pixel (little-endian: R in the low byte): several times faster.
    const px = new Uint32Array(rgba.buffer, rgba.byteOffset, data.length);
    for (let i = 0; i < data.length; i++) {
      const v = px[i]!;
      data[i] = ((v & 255) * 77 + ((v >>> 8) & 255) * 150 + ((v >>> 16) & 255) * 29) >> 8;
    }
    return { width, height, data };
  }
  for (let i = 0, j = 0; i < data.length; i++, j += 4) data[i] = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
  return { width, height, data };
}

/** RGBA pixels of a grey image (for encoders and the QR decoder). */
export function rgbaFromGrey(img: GreyImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i++, j += 4) {
    const g = img.data[i]!;
    out[j] = g;
    out[j + 1] = g;
    out[j + 2] = g;
    out[j + 3] = 255;
  }
  return out;
}

/** The axis-aligned part of an image inside [x0, x1) x [y0, y1), clipped to the image. */
export function cropImage(img: GreyImage, x0: number, y0: number, x1: number, y1: number): GreyImage {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(img.width, Math.ceil(x1));
  const bottom = Math.min(img.height, Math.ceil(y1));
  const width = Math.max(0, right - left);
  const height = Math.max(0, bottom - top);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(img.data.subarray((top + y) * img.width + left, (top + y) * img.width + left + width), y * width);
  return { width, height, data };
}

/**
 * A page-coordinate rectangle (points) resampled upright at `scale` pixels per point through
 * the page-to-image transform: crops for the review read the right way up whatever the scan.
 */
export function warpRegion(img: GreyImage, h: Homography, rect: { x: number; y: number; w: number; h: number }, scale: number): GreyImage {
  const width = Math.max(1, Math.round(rect.w * scale));
  const height = Math.max(1, Math.round(rect.h * scale));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = project(h, rect.x + (x + 0.5) / scale, rect.y + (y + 0.5) / scale);
      const px = Math.floor(u);
      const py = Math.floor(v);
      data[y * width + x] = px >= 0 && py >= 0 && px < img.width && py < img.height ? img.data[py * img.width + px]! : 255;
    }
  }
  return { width, height, data };
}

/** The grey level below which `fraction` of a sample of the image's pixels lie. */
export function greyPercentile(img: GreyImage, fraction: number, step = 7): number {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    counts[img.data[i]!]!++;
    n++;
  }
  const target = fraction * n;
  let seen = 0;
  for (let g = 0; g < 256; g++) {
    seen += counts[g]!;
    if (seen >= target) return g;
  }
  return 255;
}

/** A small copy `width` pixels wide (box-averaged), for showing an unreadable page. */
export function thumbnail(img: GreyImage, width: number): GreyImage {
  const f = img.width / width;
  const height = Math.max(1, Math.round(img.height / f));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let yy = Math.floor(y * f); yy < Math.min(img.height, Math.floor((y + 1) * f)); yy += 2) {
        for (let xx = Math.floor(x * f); xx < Math.min(img.width, Math.floor((x + 1) * f)); xx += 2) {
          sum += img.data[yy * img.width + xx]!;
          n++;
        }
      }
      data[y * width + x] = n ? Math.round(sum / n) : 255;
    }
  }
  return { width, height, data };
}
