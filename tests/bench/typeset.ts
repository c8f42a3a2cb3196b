// npm run bench:typeset — the seed text as justified A4 pages, by our engine and by pdfkit's
// own text flow. Prints JSON; budget: ratio ≤ 0.5 and ours ≥ 150,000 chars/s.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFonts, packageRoot } from '../../src/typeset/fonts/index.js';
import { benchMarkup, countChars, median, renderOurs, renderPdfkit, seedParagraphs, withoutUncovered } from './typeset-lib.js';

const RUNS = 5;
const WARM_UP = 20;
// Warm-up runs of each side before timing it: the first runs read glyph outlines, and V8 only
// reaches its optimising tier for the hot loops after a dozen runs (3 left ours at ~22 ms, 20 at ~16).

async function main(): Promise<void> {
  const seedDir = join(packageRoot(), '..', 'shared', 'seed');
  const seed = seedParagraphs(seedDir);
  if (!seed) {
    console.error(`bench:typeset: no seed text in ${seedDir}; skipped.`);
    return;
  }
  const fonts = loadFonts();
  const { paragraphs, dropped } = withoutUncovered(seed, fonts);
  const markup = benchMarkup(paragraphs);
  const chars = countChars(paragraphs);

  // Each side is measured in its own block after its own warm-up, with a full GC between the
  // blocks (node --expose-gc from the npm script): interleaved runs charge one side's garbage
  // to the other's timing. Same fonts, same text, same page setup, nothing cached between runs.
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  const collect = () => (globalThis as { gc?: () => void }).gc?.();

  collect();
  const ours = renderOurs(markup, fonts);
  for (let run = 1; run < WARM_UP; run++) renderOurs(markup, fonts);
  collect();
  const oursMs: number[] = [];
  const oursCpu: number[] = [];
  const layoutMs: number[] = [];
  const writeMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const split = renderOurs(markup, fonts);
    oursMs.push(performance.now() - t);
    layoutMs.push(split.layoutMs);
    writeMs.push(split.writeMs);
    oursCpu.push(cpuMs(cpu));
  }

  collect();
  const theirs = await renderPdfkit(paragraphs, fonts);
  for (let run = 1; run < WARM_UP; run++) await renderPdfkit(paragraphs, fonts);
  collect();
  const pdfkitMs: number[] = [];
  const pdfkitCpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await renderPdfkit(paragraphs, fonts);
    pdfkitMs.push(performance.now() - t);
    pdfkitCpu.push(cpuMs(cpu));
  }
  // Kept to look at (pdftoppm), written after timing.
  writeFileSync(join(tmpdir(), 'exampress-bench-ours.pdf'), ours.pdf);
  writeFileSync(join(tmpdir(), 'exampress-bench-pdfkit.pdf'), theirs.pdf);

  const oursMedian = median(oursMs);
  const pdfkitMedian = median(pdfkitMs);
  const result = {
    chars,
    pages: ours.pages,
    pdfkit_pages: theirs.pages,
    ours_ms: Math.round(oursMedian * 10) / 10,
    pdfkit_ms: Math.round(pdfkitMedian * 10) / 10,
    ratio: Math.round((oursMedian / pdfkitMedian) * 1000) / 1000,
    ours_chars_per_s: Math.round(chars / (oursMedian / 1000)),
    ours_layout_ms: Math.round(median(layoutMs) * 10) / 10,
    ours_write_ms: Math.round(median(writeMs) * 10) / 10,
    ours_cpu_ms: Math.round(median(oursCpu) * 10) / 10,
    pdfkit_cpu_ms: Math.round(median(pdfkitCpu) * 10) / 10,
    dropped_uncovered_chars: dropped,
    ours_bytes: ours.pdf.length,
    pdfkit_bytes: theirs.pdf.length,
  };
  console.log(JSON.stringify(result));
  const ok = result.ratio <= 0.5 && result.ours_chars_per_s >= 150_000;
  if (!ok) console.error('bench:typeset: over budget (ratio ≤ 0.5 and ≥ 150,000 chars/s)');
}

await main();
