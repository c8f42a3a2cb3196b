// npm run bench:scan — exampress scan on filled answer sheets scanned at 200 dpi (grey PNG,
// turned a little, every 4th upside down, a few doubtful marks), the whole command: decode,
// find marks, QR, every bubble, review crops, responses.csv and review.html.
// Prints {"sheets": 20, "dpi": 200, "sheets_per_s_median": ..., "peak_rss_mb": ...}; budget ≥ 5/s.
// pdf_sheets_per_s_median: the same 20 pages as one scanner PDF, rendered by pdf.js at 200 dpi.
// The peak includes what the benchmark itself holds (the rendered sheets): see rss_before_scanning_mb.
import * as canvasPkg from '@napi-rs/canvas';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/assemble/assemble.js';
import { loadBlueprint } from '../../src/app/assemble.js';
import { serializeManifest } from '../../src/assemble/manifest.js';
import { loadBank } from '../../src/bank/load.js';
import { scanSheets } from '../../src/app/scan.js';
import { loadTemplates, loadTheme, renderExamDocuments, type SheetGeometry } from '../../src/documents/index.js';
import { loadScanLibraries } from '../../src/grading/decode.js';
import { packageRoot } from '../../src/paths.js';

const DPI = 200;
const SHEETS = 20;
const RUNS = 3;

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'exampress-bench-scan-'));
const { bank } = loadBank(join(root, 'bank'));
const loaded = loadBlueprint(join(root, 'bank', 'blueprints', 'standard.yaml'));
if ('problems' in loaded) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
const assembled = assemble(bank, loaded.blueprint, { seed: 2026, variants: 2, history: [], toolVersion: '0.0.0-bench', blueprintFile: 'standard.yaml' });
if ('problems' in assembled) throw new Error('assemble failed');
const templates = join(root, 'templates');
const { theme } = loadTheme(templates, templates);
const files = await renderExamDocuments({ manifest: assembled.manifest, bank, templates: loadTemplates(templates), theme: theme!, size: 'a4', seal: false, only: ['sheet'] });
writeFileSync(join(dir, 'manifest.json'), serializeManifest(assembled.manifest));
for (const f of files) writeFileSync(join(dir, f.name), f.bytes);

const libs = await loadScanLibraries();
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const scans = join(dir, 'scans');
mkdirSync(scans);
for (const v of ['A', 'B']) {
  const pdf = files.find((f) => f.name === `standard-${v}-sheet.pdf`)!;
  const g = JSON.parse(files.find((f) => f.name === `standard-${v}-sheet.json`)!.bytes.toString('utf8')) as SheetGeometry;
  let blank: { width: number; height: number; data: Uint8Array } | undefined;
  for await (const p of libs.pdfPages(pdf.bytes, DPI)) if (!('problem' in p)) blank ??= p;
  const base = canvasPkg.createCanvas(blank!.width, blank!.height);
  const bctx = base.getContext('2d');
  const img = bctx.createImageData(blank!.width, blank!.height);
  for (let i = 0; i < blank!.data.length; i++) {
    img.data[i * 4] = img.data[i * 4 + 1] = img.data[i * 4 + 2] = blank!.data[i]!;
    img.data[i * 4 + 3] = 255;
  }
  bctx.putImageData(img, 0, 0);
  for (let s = 0; s < SHEETS / 2; s++) {
    const c = canvasPkg.createCanvas(base.width, base.height);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.translate(c.width / 2, c.height / 2);
    ctx.rotate(((random() - 0.5) * 4 * Math.PI) / 180 + (s % 4 === 3 ? Math.PI : 0));
    ctx.translate(-c.width / 2, -c.height / 2);
    ctx.drawImage(base, 0, 0);
    const k = DPI / 72;
    const dot = (b: { cx: number; cy: number; r: number }, scale: number, colour = '#1a1a1a') => {
      ctx.fillStyle = colour;
      ctx.beginPath();
      ctx.arc(b.cx * k, b.cy * k, b.r * k * scale, 0, Math.PI * 2);
      ctx.fill();
    };
    for (const col of g.candidateId.columns) dot(col.bubbles[Math.floor(random() * 10)]!, 0.95);
    for (const q of g.questions) {
      dot(q.bubbles[Math.floor(random() * q.bubbles.length)]!, 0.95);
      if (random() < 0.05) dot(q.bubbles[Math.floor(random() * q.bubbles.length)]!, 0.35); // a doubtful dot
    }
    writeFileSync(join(scans, `${v}-${String(s).padStart(3, '0')}.png`), await c.encode('png'));
  }
}

// The same pages as one scanner PDF (each page an embedded 200 dpi PNG), read at --dpi 200.
const pdfDir = join(dir, 'pdf');
mkdirSync(pdfDir);
await new Promise<void>((resolve) => {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.on('end', () => {
    writeFileSync(join(pdfDir, 'batch.pdf'), Buffer.concat(chunks));
    resolve();
  });
  for (const f of readdirSync(scans).sort()) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(readFileSync(join(scans, f)), 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
});

const before = process.memoryUsage().rss;
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const rates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const scanned = await scanSheets({ inputs: [scans], manifest: join(dir, 'manifest.json'), out: join(dir, `out-${run}`), dpi: DPI, force: true });
  const seconds = (performance.now() - t0) / 1000;
  if (!scanned.ok || scanned.unreadable.length) throw new Error(`scan failed: ${scanned.ok ? scanned.unreadable.map((u) => u.problem).join('; ') : scanned.problems.map((p) => p.message).join('; ')}`);
  rates.push(SHEETS / seconds);
}
const pdfRates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const scanned = await scanSheets({ inputs: [pdfDir], manifest: join(dir, 'manifest.json'), out: join(dir, `pdf-${run}`), dpi: DPI, force: true });
  if (!scanned.ok || scanned.unreadable.length) throw new Error('scan of the PDF failed');
  pdfRates.push(SHEETS / ((performance.now() - t0) / 1000));
}
pdfRates.sort((a, b) => a - b);
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
rates.sort((a, b) => a - b);
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ sheets: SHEETS, dpi: DPI, runs: RUNS, sheets_per_s_median: Math.round(rates[Math.floor(RUNS / 2)]! * 10) / 10, sheets_per_s: rates.map((r) => Math.round(r * 10) / 10), pdf_sheets_per_s_median: Math.round(pdfRates[Math.floor(RUNS / 2)]! * 10) / 10, peak_rss_mb: Math.round(peak / 1048576), rss_before_scanning_mb: Math.round(before / 1048576) }));
