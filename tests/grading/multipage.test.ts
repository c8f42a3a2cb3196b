// A sheet of two pages (210 choice questions): each page found by its own QR code and read,
// page 2 scanned upside down, then both joined into one row.
import jsQR from 'jsqr';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assemble } from '../../src/assemble/assemble.js';
import { loadBlueprint } from '../../src/app/assemble.js';
import { loadBank } from '../../src/bank/load.js';
import { loadTemplates, loadTheme, renderExamDocuments, type SheetGeometry } from '../../src/documents/index.js';
import { readPage, sheetSet, type QrDecoder } from '../../src/grading/read.js';
import { combinePages, responseRows } from '../../src/grading/sheets.js';
import { ROOT, TEMPLATES } from '../documents/standard.js';
import { bubbleOf, drawMark, rng, scanOf, sheetCanvas } from './sheets.js';

const DPI = 150;
const decodeQr: QrDecoder = (rgba, w, h) => jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;

// Two pages of answer sheet from the bundled bank: about two thirds of its choice and judge
// questions (more cannot avoid its give-away pairs, declared with enemies:).
const BLUEPRINT = `title: 大卷
durationMinutes: 120
variants: { count: 1, mode: shuffle }
sections:
  - { type: single, count: 95, points: 0.5, instruction: 单选。 }
  - { type: multiple, count: 48, points: 1, instruction: 多选。 }
  - { type: judge, count: 58, points: 0.5, instruction: 判断。 }
`;

test('a two-page sheet: both pages read, the upside-down one too, joined into one row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-multipage-'));
  writeFileSync(join(dir, 'big.yaml'), BLUEPRINT);
  const loaded = loadBlueprint(join(dir, 'big.yaml'));
  if ('problems' in loaded) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const { bank } = loadBank(join(ROOT, 'bank'));
  const result = assemble(bank, loaded.blueprint, { seed: 3, variants: 1, history: [], toolVersion: '0.0.0-test', blueprintFile: 'big.yaml' });
  if ('problems' in result) throw new Error('assemble failed');
  const { theme } = loadTheme(TEMPLATES, TEMPLATES);
  const files = await renderExamDocuments({ manifest: result.manifest, bank, templates: loadTemplates(TEMPLATES), theme: theme!, size: 'a4', seal: false, only: ['sheet'] });
  const g = JSON.parse(files.find((f) => f.name === 'big-A-sheet.json')!.bytes.toString('utf8')) as SheetGeometry;
  expect(g.pages).toBe(2);
  const pdf = files.find((f) => f.name === 'big-A-sheet.pdf')!.bytes;
  const set = sheetSet([g]);
  const random = rng(11);
  const pages = [];
  for (const n of [1, 2]) {
    const c = await sheetCanvas(pdf, DPI, n);
    const ctx = c.getContext('2d');
    if (n === 1) [...'4711'].forEach((d, col) => drawMark(ctx, bubbleOf(g, `id${col}`, d), 'solid', DPI / 72, random));
    for (const q of g.questions.filter((x) => x.page === n)) drawMark(ctx, q.bubbles[q.number % q.bubbles.length]!, 'solid', DPI / 72, random);
    const read = readPage(await scanOf(c, { turn: n === 2, rotate: n === 2 ? -2 : 1 }, random), set, decodeQr);
    if (!read.ok) throw new Error(read.problem);
    expect(read.reading.page).toBe(n);
    expect(read.reading.turned).toBe(n === 2);
    pages.push({ source: `scan#${n}`, reading: read.reading });
  }
  const { sheets, unreadable } = combinePages(pages);
  expect(unreadable).toEqual([]);
  expect(sheets).toHaveLength(1);
  expect(sheets[0]!.problems).toEqual([]);
  const row = responseRows(sheets, result.manifest)[1]!;
  expect(row.slice(0, 4)).toEqual(['4711', '', 'A', 'scan#1 scan#2']);
  expect(row.slice(4)).toEqual(g.questions.map((q) => q.bubbles[q.number % q.bubbles.length]!.letter));
});
