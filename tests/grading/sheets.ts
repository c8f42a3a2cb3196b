// Answer sheets as people return them: our own sheet rendered to pixels, filled in with marks
// of several kinds, then distorted the way scanners do. Everything seeded: the same every run.
import * as canvasPkg from '@napi-rs/canvas';
import type { SheetGeometry } from '../../src/documents/index.js';
import { greyFromRgba, type GreyImage } from '../../src/grading/image.js';
import { openPdf } from '../support/pdf.js';
import { prng } from '../typeset/lines/helpers.js';

export type MarkKind = 'solid' | 'pencil' | 'overflow' | 'erasure' | 'dot-outside' | 'dot-inside' | 'tick' | 'cross';

/** Marks a reader must read as a letter; the others must never become one. */
export const INTENDED: readonly MarkKind[] = ['solid', 'pencil', 'overflow'];

export interface Fill {
  /** Question number or "id<column>" (0-based). */
  target: number | string;
  letter: string;
  kind: MarkKind;
}

export type Ctx = canvasPkg.SKRSContext2D;

/** The sheet page rendered at `dpi`, on a canvas to draw marks on. */
export async function sheetCanvas(pdfBytes: Uint8Array, dpi: number, page = 1): Promise<canvasPkg.Canvas> {
  const pdf = await openPdf(pdfBytes);
  const img = await (await pdf.page(page)).render({ dpi });
  await pdf.close();
  const canvas = canvasPkg.createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(img.width, img.height);
  data.data.set(img.data);
  ctx.putImageData(data, 0, 0);
  return canvas;
}

/** A seeded generator: the line tests' mulberry32. */
export const rng = prng;

export function bubbleOf(g: SheetGeometry, target: number | string, letter: string): { cx: number; cy: number; r: number } {
  if (typeof target === 'string') {
    const col = g.candidateId.columns[Number(target.slice(2))]!;
    return col.bubbles.find((b) => String(b.digit) === letter)!;
  }
  return g.questions.find((q) => q.number === target)!.bubbles.find((b) => b.letter === letter)!;
}

/** Draws one mark; positions in points, `k` pixels per point. */
export function drawMark(ctx: Ctx, b: { cx: number; cy: number; r: number }, kind: MarkKind, k: number, random: () => number): void {
  const x = b.cx * k;
  const y = b.cy * k;
  const r = b.r * k;
  const disc = (cx: number, cy: number, rr: number, colour: string) => {
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(cx, cy, rr, 0, Math.PI * 2);
    ctx.fill();
  };
  const stroke = (pts: [number, number][], width: number, colour = '#151515') => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width * k;
    ctx.lineCap = 'round';
    ctx.beginPath();
    pts.forEach(([px, py], i) => (i ? ctx.lineTo(x + px * r, y + py * r) : ctx.moveTo(x + px * r, y + py * r)));
    ctx.stroke();
  };
  switch (kind) {
    case 'solid':
      disc(x + (random() - 0.5) * 0.2 * r, y + (random() - 0.5) * 0.2 * r, r * (0.9 + random() * 0.15), '#181818');
      break;
    case 'pencil':
      // Light graphite: a grey fill laid down in strokes.
      disc(x, y, r * 0.92, '#a2a2a2');
      for (let i = -3; i <= 3; i++) stroke([[-0.8, i * 0.25], [0.8, i * 0.25 + 0.1]], 0.35, '#8c8c8c');
      break;
    case 'overflow':
      disc(x + (random() - 0.5) * 0.5 * r, y + (random() - 0.5) * 0.5 * r, r * 1.4, '#202020');
      break;
    case 'erasure':
      disc(x, y, r * 0.95, '#e0e0e0');
      for (let i = 0; i < 4; i++) disc(x + (random() - 0.5) * r, y + (random() - 0.5) * r, r * 0.25, '#d4d4d4');
      break;
    case 'dot-outside':
      disc(x + 1.75 * r * (b.r > 5 ? 1 : 1.1), y + (random() - 0.5) * 0.4 * r, r * 0.25, '#202020');
      break;
    case 'dot-inside':
      disc(x + (random() - 0.5) * 0.5 * r, y + (random() - 0.5) * 0.5 * r, r * 0.3, '#202020');
      break;
    case 'tick':
      stroke([[-0.7, 0], [-0.2, 0.6], [0.9, -0.9]], 0.8);
      break;
    case 'cross':
      stroke([[-0.8, -0.8], [0.8, 0.8]], 0.8);
      stroke([[-0.8, 0.8], [0.8, -0.8]], 0.8);
      break;
  }
}

export interface Distortion {
  rotate?: number; // degrees
  scale?: number;
  shift?: [number, number]; // pixels
  turn?: boolean; // 180°
  blur?: number; // pixels
  noise?: number; // grey levels (standard deviation)
  jpeg?: number; // quality 0-100
}

/** The filled canvas as a scanner would return it, as grey pixels. */
export async function scanOf(src: canvasPkg.Canvas, d: Distortion, random: () => number): Promise<GreyImage> {
  // The scanner's bed is a little larger than the sheet: a turned sheet keeps its corners.
  const w = Math.round(src.width * 1.12);
  const h = Math.round(src.height * 1.1);
  const out = canvasPkg.createCanvas(w, h);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  if (d.blur) ctx.filter = `blur(${d.blur}px)`;
  ctx.translate(w / 2 + (d.shift?.[0] ?? 0), h / 2 + (d.shift?.[1] ?? 0));
  ctx.rotate(((d.rotate ?? 0) * Math.PI) / 180 + (d.turn ? Math.PI : 0));
  ctx.scale(d.scale ?? 1, d.scale ?? 1);
  ctx.drawImage(src, -src.width / 2, -src.height / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = 'none';
  const image = ctx.getImageData(0, 0, w, h);
  if (d.noise) {
    const px = image.data;
    for (let i = 0; i < px.length; i += 4) {
      // Box-Muller
      const n = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()) * d.noise;
      const v = Math.max(0, Math.min(255, px[i]! + n));
      px[i] = px[i + 1] = px[i + 2] = v;
    }
    ctx.putImageData(image, 0, 0);
  }
  if (d.jpeg) {
    const bytes = await out.encode('jpeg', d.jpeg);
    const img = await canvasPkg.loadImage(bytes);
    const c2 = canvasPkg.createCanvas(w, h);
    const ctx2 = c2.getContext('2d');
    ctx2.drawImage(img, 0, 0);
    return greyFromRgba(ctx2.getImageData(0, 0, w, h).data, w, h);
  }
  return greyFromRgba(ctx.getImageData(0, 0, w, h).data, w, h);
}

/**
 * A plan of fills for a sheet: each choice question gets intended marks (solid, pencil or
 * overflow) and, on some, a doubtful extra (erasure, tick, cross, dot); the id grid gets `id`.
 */
export function planFills(g: SheetGeometry, id: string, random: () => number, opts: { doubtful: boolean }): Fill[] {
  const fills: Fill[] = [];
  [...id].forEach((digit, c) => fills.push({ target: `id${c}`, letter: digit, kind: 'solid' }));
  for (const q of g.questions) {
    const letters = q.bubbles.map((b) => b.letter);
    const pick = () => letters[Math.floor(random() * letters.length)]!;
    const kind = INTENDED[Math.floor(random() * INTENDED.length)]!;
    const chosen = new Set<string>();
    if (random() > 0.08) chosen.add(pick()); // a few left blank
    if (q.type === 'multiple' && random() > 0.3) chosen.add(pick());
    for (const l of chosen) fills.push({ target: q.number, letter: l, kind });
    if (opts.doubtful && random() < 0.25) {
      const free = letters.filter((l) => !chosen.has(l));
      const extra = (['erasure', 'tick', 'cross', 'dot-inside', 'dot-outside'] as const)[Math.floor(random() * 5)]!;
      if (free.length) fills.push({ target: q.number, letter: free[Math.floor(random() * free.length)]!, kind: extra });
    }
  }
  return fills;
}
