// From printing to scores as a trainer runs a sitting: two papers printed one after the other,
// sheets of the first filled and scanned later (found by their QR code, not by the last
// manifest), scanned in two batches with one sheet twice, then graded; the totals are the truth.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseManifest, type Manifest } from '../../src/assemble/manifest.js';
import type { SheetGeometry } from '../../src/documents/index.js';
import { parseCsv } from '../../src/grading/csv.js';
import { bubbleOf, drawMark, rng, sheetCanvas } from '../grading/sheets.js';
import { packageRoot } from '../../src/paths.js';

const CLI = join(packageRoot(), 'dist', 'exampress.mjs');
const DPI = 150;

let ws: string;
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: join(ws, 'w'), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const rows = (file: string) => (parseCsv(readFileSync(file, 'utf8')) as { rows: string[][] }).rows;

/** A sheet of `out`'s latest set filled by a candidate who marks `answer(q)` for every bubble question. */
async function filledSheet(out: string, candidate: string, answer: (q: SheetGeometry['questions'][0], key: unknown) => string): Promise<Buffer> {
  const geometry = JSON.parse(readFileSync(join(out, 'sample-A-sheet.json'), 'utf8')) as SheetGeometry;
  const manifest = (parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8')) as { manifest: Manifest }).manifest;
  const keys = manifest.variants[0]!.sections.flatMap((s) => s.questions.map((q) => q.answer));
  const canvas = await sheetCanvas(readFileSync(join(out, 'sample-A-sheet.pdf')), DPI);
  const ctx = canvas.getContext('2d');
  const random = rng(3);
  [...candidate].forEach((d, c) => drawMark(ctx, bubbleOf(geometry, `id${c}`, d), 'solid', DPI / 72, random));
  for (const q of geometry.questions) for (const l of answer(q, keys[q.number - 1])) drawMark(ctx, bubbleOf(geometry, q.number, l), 'solid', DPI / 72, random);
  return canvas.encode('png');
}

const right = (_q: unknown, key: unknown) => (key === true ? 'T' : key === false ? 'F' : String(key));

describe('printed sets and growing sessions', () => {
  let first: { id: string; dir: string; manifest: Manifest };
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'exampress-records-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    expect(cli('paper', '--seed', '2026', '--variants', '1').code).toBe(0);
    const out = join(ws, 'w', 'output');
    const [id] = readdirSync(join(out, 'papers'));
    first = { id: id!, dir: join(out, 'papers', id!), manifest: (parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8')) as { manifest: Manifest }).manifest };
    writeFileSync(join(ws, 'a.png'), await filledSheet(out, '10000001', right));
    writeFileSync(join(ws, 'b.png'), await filledSheet(out, '10000002', () => ''));
    writeFileSync(join(ws, 'c.png'), await filledSheet(out, '10000003', right));
    // A reprint with another seed: a new paper id, the sheets above still belong to the first.
    expect(cli('paper', '--seed', '7', '--variants', '1').code).toBe(0);
  }, 120_000);

  test('exampress papers lists both sets, newest first', () => {
    const listed = JSON.parse(cli('papers', '--json').stdout) as { id: string; seed: number; graded: boolean }[];
    expect(listed.map((p) => p.seed)).toEqual([7, 2026]);
    expect(listed[1]!.id).toBe(first.id);
  });

  test('sheets of the first paper are found by their QR code and added to its session in two batches; a sheet scanned twice counts once', () => {
    const one = cli('scan', join(ws, 'a.png'), join(ws, 'b.png'));
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`paper ${first.id}`);
    const responses = join(first.dir, 'responses.csv');
    expect(rows(responses).slice(1).map((r) => r[0])).toEqual(['10000001', '10000002']);
    const two = cli('scan', join(ws, 'c.png'), join(ws, 'a.png'));
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/a\.png: the same sheet as .*a\.png \(responses\.csv line 2\); counted once/);
    expect(rows(responses).slice(1).map((r) => r[0])).toEqual(['10000001', '10000002', '10000003']);
  });

  test('grade, with nothing named, grades the scanned paper; each total is the truth', () => {
    const graded = cli('grade');
    expect(graded.code, graded.stderr).toBe(0);
    const scores = rows(join(first.dir, 'scores.csv'));
    const header = scores[0]!;
    const total = (id: string) => Number(scores.find((r) => r[header.indexOf('candidate')] === id)![header.indexOf('total')]);
    const choicePoints = first.manifest.variants[0]!.sections.filter((s) => s.type !== 'fill').reduce((n, s) => n + s.questions.reduce((t, q) => t + q.points, 0), 0);
    expect(total('10000001')).toBe(choicePoints);
    expect(total('10000003')).toBe(choicePoints);
    expect(total('10000002')).toBe(0);
    expect((JSON.parse(cli('papers', '--json').stdout) as { id: string; graded: boolean }[]).find((p) => p.id === first.id)!.graded).toBe(true);
  });
});
