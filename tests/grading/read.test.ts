// Scanning our own answer sheets back: rendered, filled as people fill them, distorted as
// scanners distort them, then read. Clean marks must all be right; on distorted scans at least
// 99.5 % of marks right and every other one in review; never a wrong letter with confidence.
// SCAN_STRESS=n replaces the five distorted scans by n random ones (SCAN_BLUR, SCAN_NOISE,
// SCAN_JPEG set the worst blur in px, noise in grey levels, lowest JPEG quality); DEBUG_SCAN=1
// prints every mark that went to review and the totals.
import jsQR from 'jsqr';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SheetGeometry } from '../../src/documents/index.js';
import { readPage, sheetSet, type PageReading, type QrDecoder, type SheetSet } from '../../src/grading/read.js';
import { printStandard } from '../documents/standard.js';
import { bubbleOf, drawMark, INTENDED, planFills, rng, scanOf, sheetCanvas, type Distortion, type Fill } from './sheets.js';
import type * as canvasPkg from '@napi-rs/canvas';

const DPI = 150;
const K = DPI / 72;
const decodeQr: QrDecoder = (rgba, w, h) => jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;

let geometry: SheetGeometry;
let set: SheetSet;
let blank: canvasPkg.Canvas;
let blankB: canvasPkg.Canvas;

beforeAll(async () => {
  const printed = await printStandard({ only: ['sheet'], variants: 2 });
  geometry = JSON.parse(printed.file('standard-A-sheet.json').bytes.toString('utf8')) as SheetGeometry;
  const other = JSON.parse(printed.file('standard-B-sheet.json').bytes.toString('utf8')) as SheetGeometry;
  set = sheetSet([geometry, other]);
  blank = await sheetCanvas(printed.file('standard-A-sheet.pdf').bytes, DPI);
  blankB = await sheetCanvas(printed.file('standard-B-sheet.pdf').bytes, DPI);
});

async function filledSheet(fills: Fill[], seed: number): Promise<canvasPkg.Canvas> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const c = createCanvas(blank.width, blank.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(blank, 0, 0);
  const random = rng(seed);
  for (const f of fills) drawMark(ctx, bubbleOf(geometry, f.target, f.letter), f.kind, K, random);
  return c;
}

interface Tally {
  /** Questions (and the id) with only clean marks, read right. */
  right: number;
  /** Questions with only clean marks. */
  clean: number;
  /** Bubbles without a doubtful mark, and how many of them were read right. */
  marks: number;
  marksRight: number;
  review: number;
  wrong: string[];
  total: number;
}

/** Compares a reading with the fills: per question (and id column) right, in review, or wrong. */
function tally(reading: PageReading, fills: Fill[], id: string): Tally {
  const t: Tally = { right: 0, clean: 0, marks: 0, marksRight: 0, review: 0, wrong: [], total: 0 };
  for (const q of geometry.questions) {
    const mine = fills.filter((f) => f.target === q.number);
    const intended = q.bubbles.map((b) => b.letter).filter((l) => mine.some((f) => f.letter === l && INTENDED.includes(f.kind))).join('');
    const read = reading.answers.get(q.number);
    const clean = mine.every((f) => INTENDED.includes(f.kind) || f.kind === 'dot-outside');
    t.total++;
    if (clean) t.clean++;
    if (read === null && clean && process.env.DEBUG_SCAN) console.log(q.number, mine.map((f) => f.letter + f.kind).join(','), q.bubbles.map((b) => `${b.letter}=${reading.marks.get(`${q.number}:${b.letter}`)}:${JSON.stringify(reading.measures.get(`${q.number}:${b.letter}`), (_k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))}`).join(' '));
    if (read === null) t.review++;
    else if (read === intended) t.right += clean ? 1 : 0;
    else t.wrong.push(`${q.number}: ${q.bubbles.map((b) => JSON.stringify(reading.measures.get(`${q.number}:${b.letter}`), (_k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))).join(' ')}`, `${q.number}: read ${read || '(blank)'}, marked ${intended || '(blank)'} [${mine.map((f) => `${f.letter} ${f.kind}`).join(', ')}]`);
  }
  // Marks: every bubble without a doubtful mark of its own must read as marked (filled or empty).
  for (const [key, state] of reading.marks) {
    const [target, letter] = key.split(':') as [string, string];
    const own = fills.filter((f) => String(f.target) === target && f.letter === letter);
    if (own.some((f) => !INTENDED.includes(f.kind) && f.kind !== 'dot-outside')) continue;
    const expected = own.some((f) => INTENDED.includes(f.kind)) ? 'filled' : 'empty';
    t.marks++;
    if (state === expected) t.marksRight++;
    else if (state === 'filled' || (state === 'empty' && expected === 'filled')) t.wrong.push(`mark ${key}: ${state}, marked ${expected}`);
    else if (process.env.DEBUG_SCAN) console.log(key, state, JSON.stringify(reading.measures.get(key)));
  }
  t.total++;
  t.clean++;
  if (reading.candidateId === id) t.right++;
  else if (reading.candidateId.includes('?')) t.review++;
  else t.wrong.push(`id: read ${reading.candidateId}, marked ${id}`);
  return t;
}

function read(img: Awaited<ReturnType<typeof scanOf>>, label = ''): PageReading {
  const result = readPage(img, set, decodeQr);
  if (!result.ok) throw new Error(`${label} ${result.problem}`);
  return result.reading;
}

describe('scanning filled sheets', () => {
  test('clean scans: every solid, pencil and overflowing mark is read right, nothing goes to review', async () => {
    for (const seed of [1, 2]) {
      const id = String(20260000 + seed * 37).slice(0, 8);
      const fills = planFills(geometry, id, rng(seed), { doubtful: false });
      const img = await scanOf(await filledSheet(fills, seed), {}, rng(seed));
      const reading = read(img);
      const t = tally(reading, fills, id);
      expect(t.wrong).toEqual([]);
      expect(reading.doubts.map((d) => `${d.number} ${d.reason} ${JSON.stringify(reading.measures.get(`${d.number}:${d.doubtful[0]?.letter}`))} ${fills.filter((f) => f.target === d.number).map((f) => f.letter + f.kind)}`)).toEqual([]);
      expect(t.right).toBe(t.clean);
      expect(t.clean).toBe(t.total);
      expect(reading.turned).toBe(false);
      expect(reading.qr).toBe(`exampress:${geometry.paper.id}:A::1`);
    }
  });

  test('doubtful marks (erasures, ticks, crosses, dots) go to review, never to a letter', async () => {
    const id = '31415926';
    const fills = planFills(geometry, id, rng(7), { doubtful: true });
    const reading = read(await scanOf(await filledSheet(fills, 7), {}, rng(7)));
    const t = tally(reading, fills, id);
    expect(t.wrong).toEqual([]);
    // Every tick, cross and dot inside a bubble is a question in review.
    const partial = fills.filter((f) => ['tick', 'cross', 'dot-inside'].includes(f.kind));
    expect(partial.length).toBeGreaterThan(3);
    for (const f of partial) expect(reading.answers.get(f.target as number), `${f.target} ${f.kind}`).toBeNull();
    // A dot between bubbles changes nothing.
    for (const f of fills.filter((x) => x.kind === 'dot-outside')) expect(reading.answers.get(f.target as number)).not.toBeNull();
  });

  test('distorted scans: rotated, scaled, shifted, blurred, noisy, JPEG, upside down', async () => {
    const stress = Number(process.env.SCAN_STRESS ?? 0);
    const cases: Distortion[] = stress ? Array.from({ length: stress }, (_, i) => { const r = rng(900 + i); return { rotate: (r() * 2 - 1) * 5, scale: 0.95 + r() * 0.1, shift: [(r() - 0.5) * 30, (r() - 0.5) * 30] as [number, number], turn: r() < 0.5, blur: r() * Number(process.env.SCAN_BLUR ?? 1.2), noise: r() * Number(process.env.SCAN_NOISE ?? 14), jpeg: r() < 0.5 ? Number(process.env.SCAN_JPEG ?? 50) + Math.round(r() * 40) : 0 }; }) : [
      { rotate: 5, scale: 1.03, blur: 0.8 },
      { rotate: -4, scale: 0.95, noise: 12, shift: [14, -9] },
      { rotate: 2.5, turn: true, jpeg: 60 },
      { rotate: -5, scale: 1.05, noise: 8, jpeg: 75, blur: 0.6 },
      { turn: true, scale: 0.97, noise: 10, shift: [-10, 12] },
    ];
    let right = 0;
    let clean = 0;
    let marks = 0;
    let marksRight = 0;
    const wrong: string[] = [];
    for (const [i, d] of cases.entries()) {
      const seed = 100 + i;
      const id = String(10000000 + seed * 7919);
      const fills = planFills(geometry, id, rng(seed), { doubtful: true });
      const image = await scanOf(await filledSheet(fills, seed), d, rng(seed));
      if (stress && !readPage(image, set, decodeQr).ok) {
        console.log(`case ${i} unreadable: ${JSON.stringify(readPage(image, set, decodeQr))}`);
        if (process.env.DEBUG_SCAN) {
          const { createCanvas } = await import('@napi-rs/canvas');
          const c = createCanvas(image.width, image.height);
          const cx = c.getContext('2d');
          const id = cx.createImageData(image.width, image.height);
          for (let k = 0; k < image.data.length; k++) { id.data[k * 4] = id.data[k * 4 + 1] = id.data[k * 4 + 2] = image.data[k]!; id.data[k * 4 + 3] = 255; }
          cx.putImageData(id, 0, 0);
          const { writeFileSync } = await import('node:fs');
          writeFileSync(`/tmp/unreadable-${i}.png`, await c.encode('png'));
        }
        continue;
      }
      const reading = read(image, `case ${i}`);
      expect(reading.turned).toBe(Boolean(d.turn));
      const t = tally(reading, fills, id);
      right += t.right;
      clean += t.clean;
      marks += t.marks;
      marksRight += t.marksRight;
      wrong.push(...t.wrong.map((w) => `case ${i}: ${w}`));
    }
    expect(wrong).toEqual([]);
    if (process.env.DEBUG_SCAN) console.log(JSON.stringify({ questions: { clean, right }, marks: { marks, marksRight } }));
    expect(marks).toBeGreaterThan(1000);
    expect(marksRight / marks).toBeGreaterThanOrEqual(0.995);
    expect(right / clean).toBeGreaterThanOrEqual(0.97);
  });

  test('pages that cannot be read say why: another paper, a page without marks, a QR code torn off, a mark covered', async () => {
    const onlyA = sheetSet([geometry]);
    const b = readPage(await scanOf(blankB, {}, rng(1)), onlyA, decodeQr);
    expect(b).toEqual({ ok: false, problem: `a sheet of another paper or variant (exampress:${geometry.paper.id}:B::1); pass the manifest of the paper these sheets belong to` });
    const { createCanvas } = await import('@napi-rs/canvas');
    const white = createCanvas(blank.width, blank.height);
    const wctx = white.getContext('2d');
    wctx.fillStyle = '#ffffff';
    wctx.fillRect(0, 0, white.width, white.height);
    expect(readPage(await scanOf(white, {}, rng(1)), set, decodeQr)).toEqual({ ok: false, problem: 'registration marks not found (top-left, top-right, bottom-left, bottom-right of the scan)' });
    const torn = createCanvas(blank.width, blank.height);
    const tctx = torn.getContext('2d');
    tctx.drawImage(blank, 0, 0);
    const qr = geometry.qr[0]!;
    tctx.fillStyle = '#ffffff';
    tctx.fillRect(qr.x * K, qr.y * K, qr.size * K, qr.size * K);
    expect(readPage(await scanOf(torn, {}, rng(1)), set, decodeQr)).toEqual({ ok: false, problem: 'QR code not readable (paper, variant and page unknown); check the scan of its top-right corner' });
    // The bottom-right mark covered, a black square drawn beside it: no bent transform.
    const moved = createCanvas(blank.width, blank.height);
    const mctx = moved.getContext('2d');
    mctx.drawImage(blank, 0, 0);
    const mark = geometry.registration.find((r) => r.corner === 'bottom-right')!;
    mctx.fillStyle = '#ffffff';
    mctx.fillRect((mark.cx - mark.size) * K, (mark.cy - mark.size) * K, 2 * mark.size * K, 2 * mark.size * K);
    mctx.fillStyle = '#000000';
    mctx.fillRect((mark.cx - mark.size / 2 - 40) * K, (mark.cy - mark.size / 2 - 30) * K, mark.size * K, mark.size * K);
    expect(readPage(await scanOf(moved, {}, rng(1)), set, decodeQr)).toEqual({ ok: false, problem: "the registration marks do not form the sheet's rectangle (a corner folded, covered or marked?)" });
  });
});
