// npm run bench:documents — the real CLI (dist/exampress.mjs, bundled by `npm run build`) as a
// fresh process, on the bundled bank's standard blueprint, one variant:
//   paper_ms:           `exampress paper --only paper`          (budget 350 ms)
//   all_ms:             all four documents of the variant       (budget 700 ms)
//   paper_uncached_ms:  --only paper with the bank cache off (EXAMPRESS_CACHE=0): what the first
//                       run after an edit of the bank costs
// Medians of 7 runs after one warm-up run (which fills the bank cache and the OS file cache).
// Prints JSON with the budgets, the paper's size and pages, and the load average.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { pageCount } from '../support/pdf-structure.js';
import { median } from './typeset-lib.js';

const RUNS = 7;
const root = packageRoot();
const cli = join(root, 'dist', 'exampress.mjs');
const out = mkdtempSync(join(tmpdir(), 'exampress-bench-documents-'));
const args = (only: string) => [cli, 'paper', '--blueprint', join(root, 'bank', 'blueprints', 'standard.yaml'), '--bank', join(root, 'bank'), '--variants', '1', '--only', only, '--out', out];

function time(only: string, env: NodeJS.ProcessEnv = {}): number {
  const ms: number[] = [];
  execFileSync(process.execPath, args(only), { cwd: root, stdio: 'ignore', env: { ...process.env, ...env } });
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync(process.execPath, args(only), { cwd: root, stdio: 'ignore', env: { ...process.env, ...env } });
    ms.push(performance.now() - t);
  }
  return Math.round(median(ms));
}

const load = loadavg()[0]!;
const paper = time('paper');
const size = statSync(join(out, 'standard-A-paper.pdf')).size;
const pages = pageCount(readFileSync(join(out, 'standard-A-paper.pdf')));
const all = time('paper,key,sheet,spec');
const uncached = time('paper', { EXAMPRESS_CACHE: '0' });
rmSync(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    paper_ms: paper,
    paper_budget_ms: 350,
    all_ms: all,
    all_budget_ms: 700,
    paper_uncached_ms: uncached,
    paper_kb: Math.round(size / 102.4) / 10,
    paper_budget_kb: 150,
    pages,
    load_avg_1m: Math.round(load * 100) / 100,
    cores: (await import('node:os')).cpus().length,
  }),
);
