// npm run bench:serve — the web workspace (src/web) on the bundled bank, over real HTTP:
//   bank_page_ms:  GET / (all 311 questions as they print, with counts and lint)  (budget 300 ms)
//   build_ms:      POST /blueprints/build, standard blueprint, one variant: its four documents
//                  (paper, key, sheet, coverage table) assembled, typeset and written (budget 1500 ms)
//   bank_page_first_ms: the first GET / of the process (cold JIT, bank read through the cache)
//   build_first_ms: the first build of the process (fonts read, templates compiled, JIT cold)
//   preview_ms:    the first page of the paper as a PNG (first render, not cached)
// Medians of 9 (bank page) and 5 (build) after a warm-up. Prints JSON with the load average.
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { startWorkspace } from '../../src/web/server.js';
import { median } from './typeset-lib.js';

const root = packageRoot();
const out = mkdtempSync(join(tmpdir(), 'exampress-bench-serve-'));
const ws = await startWorkspace({ bankDir: join(root, 'bank'), outDir: out });
const headers = { cookie: `exampress_${ws.port}=${ws.token}` };
const load = loadavg()[0]!;

async function timed(work: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const r = await work();
  await r.arrayBuffer();
  if (r.status >= 400) throw new Error(`status ${r.status}`);
  if (r.status === 303 && !r.headers.get('location')?.includes('built=')) throw new Error('the build did not finish');
  return performance.now() - t;
}

const bank = () => fetch(`${ws.origin}/`, { headers });
const build = () =>
  fetch(`${ws.origin}/blueprints/build`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'blueprint=standard.yaml&seed=2026&variants=1&mode=shuffle&size=a4',
    redirect: 'manual',
  });

const bankFirst = await timed(bank);
const bankMs: number[] = [];
for (let i = 0; i < 9; i++) bankMs.push(await timed(bank));
const buildFirst = await timed(build);
const buildMs: number[] = [];
for (let i = 0; i < 5; i++) buildMs.push(await timed(build));
// A fresh file time, so the preview is drawn, not taken from the cache.
utimesSync(join(out, 'standard-A-paper.pdf'), new Date(), new Date());
const previewMs = await timed(() => fetch(`${ws.origin}/preview/standard-A-paper.pdf?page=1`, { headers }));
const written = (await import('node:fs')).readdirSync(out).filter((n) => n.endsWith('.pdf'));
if (written.length !== 4) throw new Error(`expected the variant's four PDFs, got ${written.join(', ')}`);
await ws.close();
rmSync(out, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      bank_page_ms: Math.round(median(bankMs)),
      bank_page_first_ms: Math.round(bankFirst),
      bank_page_budget_ms: 300,
      build_ms: Math.round(median(buildMs)),
      build_first_ms: Math.round(buildFirst),
      build_budget_ms: 1500,
      preview_ms: Math.round(previewMs),
      load_average_1m: Number(load.toFixed(2)),
      load_average_after: Number(loadavg()[0]!.toFixed(2)),
      cores: (await import('node:os')).availableParallelism(),
    },
    null,
    2,
  ),
);
