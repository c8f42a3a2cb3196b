// npm run bench:paper — a real 4-page exam paper (tests/fixtures/paper-60.xml, 57 questions),
// end to end. cold: a fresh node process per paper (start node, load modules and fonts, set
// the paper, write the PDF), median of 5; warm: 10 more papers in this process, median.
// cold_ms runs the bundled renderer (dist/bundle/paper-render.mjs, made by
// tests/bench/bundle/bundle.mjs: one file, the same code) when it exists, else the plain
// build; cold_unbundled_ms is the plain build (dist/tests/bench/paper-render.js) either way.
// Prints JSON; the budget is Typst 0.14's: cold < 390 ms, warm < 62 ms.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/typeset/fonts/index.js';
import { renderPdf } from '../../src/typeset/index.js';
import { pageCount } from '../support/pdf-structure.js';
import { median } from './typeset-lib.js';

const COLD_RUNS = 5;
const WARM_RUNS = 10;
const COLD_BUDGET_MS = 390;
const WARM_BUDGET_MS = 62;

async function main(): Promise<void> {
  const fixture = join(packageRoot(), 'tests', 'fixtures', 'paper-60.xml');
  const renderer = fileURLToPath(new URL('./paper-render.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'exampress-paper-'));
  const out = join(dir, 'paper.pdf');

  const bundled = join(packageRoot(), 'dist', 'bundle', 'paper-render.mjs');
  const coldOf = (script: string): number => {
    const ms: number[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      rmSync(out, { force: true });
      const t = performance.now();
      execFileSync(process.execPath, [script, fixture, out], { stdio: 'inherit' });
      ms.push(performance.now() - t);
      readFileSync(out); // the file is there, or this throws
    }
    return median(ms);
  };
  const coldUnbundled = coldOf(renderer);
  const cold = existsSync(bundled) ? coldOf(bundled) : coldUnbundled;

  const markup = readFileSync(fixture, 'utf8');
  const warmMs: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let run = 0; run < WARM_RUNS + 1; run++) {
    const t = performance.now();
    pdf = await renderPdf(markup, { template: fixture });
    writeFileSync(out, pdf);
    // The first in-process paper loads the fonts: it is a cold paper, not a further one.
    if (run > 0) warmMs.push(performance.now() - t);
  }
  const pages = pageCount(pdf);
  writeFileSync(join(tmpdir(), 'exampress-bench-paper.pdf'), pdf);
  rmSync(dir, { recursive: true, force: true });

  const result = {
    cold_ms: Math.round(cold),
    cold_unbundled_ms: Math.round(coldUnbundled),
    warm_ms: Math.round(median(warmMs) * 10) / 10,
    pages,
    bytes: pdf.length,
  };
  console.log(JSON.stringify(result));
  if (result.cold_ms >= COLD_BUDGET_MS || result.warm_ms >= WARM_BUDGET_MS) {
    console.error(`bench:paper: over budget (cold < ${COLD_BUDGET_MS} ms, warm < ${WARM_BUDGET_MS} ms)`);
  }
}

await main();
