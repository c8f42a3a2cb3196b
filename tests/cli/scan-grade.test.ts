// exampress scan and grade end to end: sheets printed, filled, scanned to PNG, JPEG and a
// scanner's PDF (one page of it blank), read back, corrected by hand, graded.
import * as canvasPkg from '@napi-rs/canvas';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { bankHash, serializeManifest, type Manifest } from '../../src/assemble/manifest.js';
import { lintBank } from '../../src/bank/lint.js';
import { loadBank } from '../../src/bank/load.js';
import type { SheetGeometry } from '../../src/documents/index.js';
import { parseCsv } from '../../src/grading/csv.js';
import type { GreyImage } from '../../src/grading/image.js';
import { printStandard, ROOT } from '../documents/standard.js';
import { bubbleOf, drawMark, rng, scanOf, sheetCanvas, type Fill } from '../grading/sheets.js';
import { pdfText } from '../support/pdf.js';
import { run } from './run.js';

const DPI = 150;
let dir: string;
let manifest: Manifest;
let geometry: SheetGeometry;

function png(img: GreyImage, type: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const c = canvasPkg.createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  const d = ctx.createImageData(img.width, img.height);
  for (let i = 0; i < img.data.length; i++) {
    d.data[i * 4] = d.data[i * 4 + 1] = d.data[i * 4 + 2] = img.data[i]!;
    d.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(d, 0, 0);
  return c.encode(type, 85) as Promise<Buffer>;
}

function pdfOfImages(images: Buffer[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const img of images) {
      doc.addPage({ size: 'A4', margin: 0 });
      doc.image(img, 0, 0, { width: doc.page.width, height: doc.page.height });
    }
    doc.end();
  });
}

/** Candidate `id` answers every choice question with `letter` (judge: T), one "?" made on 3. */
function fills(id: string, letter: string, tickOn3: boolean): Fill[] {
  const out: Fill[] = [...id].map((d, c) => ({ target: `id${c}`, letter: d, kind: 'solid' as const }));
  for (const q of geometry.questions) {
    const l = q.type === 'judge' ? 'T' : letter;
    if (q.bubbles.some((b) => b.letter === l)) out.push({ target: q.number, letter: l, kind: 'solid' });
  }
  if (tickOn3) out.push({ target: 3, letter: 'D', kind: 'tick' });
  return out;
}

async function scan(fs: Fill[], turn: boolean): Promise<GreyImage> {
  const printed = readFileSync(join(dir, 'standard-A-sheet.pdf'));
  const c = await sheetCanvas(printed, DPI);
  const ctx = c.getContext('2d');
  const random = rng(5);
  for (const f of fs) drawMark(ctx, bubbleOf(geometry, f.target, f.letter), f.kind, DPI / 72, random);
  return scanOf(c, { rotate: turn ? 2 : -1, turn }, random);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exampress-scan-'));
  const printed = await printStandard({ only: ['sheet'], variants: 2 });
  manifest = printed.manifest;
  writeFileSync(join(dir, 'manifest.json'), serializeManifest(manifest));
  for (const f of printed.files) writeFileSync(join(dir, f.name), f.bytes);
  geometry = JSON.parse(printed.file('standard-A-sheet.json').bytes.toString('utf8')) as SheetGeometry;
  writeFileSync(join(dir, 'a.png'), await png(await scan(fills('1001', 'A', true), false)));
  writeFileSync(join(dir, 'b.jpg'), await png(await scan(fills('1002', 'B', false), true), 'jpeg'));
  const blank = canvasPkg.createCanvas(400, 566);
  const bctx = blank.getContext('2d');
  bctx.fillStyle = '#fff';
  bctx.fillRect(0, 0, 400, 566);
  writeFileSync(join(dir, 'batch.pdf'), await pdfOfImages([await png(await scan(fills('1003', 'C', false), false)), await blank.encode('png')]));
});

describe('exampress scan', () => {
  test('reads PNG, JPEG and PDF pages into responses.csv; doubtful marks are "?" with a crop in review.html; a blank page is listed', async () => {
    const r = await run('scan', join(dir, 'a.png'), join(dir, 'b.jpg'), join(dir, 'batch.pdf'), '--manifest', join(dir, 'manifest.json'), '--dpi', '150');
    expect(r.stderr).toMatch(/batch\.pdf#2: unreadable: registration marks not found/);
    expect(r.code).toBe(1);
    const rows = (parseCsv(readFileSync(join(dir, 'responses.csv'), 'utf8')) as { rows: string[][] }).rows;
    expect(rows[0]!.slice(0, 6)).toEqual(['candidate', 'name', 'variant', 'source', '1', '2']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([['1001', '', 'A'], ['1002', '', 'A'], ['1003', '', 'A']]);
    const choice = geometry.questions.filter((q) => q.type !== 'judge' && q.type !== 'fill');
    expect(rows[1]![4 + 2]).toBe('?');
    for (const q of choice.filter((q) => q.number !== 3)) expect(rows[1]![3 + q.number], `question ${q.number}`).toBe(q.bubbles.some((b) => b.letter === 'A') ? 'A' : '');
    for (const q of choice) expect(rows[2]![3 + q.number]).toBe('B');
    const judge = geometry.questions.find((q) => q.type === 'judge')!;
    expect(rows[3]![3 + judge.number]).toBe('T');
    const html = readFileSync(join(dir, 'review.html'), 'utf8');
    expect(html).toContain('<b>3</b>');
    expect(html).toMatch(/src="data:image\/png;base64,[A-Za-z0-9+/]{200,}/);
    expect(html).toContain('batch.pdf#2');
    // A session grows: the same scan again is one sheet, and named.
    const again = await run('scan', join(dir, 'a.png'), '--manifest', join(dir, 'manifest.json'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/a\.png: the same sheet as .*a\.png \(responses\.csv line 2\); counted once/);
    expect((parseCsv(readFileSync(join(dir, 'responses.csv'), 'utf8')) as { rows: string[][] }).rows).toEqual(rows);
  });

  test('grade refuses "?" cells, then scores the corrected file: scores.csv with BOM, items.csv, results.pdf', async () => {
    const file = join(dir, 'responses.csv');
    const refused = await run('grade', file, '--manifest', join(dir, 'manifest.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/responses\.csv:2:1 error responses: question 3 is still "\?"/);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/,\?/g, ',A'));
    // That was a person's decision: starting the session over would drop it, so it is refused unless forced.
    const replace = await run('scan', join(dir, 'a.png'), '--manifest', join(dir, 'manifest.json'), '--replace');
    expect(replace.code).toBe(1);
    expect(replace.stderr).toMatch(/responses\.csv holds 1 decision\(s\) made by hand that --replace would drop/);
    const r = await run('grade', file, '--manifest', join(dir, 'manifest.json'));
    expect(r.stderr).toMatch(/KR-20/);
    expect(r.code).toBe(0);
    const scores = readFileSync(join(dir, 'scores.csv'), 'utf8');
    expect(scores.startsWith('\uFEFFrank,candidate,name,variant,')).toBe(true);
    const rows = (parseCsv(scores) as { rows: string[][] }).rows;
    // Everyone ticked T on every judge question; letters decide the rest. Totals add up.
    const key = manifest.variants[0]!.sections;
    const expected = (letter: string) => key.reduce((sum, s) => sum + s.questions.reduce((t, q) => t + (s.type === 'judge' ? (q.answer === true ? q.points : 0) : s.type === 'fill' ? 0 : q.answer === letter ? q.points : 0), 0), 0);
    const totals = Object.fromEntries(rows.slice(1).map((row) => [row[1], Number(row[row.length - 3])]));
    expect(totals).toEqual({ '1001': expected('A'), '1002': expected('B'), '1003': expected('C') });
    expect(readFileSync(join(dir, 'items.csv'), 'utf8').split('\n').length).toBeGreaterThan(45);
    const text = await pdfText(readFileSync(join(dir, 'results.pdf')));
    expect(text).toContain('成绩分析');
    expect(text).toContain('1003');
  });

  test("--update-bank writes each question's measured difficulty as observed; the bank still loads, lints and hashes the same", async () => {
    const bankDir = join(dir, 'bank');
    cpSync(join(ROOT, 'bank'), bankDir, { recursive: true });
    const before = loadBank(bankDir).bank;
    const r = await run('grade', join(dir, 'responses.csv'), '--manifest', join(dir, 'manifest.json'), '--update-bank', '--bank', bankDir);
    expect(r.stderr).toBe(r.stderr.replace(/error/g, ''));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/observed difficulty written for 50 question\(s\) in \d+ bank file\(s\)/);
    const after = loadBank(bankDir);
    expect(after.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(lintBank(after.bank).filter((p) => p.severity === 'error')).toEqual([]);
    const items = (parseCsv(readFileSync(join(dir, 'items.csv'), 'utf8')) as { rows: string[][] }).rows.slice(1);
    for (const row of items) {
      const q = after.bank.questions.find((x) => x.id === row[1])!;
      expect(q.observed).toEqual({ difficulty: Number(row[5]), candidates: 3, paper: expect.stringMatching(/^[0-9a-f]{12}$/) });
    }
    // What grading measured is not content: papers printed before still match the bank.
    expect(bankHash(after.bank.questions)).toBe(bankHash(before.questions));
  });
});
