// npm run bench:handbook — the whole A6 handbook from the bundled bank, as a user runs it: a
// fresh process of the real CLI (dist/exampress.mjs, bundled by esbuild) per run, median of 5.
// plain_ms: `exampress handbook`; imposed_ms: `exampress handbook --impose saddle`; their
// difference is what the imposed file costs. The bank cache (node_modules/.cache) is used as
// the CLI uses it; nocache_ms is the plain run with EXAMPRESS_CACHE=0 (bank parsed and linted).
// Prints JSON; budgets: plain < 800 ms, imposed − plain < 500 ms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { pageCount } from '../support/pdf-structure.js';
import { median } from './typeset-lib.js';

const RUNS = 5;
const PLAIN_BUDGET_MS = 800;
const IMPOSED_EXTRA_BUDGET_MS = 500;

function timeCli(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync(process.execPath, [join(packageRoot(), 'dist', 'exampress.mjs'), ...args], { stdio: ['ignore', 'ignore', 'ignore'], env });
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const out = mkdtempSync(join(tmpdir(), 'exampress-handbook-bench-'));
const args = ['handbook', '--out', out];
timeCli(args); // fills the bank cache for this build, as a user's first run does
const plain = timeCli(args);
const imposed = timeCli([...args, '--impose', 'saddle']);
const nocache = timeCli(args, { ...process.env, EXAMPRESS_CACHE: '0' });
const pages = pageCount(readFileSync(join(out, 'handbook.pdf')));
const result = {
  plain_ms: Math.round(plain),
  imposed_ms: Math.round(imposed),
  imposed_extra_ms: Math.round(imposed - plain),
  nocache_ms: Math.round(nocache),
  pages,
  handbook_kb: Math.round(statSync(join(out, 'handbook.pdf')).size / 1024),
  imposed_kb: Math.round(statSync(join(out, 'handbook-imposed.pdf')).size / 1024),
  load: loadavg().map((l) => Math.round(l * 100) / 100),
  budget: { plain_ms: PLAIN_BUDGET_MS, imposed_extra_ms: IMPOSED_EXTRA_BUDGET_MS },
  within_budget: plain < PLAIN_BUDGET_MS && imposed - plain < IMPOSED_EXTRA_BUDGET_MS,
};
console.log(JSON.stringify(result));
