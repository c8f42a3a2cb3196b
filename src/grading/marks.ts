// Finding the four registration squares near the corners of a scan: the darkest solid square
// blob of about the expected size in each corner region, located to a fraction of a pixel by
// the centroid of its pixels.
import type { GreyImage } from './image.js';
import type { Point } from './transform.js';

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export const CORNERS: readonly Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

export interface MarkLayout {
  page: { width: number; height: number };
  /** Centre of each corner's square and its side, in points from the page's top-left. */
  marks: Record<Corner, { cx: number; cy: number; size: number }>;
}

export interface FoundMarks {
  /** Centres in image pixels, by the image's own corners. */
  centres: Record<Corner, Point>;
  /** Mean grey inside the squares: the scan's ink level. */
  ink: number;
}

/** The four marks, or the reason they could not be found. */
export function findMarks(img: GreyImage, layout: MarkLayout, paper: number): FoundMarks | { problem: string } {
  const scale = Math.min(img.width / layout.page.width, img.height / layout.page.height);
  const centres = {} as Record<Corner, Point>;
  let inkSum = 0;
  const missing: Corner[] = [];
  for (const corner of CORNERS) {
    const m = layout.marks[corner];
    const right = corner.endsWith('right');
    const bottom = corner.startsWith('bottom');
    // The region: from the image's corner to well past where the mark should be.
    const offX = (right ? layout.page.width - m.cx : m.cx) * scale;
    const offY = (bottom ? layout.page.height - m.cy : m.cy) * scale;
    const spanX = offX * 2 + m.size * scale * 2 + 0.07 * img.width;
    const spanY = offY * 2 + m.size * scale * 2 + 0.05 * img.height;
    const x0 = right ? Math.max(0, Math.floor(img.width - spanX)) : 0;
    const y0 = bottom ? Math.max(0, Math.floor(img.height - spanY)) : 0;
    const x1 = right ? img.width : Math.min(img.width, Math.ceil(spanX));
    const y1 = bottom ? img.height : Math.min(img.height, Math.ceil(spanY));
    const expect: Point = [right ? img.width - offX : offX, bottom ? img.height - offY : offY];
    const found = squareIn(img, { x0, y0, x1, y1 }, m.size * scale, expect, paper);
    if (!found) missing.push(corner);
    else {
      centres[corner] = found.centre;
      inkSum += found.ink;
    }
  }
  if (missing.length) return { problem: `registration mark${missing.length > 1 ? 's' : ''} not found (${missing.join(', ')} of the scan)` };
  return { centres, ink: inkSum / 4 };
}

interface Blob {
  centre: Point;
  ink: number;
}

/** The square blob of side ≈ `side` px inside the region nearest `expect`, or null. */
function squareIn(img: GreyImage, r: { x0: number; y0: number; x1: number; y1: number }, side: number, expect: Point, paper: number): Blob | null {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (w <= 0 || h <= 0) return null;
  // Darker than halfway between paper and black counts as ink.
  const threshold = paper / 2;
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  let best: { blob: Blob; distance: number } | null = null;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (seen[i] || img.data[(y + r.y0) * img.width + x + r.x0]! >= threshold) continue;
      // Flood the component, collecting its extent, centroid and grey sum.
      seen[i] = 1;
      stack.push(i);
      let count = 0;
      let sx = 0;
      let sy = 0;
      let grey = 0;
      let minX = x;
      let maxX = x;
      let minY = y;
      let maxY = y;
      while (stack.length) {
        const j = stack.pop()!;
        const jx = j % w;
        const jy = (j - jx) / w;
        count++;
        sx += jx;
        sy += jy;
        grey += img.data[(jy + r.y0) * img.width + jx + r.x0]!;
        if (jx < minX) minX = jx;
        if (jx > maxX) maxX = jx;
        if (jy < minY) minY = jy;
        if (jy > maxY) maxY = jy;
        const push = (k: number) => {
          if (!seen[k] && img.data[((k / w) | 0) * img.width + (k % w) + r.y0 * img.width + r.x0]! < threshold) {
            seen[k] = 1;
            stack.push(k);
          }
        };
        if (jx > 0) push(j - 1);
        if (jx < w - 1) push(j + 1);
        if (jy > 0) push(j - w);
        if (jy < h - 1) push(j + w);
      }
      const bw = maxX - minX + 1;
      const bh = maxY - minY + 1;
      const area = side * side;
      if (count < 0.55 * area || count > 1.7 * area) continue;
      if (bw < 0.7 * side || bh < 0.7 * side || bw > 1.5 * side || bh > 1.5 * side) continue;
      if (count / (bw * bh) < 0.62) continue;
      const centre: Point = [r.x0 + sx / count + 0.5, r.y0 + sy / count + 0.5];
      const distance = Math.hypot(centre[0] - expect[0], centre[1] - expect[1]);
      if (!best || distance < best.distance) best = { blob: { centre, ink: grey / count }, distance };
    }
  }
  return best?.blob ?? null;
}
