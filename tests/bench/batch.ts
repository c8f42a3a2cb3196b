// npm run bench:batch — a roster of 200 candidates, one paper and one pre-filled answer sheet
// each, on the standard blueprint: the real bundled CLI in a fresh process with its worker
// threads (one per core). Prints candidates per second (budget ≥ 40 on 2 cores) and the peak
// resident memory of the process, workers included (budget < 500 MB), with the load average.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const CANDIDATES = 200;
const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'exampress-bench-batch-'));
const roster = join(dir, 'roster.csv');
writeFileSync(roster, ['工号,姓名', ...Array.from({ length: CANDIDATES }, (_, i) => `${20260000 + i},考生${i + 1}`)].join('\n'));
const load = loadavg()[0]!;
const t = performance.now();
const out = execFileSync(process.execPath, [join(root, 'dist', 'exampress.mjs'), 'paper', '--blueprint', join(root, 'bank', 'blueprints', 'standard.yaml'), '--bank', join(root, 'bank'), '--roster', roster, '--only', 'paper,sheet', '--out', join(dir, 'out'), '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const seconds = (performance.now() - t) / 1000;
const summary = JSON.parse(out) as { files: unknown[]; peak_rss_mb: number };
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    candidates: CANDIDATES,
    files: summary.files.length,
    seconds: Math.round(seconds * 100) / 100,
    candidates_per_s: Math.round((CANDIDATES / seconds) * 10) / 10,
    budget_per_s: 40,
    peak_rss_mb: summary.peak_rss_mb,
    budget_rss_mb: 500,
    load_avg_1m: Math.round(load * 100) / 100,
    cores: cpus().length,
  }),
);
