// npm run bench:fonts — the standard paper set (paper, key, answer sheet and coverage table of
// variants A and B: 8 PDFs) printed with a user's TrueType collection named in theme.yaml, cold:
// a fresh `exampress paper` process per run (node start, modules, bank from its cache, fonts,
// typesetting, PDFs written), median of 5. The collection is ~12 MB (Droid Sans Fallback three
// times, built by tests/bench/make-ttc.py; not committed); set EXAMPRESS_BENCH_TTC to use your
// own .ttc (its first face is used for serif, its second for sans). Also measured: the same with
// --pdf-backend pdfkit, and with the bundled fonts. Prints JSON; the budget is 800 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { median } from './typeset-lib.js';

const RUNS = 5;
const BUDGET_MS = 800;
const root = packageRoot();

function collection(): { file: string; faces: [string, string] } | { skipped: string } {
  const own = process.env.EXAMPRESS_BENCH_TTC;
  if (own) {
    if (!existsSync(own)) return { skipped: `EXAMPRESS_BENCH_TTC=${own} does not exist` };
    const names = spawnSync(process.execPath, ['-e', `const f=require('fontkit').openSync(${JSON.stringify(own)});console.log(f.fonts.map(x=>x.postscriptName).join('\\n'))`], { cwd: root, encoding: 'utf8' });
    const [a, b] = names.stdout.trim().split('\n');
    return { file: own, faces: [a!, b ?? a!] };
  }
  const file = join(tmpdir(), 'exampress-bench', 'UserFonts.ttc');
  if (!existsSync(file)) {
    mkdirSync(join(tmpdir(), 'exampress-bench'), { recursive: true });
    const made = spawnSync('/usr/bin/python3', [join(root, 'tests', 'bench', 'make-ttc.py'), file], { encoding: 'utf8' });
    if (made.status !== 0) {
      return { skipped: `no collection to measure: tests/bench/make-ttc.py needs fonts-droid-fallback and python3-fonttools (apt-get install fonts-droid-fallback python3-fonttools), or set EXAMPRESS_BENCH_TTC=your.ttc (${made.stderr.trim().split('\n').pop() ?? ''})` };
    }
  }
  return { file, faces: ['DroidSansFallback', 'DroidSansFallbackB'] };
}

/** Median process time and median "wrote N file(s) in X ms" of `runs` fresh processes. */
function cold(args: string[], runs = RUNS): { process_ms: number; render_ms: number } {
  const processMs: number[] = [];
  const renderMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'dist', 'exampress.mjs'), 'paper', ...args], { cwd: root, encoding: 'utf8' });
    processMs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`exampress paper failed:\n${r.stderr}`);
    renderMs.push(Number(/wrote \d+ file\(s\) in (\d+) ms/.exec(r.stderr)?.[1] ?? NaN));
  }
  return { process_ms: Math.round(median(processMs)), render_ms: Math.round(median(renderMs)) };
}

function main(): void {
  const found = collection();
  if ('skipped' in found) {
    console.log(JSON.stringify({ bench: 'fonts', skipped: found.skipped }));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'exampress-bench-fonts-'));
  const templates = join(dir, 'templates');
  cpSync(join(root, 'templates'), templates, { recursive: true });
  appendFileSync(
    join(templates, 'theme.yaml'),
    `\nfonts:\n  serif: { regular: ${JSON.stringify(`${found.file}#${found.faces[0]}`)} }\n  sans: { regular: ${JSON.stringify(`${found.file}#${found.faces[1]}`)} }\n  fallback: bundled\n`,
  );
  const common = ['--blueprint', join(root, 'bank', 'blueprints', 'standard.yaml'), '--out', join(dir, 'out')];
  execFileSync(process.execPath, [join(root, 'dist', 'exampress.mjs'), 'paper', ...common], { cwd: root, stdio: 'ignore' }); // fills the bank cache
  const load = loadavg()[0]!;
  const ttc = cold([...common, '--templates', templates]);
  const ttcPdfkit = cold([...common, '--templates', templates, '--pdf-backend', 'pdfkit'], 3);
  const bundled = cold(common);
  rmSync(dir, { recursive: true, force: true });
  const result = {
    bench: 'fonts',
    collection_mb: Math.round(statSync(found.file).size / 1e5) / 10,
    ttc_fast: ttc,
    ttc_pdfkit: ttcPdfkit,
    bundled_fast: bundled,
    load_average: Math.round(load * 100) / 100,
    budget_ms: BUDGET_MS,
  };
  console.log(JSON.stringify(result));
  if (ttc.process_ms >= BUDGET_MS) console.error(`bench:fonts: over budget (the standard paper set in a TrueType collection, cold < ${BUDGET_MS} ms)`);
}

main();
