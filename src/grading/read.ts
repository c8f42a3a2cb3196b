// One scanned page → what is marked on it: registration marks → transform → QR (paper,
// variant, candidate, page) → candidate-number grid and every bubble at the geometry's positions.
import { bubbleReading } from '../questions/registry.js';
import type { SheetGeometry } from '../documents/sheet.js';
import { baselines, classifyMark, darknessTable, measureBubble, type BubbleMeasure, type MarkState } from './bubbles.js';
import { cropImage, greyPercentile, rgbaFromGrey, type GreyImage } from './image.js';
import { findMarks, type Corner, type MarkLayout } from './marks.js';
import { fitHomography, localScale, project, type Homography, type Point } from './transform.js';

/** Decodes the QR code in RGBA pixels (jsqr in the product), or null. */
export type QrDecoder = (rgba: Uint8ClampedArray, width: number, height: number) => string | null;

export interface SheetSet {
  /** Every geometry of the paper (one per variant), by QR data: "exampress:id:variant:candidate:page". */
  byQr: Map<string, { geometry: SheetGeometry; page: number }>;
  marks: MarkLayout;
  /** Page rectangle (points) that holds the QR code on every page of every variant. */
  qrRegion: { x: number; y: number; w: number; h: number };
}

export function sheetSet(geometries: readonly SheetGeometry[]): SheetSet {
  const byQr = new Map<string, { geometry: SheetGeometry; page: number }>();
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const g of geometries) {
    for (const q of g.qr) {
      byQr.set(q.data, { geometry: g, page: q.page });
      x0 = Math.min(x0, q.x);
      y0 = Math.min(y0, q.y);
      x1 = Math.max(x1, q.x + q.size);
      y1 = Math.max(y1, q.y + q.size);
    }
  }
  const first = geometries[0]!;
  const marks = {} as MarkLayout['marks'];
  for (const r of first.registration) if (r.page === 1) marks[r.corner] = { cx: r.cx, cy: r.cy, size: r.size };
  return { byQr, marks: { page: first.page, marks }, qrRegion: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } };
}

export interface Doubt {
  /** The question's number, or "id" with the column for the candidate number. */
  number: number | string;
  reason: 'double' | 'faint' | 'partial';
  /** What was read: filled letters and the doubtful ones with their state. */
  filled: string[];
  doubtful: { letter: string; state: MarkState }[];
  /** Where to crop, in page points. */
  rect: { x: number; y: number; w: number; h: number };
}

export interface PageReading {
  geometry: SheetGeometry;
  page: number;
  qr: string;
  /** True when the page was scanned upside down. */
  turned: boolean;
  transform: Homography;
  /** Pixels per point of the scan. */
  scale: number;
  /** Page 1: the candidate number read from the grid ("?" for a doubtful digit), "" for none. */
  candidateId: string;
  /** Question number → letters read ("" blank), null when doubtful (see doubts). */
  answers: Map<number, string | null>;
  doubts: Doubt[];
  /** Every bubble's state, for tests and statistics: "12:A" or "id3:7". */
  marks: Map<string, MarkState>;
  /** Every bubble's measure (darkness above its group's empty baseline), same keys. */
  measures: Map<string, { mean: number; cover25: number; cover50: number }>;
}

export type PageResult = { ok: true; reading: PageReading } | { ok: false; problem: string };

const PAPER_QUANTILE = 0.5;

export function readPage(img: GreyImage, set: SheetSet, decodeQr: QrDecoder): PageResult {
  if (img.width < 200 || img.height < 200) return { ok: false, problem: `image too small (${img.width}x${img.height} px); scan at 150-600 dpi` };
  const paper = greyPercentile(img, PAPER_QUANTILE);
  if (paper < 90) return { ok: false, problem: 'the page is too dark to be a scanned sheet' };
  const found = findMarks(img, set.marks, paper);
  if ('problem' in found) return { ok: false, problem: found.problem };
  const layout = set.marks.marks;
  const pagePoints = (cs: Corner[]): Point[] => cs.map((c) => [layout[c].cx, layout[c].cy]);
  const upright: Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
  const turnedOrder: Corner[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
  const imagePoints: Point[] = upright.map((c) => found.centres[c]);
  const shape = rectangleProblem(imagePoints, layout);
  if (shape) return { ok: false, problem: shape };
  const expectedScale = Math.min(img.width / set.marks.page.width, img.height / set.marks.page.height);
  const fits = [];
  for (const [turned, order] of [[false, upright], [true, turnedOrder]] as const) {
    const h = fitHomography(pagePoints(order), imagePoints);
    if (!h) return { ok: false, problem: 'registration marks are not at the corners of a sheet' };
    const scale = localScale(h, set.marks.page.width / 2, set.marks.page.height / 2);
    if (scale < expectedScale * 0.8 || scale > expectedScale * 1.25) return { ok: false, problem: 'registration marks are not where a sheet has them (is this an exampress answer sheet?)' };
    fits.push({ turned, h, scale });
  }
  // Either way up at each effort before trying harder: a turned page costs no extra effort.
  for (let effort = 0; effort < 3; effort++) {
    for (const { turned, h, scale } of fits) {
      const data = readQr(img, h, set.qrRegion, decodeQr, effort);
      if (data === null) continue;
      const known = set.byQr.get(data);
      if (!known) {
        const other = data.startsWith('exampress:') ? `a sheet of another paper or variant (${data})` : `an unknown QR code (${data.slice(0, 60)})`;
        return { ok: false, problem: `${other}; pass the manifest of the paper these sheets belong to` };
      }
      return { ok: true, reading: readMarks(img, h, scale, known.geometry, known.page, data, turned, paper, found.ink) };
    }
  }
  return { ok: false, problem: 'QR code not readable (paper, variant and page unknown); check the scan of its top-right corner' };
}

/**
 * The four marks must form the sheet's rectangle (a little skew allowed): a mark covered by a
 * stray black square would otherwise bend the transform and every bubble with it.
 */
function rectangleProblem(p: Point[], layout: MarkLayout['marks']): string | null {
  const d = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const [tl, tr, bl, br] = p as [Point, Point, Point, Point];
  const top = d(tl, tr);
  const bottom = d(bl, br);
  const left = d(tl, bl);
  const right = d(tr, br);
  const aspect = (layout['top-right'].cx - layout['top-left'].cx) / (layout['bottom-left'].cy - layout['top-left'].cy);
  const off = (x: number) => Math.abs(x - 1);
  const diagonals = d(tl, br) / d(tr, bl);
  if (off(top / bottom) > 0.04 || off(left / right) > 0.04 || off((top + bottom) / (left + right) / aspect) > 0.04 || off(diagonals) > 0.04) {
    return 'the registration marks do not form the sheet\'s rectangle (a corner folded, covered or marked?)';
  }
  return null;
}

/**
 * The QR code in the page region that holds it, at increasing effort: as scanned, smoothed
 * (noise, JPEG blocks), smoothed and doubled in size (a low resolution).
 */
function readQr(img: GreyImage, h: Homography, region: SheetSet['qrRegion'], decodeQr: QrDecoder, effort: number): string | null {
  const margin = region.w * 0.25;
  const corners = [
    project(h, region.x - margin, region.y - margin),
    project(h, region.x + region.w + margin, region.y - margin),
    project(h, region.x - margin, region.y + region.h + margin),
    project(h, region.x + region.w + margin, region.y + region.h + margin),
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  let crop = cropImage(img, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  if (crop.width < 20 || crop.height < 20) return null;
  if (effort >= 1) crop = boxBlur(crop);
  if (effort >= 2) crop = doubled(crop);
  return decodeQr(rgbaFromGrey(crop), crop.width, crop.height);
}

/** 3x3 mean: takes the edge off scanner noise and JPEG blocks. */
function boxBlur(img: GreyImage): GreyImage {
  const { width: w, height: h } = img;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          sum += img.data[yy * w + xx]!;
          n++;
        }
      }
      data[y * w + x] = Math.round(sum / n);
    }
  }
  return { width: w, height: h, data };
}

/** Twice the size, bilinear. */
function doubled(img: GreyImage): GreyImage {
  const width = img.width * 2;
  const height = img.height * 2;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) / 2 - 0.5);
    const y0 = Math.min(img.height - 1, Math.floor(fy));
    const y1 = Math.min(img.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) / 2 - 0.5);
      const x0 = Math.min(img.width - 1, Math.floor(fx));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const tx = fx - x0;
      const a = img.data[y0 * img.width + x0]! * (1 - tx) + img.data[y0 * img.width + x1]! * tx;
      const b = img.data[y1 * img.width + x0]! * (1 - tx) + img.data[y1 * img.width + x1]! * tx;
      data[y * width + x] = Math.round(a * (1 - ty) + b * ty);
    }
  }
  return { width, height, data };
}

interface Slot {
  key: string;
  group: string;
  letter: string;
  bubble: { cx: number; cy: number; r: number };
}

function readMarks(img: GreyImage, h: Homography, scale: number, g: SheetGeometry, page: number, qr: string, turned: boolean, paper: number, ink: number): PageReading {
  const dark = darknessTable(paper, ink);
  const slots: Slot[] = [];
  const idColumns = g.candidateId.page === page ? g.candidateId.columns : [];
  for (const col of idColumns) for (const b of col.bubbles) slots.push({ key: `id${col.index}:${b.digit}`, group: `id:${b.digit}`, letter: String(b.digit), bubble: b });
  const questions = g.questions.filter((q) => q.page === page);
  for (const q of questions) for (const b of q.bubbles) slots.push({ key: `${q.number}:${b.letter}`, group: `${bubbleReading(q.type).group}:${b.letter}`, letter: b.letter, bubble: b });
  const measures = new Map<string, BubbleMeasure>();
  const groups = new Map<string, BubbleMeasure[]>();
  for (const s of slots) {
    const m = measureBubble(img, h, s.bubble, dark);
    measures.set(s.key, m);
    const list = groups.get(s.group) ?? [];
    list.push(m);
    groups.set(s.group, list);
  }
  const base = baselines(groups);
  const marks = new Map<string, MarkState>();
  for (const s of slots) marks.set(s.key, classifyMark(measures.get(s.key)!, base.get(s.group)!));

  const doubts: Doubt[] = [];
  const judgeOne = (number: number | string, keyOf: (letter: string) => string, letters: string[], bubbles: { cx: number; cy: number; r: number }[], single: boolean): string | null => {
    const filled = letters.filter((l) => marks.get(keyOf(l)) === 'filled');
    const doubtful = letters.filter((l) => { const s = marks.get(keyOf(l))!; return s === 'faint' || s === 'partial'; }).map((l) => ({ letter: l, state: marks.get(keyOf(l))! }));
    if (!doubtful.length && (!single || filled.length <= 1)) return filled.join('');
    const reason = single && filled.length > 1 ? 'double' : doubtful.some((d) => d.state === 'partial') ? 'partial' : 'faint';
    doubts.push({ number, reason, filled, doubtful, rect: around(bubbles) });
    return null;
  };

  let candidateId = '';
  if (idColumns.length) {
    const digits = idColumns.map((col) => {
      const v = judgeOne(`id${col.index + 1}`, (l) => `id${col.index}:${l}`, col.bubbles.map((b) => String(b.digit)), col.bubbles, true);
      return v === null ? '?' : v;
    });
    // Columns left empty at the end: a shorter number.
    candidateId = digits.join('');
    if (digits.some((d, i) => d === '' && digits.slice(i + 1).some((x) => x !== ''))) {
      doubts.push({ number: 'id', reason: 'faint', filled: [], doubtful: [], rect: around(idColumns.flatMap((c) => c.bubbles)) });
      candidateId = digits.map((d) => d || '?').join('').replace(/\?+$/, '');
    }
  }
  const answers = new Map<number, string | null>();
  for (const q of questions) answers.set(q.number, judgeOne(q.number, (l) => `${q.number}:${l}`, q.bubbles.map((b) => b.letter), q.bubbles, bubbleReading(q.type).single));
  const relative = new Map<string, { mean: number; cover25: number; cover50: number }>();
  for (const s of slots) {
    const m = measures.get(s.key)!;
    const b = base.get(s.group)!;
    relative.set(s.key, { mean: m.mean - b.mean, cover25: m.cover25 - b.cover25, cover50: m.cover50 - b.cover50 });
  }
  return { geometry: g, page, qr, turned, transform: h, scale, candidateId, answers, doubts, marks, measures: relative };
}

function around(bubbles: { cx: number; cy: number; r: number }[]): Doubt['rect'] {
  const pad = 1.6 * Math.max(...bubbles.map((b) => b.r));
  const x0 = Math.min(...bubbles.map((b) => b.cx - b.r)) - pad * 2.5;
  const x1 = Math.max(...bubbles.map((b) => b.cx + b.r)) + pad;
  const y0 = Math.min(...bubbles.map((b) => b.cy - b.r)) - pad;
  const y1 = Math.max(...bubbles.map((b) => b.cy + b.r)) + pad;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
