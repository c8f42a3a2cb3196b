// The answer key, the answer sheet (with its geometry, checked in pixels, and its QR code) and
// the coverage table, read back with pdf.js.
import jsQR from 'jsqr';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/assemble/manifest.js';
import type { Bank } from '../../src/bank/schema.js';
import type { SheetGeometry } from '../../src/documents/index.js';
import { openPdf, type PdfFile, type Rendering } from '../support/pdf.js';
import { printStandard, squash } from './standard.js';

let bank: Bank;
let manifest: Manifest;
let key: PdfFile;
let sheet: PdfFile;
let spec: PdfFile;
let geometry: SheetGeometry;
let keyText: string;

beforeAll(async () => {
  const printed = await printStandard({ variants: 2 });
  ({ bank, manifest } = printed);
  key = await openPdf(printed.file('standard-B-key.pdf').bytes);
  sheet = await openPdf(printed.file('standard-B-sheet.pdf').bytes);
  spec = await openPdf(printed.file('standard-B-spec.pdf').bytes);
  geometry = JSON.parse(printed.file('standard-B-sheet.json').bytes.toString('utf8')) as SheetGeometry;
  keyText = await key.text();
});

/** What the key must print for a manifest answer, worked out here independently. */
const expected = (a: string | boolean | string[]) => (typeof a === 'boolean' ? (a ? '√' : '×') : Array.isArray(a) ? a.map((x) => x.split('|').join('或')).join('；') : a);

describe('the answer key (variant B)', () => {
  test('every 【答案】 equals the manifest answer after the B shuffle, in order', () => {
    const answers = [...squash(keyText).matchAll(/【答案】(.*?)【分值】/g)].map((m) => m[1]);
    const want = manifest.variants[1]!.sections.flatMap((s) => s.questions.map((q) => squash(expected(q.answer))));
    expect(answers).toEqual(want);
  });

  test('the grid lists 题号 → 答案 ten to a row, the same answers', () => {
    const flat = squash(keyText);
    const single = manifest.variants[1]!.sections[0]!.questions.slice(0, 10);
    expect(flat).toContain(`题号12345678910答案${single.map((q) => expected(q.answer)).join('')}`);
  });

  test('each question shows points, topic, difficulty, source, explanation and its handbook norms', () => {
    const flat = squash(keyText);
    const q = manifest.variants[1]!.sections[2]!.questions[0]!;
    const b = bank.questions.find((x) => x.id === q.id)!;
    expect(flat).toContain(squash(b.explanation).slice(0, 20));
    const norm = bank.norms.get(b.norms[0]!)!;
    expect(flat).toContain(`见手册${norm.number}`);
    expect(flat).toContain(`【分值】${q.points}分`);
  });
});

describe('the answer sheet (variant B)', () => {
  let page: Rendering;
  const DPI = 100;
  const px = (pt: number) => (pt * DPI) / 72;
  const lum = (x: number, y: number) => {
    const [r, g, b] = page.rgb(px(x), px(y));
    return (r + g + b) / 3;
  };
  /** The darkest pixel in a small square around a point (a 0.5 pt ring is thin). */
  const darkest = (x: number, y: number, radius = 1.2) => {
    let min = 255;
    for (let dx = -radius; dx <= radius; dx += 0.3) for (let dy = -radius; dy <= radius; dy += 0.3) min = Math.min(min, lum(x + dx, y + dy));
    return min;
  };

  beforeAll(async () => {
    page = await (await sheet.page(1)).render({ dpi: DPI });
  });

  test('is one A4 page, and its geometry says so', async () => {
    expect(sheet.numPages).toBe(1);
    expect(geometry.pages).toBe(1);
    const p = await sheet.page(1);
    expect(p.size.width).toBeCloseTo(geometry.page.width, 1);
    expect(p.size.height).toBeCloseTo(geometry.page.height, 1);
  });

  test('has one bubble row per choice and true/false question, in paper order, with the right letters', () => {
    const choiceAndJudge = manifest.variants[1]!.sections.filter((s) => s.type !== 'fill').flatMap((s) => s.questions);
    expect(geometry.questions.map((q) => q.id)).toEqual(choiceAndJudge.map((q) => q.id));
    for (const q of geometry.questions) {
      const b = bank.questions.find((x) => x.id === q.id)!;
      expect(q.bubbles.map((x) => x.letter).join('')).toBe(b.type === 'judge' ? 'TF' : 'ABCDEFGH'.slice(0, b.options!.length));
    }
    expect(geometry.fill.map((f) => f.id)).toEqual(manifest.variants[1]!.sections.find((s) => s.type === 'fill')!.questions.map((q) => q.id));
  });

  test('every bubble is drawn where the JSON says: a ring at its radius, white just outside', () => {
    for (const q of geometry.questions) {
      for (const b of q.bubbles) {
        expect(darkest(b.cx - b.r, b.cy), `${q.number}${b.letter} ring`).toBeLessThan(200);
        expect(darkest(b.cx, b.cy - b.r), `${q.number}${b.letter} ring top`).toBeLessThan(200);
        expect(lum(b.cx - b.r - 2.2, b.cy), `${q.number}${b.letter} outside`).toBeGreaterThan(240);
      }
    }
  });

  test('the four registration marks are solid black at their centres, white beyond their edge', () => {
    expect(geometry.registration).toHaveLength(4);
    for (const m of geometry.registration) {
      expect(lum(m.cx, m.cy)).toBeLessThan(40);
      expect(lum(m.cx + m.size, m.cy)).toBeGreaterThan(240);
    }
  });

  test('the candidate-number grid has ten bubbles per digit column', () => {
    expect(geometry.candidateId.columns).toHaveLength(8);
    for (const c of geometry.candidateId.columns) {
      expect(c.bubbles.map((b) => b.digit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (const b of c.bubbles) expect(darkest(b.cx - b.r, b.cy)).toBeLessThan(210);
    }
  });

  test('the QR code decodes to the paper id, variant and page', async () => {
    const hi = await (await sheet.page(1)).render({ dpi: 200 });
    const qr = geometry.qr[0]!;
    const s = 200 / 72;
    const x0 = Math.floor((qr.x - 8) * s);
    const y0 = Math.floor((qr.y - 8) * s);
    const w = Math.ceil((qr.size + 16) * s);
    const crop = new Uint8ClampedArray(w * w * 4);
    for (let y = 0; y < w; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((y0 + y) * hi.width + (x0 + x)) * 4;
        crop.set(hi.data.subarray(src, src + 4), (y * w + x) * 4);
      }
    }
    const decoded = jsQR(crop, w, w);
    expect(decoded?.data).toBe(qr.data);
    expect(qr.data).toBe(`exampress:${geometry.paper.id}:B::1`);
  });
});

describe('the coverage table (variant B)', () => {
  test('counts every question once per table, with totals, shares and the quotas met', async () => {
    const flat = squash(await spec.text());
    expect(flat).toContain('知识点×题型');
    expect(flat).toContain('知识点×难度');
    expect(flat).toMatch(/合计20题30分第[\d、]+题10题20分第[\d、]+题15题30分第[\d、]+题5题20分第[\d、]+题50题100分100%/);
    const numbers = [...flat.split('知识点×难度')[0]!.matchAll(/第([\d、]+)题/g)].flatMap((m) => m[1]!.split('、'));
    expect(numbers.length).toBe(100); // each question once among the topic rows, once in the total row
    expect(new Set(numbers).size).toBe(50);
    const buckets = manifest.blueprint.content.difficulty as { buckets: Record<string, number> };
    for (const [b, n] of Object.entries(buckets.buckets)) expect(flat).toContain(`全卷：难度${b}${n}${n}√`);
    expect(flat.split('要求与实际')[1]).not.toContain('×');
  });
});
