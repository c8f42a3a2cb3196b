// `exampress paper`: assemble (or reread a manifest), then print every document of every
// variant: paper, answer key, answer sheet (+ its geometry JSON) and coverage table. A roster's
// hundreds of papers are printed in worker threads, with a progress bar on a terminal.
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { DOCUMENT_KINDS, PAPER_SIZES, type DocumentKind, type PaperSize } from '../../app/names.js';
import { printPapers, type PrintedPapers, type PrintRequest } from '../../app/papers.js';
import { failed, problem, type Result } from '../../app/problem.js';
import { openWorkspace, paperRequest, type PaperSettings } from '../../app/workspace.js';
import { displayPath } from '../../paths.js';
import type { CommandContext, Io } from '../io.js';
import { pdfBackendOf, withPdfBackendOption } from '../options.js';
import { progressBar, type Progress } from '../progress.js';
import { describeWritten, failure, printProblems } from '../report.js';
import { drawFlags, printDraw, withAssembleOptions } from './assemble.js';

/** `--only paper,key`: the kinds named, or the problem. */
export function parseOnly(value: string): DocumentKind[] | string {
  const only = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = only.filter((k) => !(DOCUMENT_KINDS as readonly string[]).includes(k));
  return bad.length || !only.length ? `--only takes ${DOCUMENT_KINDS.join(',')}; got ${value}` : (only as DocumentKind[]);
}

/** The paper settings among parsed flags (what they leave out comes from the config). */
export function paperFlags(a: Record<string, unknown>): PaperSettings | string {
  const only = typeof a.only === 'string' ? parseOnly(a.only) : undefined;
  if (typeof only === 'string') return only;
  return {
    ...drawFlags(a),
    ...(a.size !== undefined ? { size: a.size as PaperSize } : {}),
    ...(typeof a.seal === 'boolean' ? { seal: a.seal } : {}),
    ...(only ? { only } : {}),
    ...(typeof a.jobs === 'number' ? { jobs: a.jobs } : {}),
    ...(typeof a.range === 'string' ? { range: a.range } : {}),
    pdfBackend: pdfBackendOf(a),
  };
}

/** The print request of `paper` (and `build`): flags over the bank's config.yaml over the defaults. */
export function paperRequestOf(a: Record<string, unknown>, fallbackBlueprint?: string): Result<{ request: PrintRequest }> {
  const flags = paperFlags(a);
  if (typeof flags === 'string') return failed('input', [problem('only', flags)]);
  const ws = openWorkspace(String(a.bank), { ...(typeof a.templates === 'string' ? { templates: a.templates } : {}), ...(typeof a.out === 'string' ? { out: a.out } : {}) });
  if (!ws.ok) return ws;
  return paperRequest(ws.workspace, flags, fallbackBlueprint);
}

/** A progress bar that appears once the total is known (on a terminal, for long runs). */
export function lazyProgress(what: string): { onProgress(done: number, total: number): void; stop(): void } {
  let bar: Progress | undefined;
  let started = false;
  return {
    onProgress(done, total) {
      if (!started) ((started = true), (bar = progressBar(total, what)));
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}

/** The files written, as a table on stdout, or as JSON with `--json`. */
export function printPrinted(io: Io, printed: PrintedPapers, out: string, json: boolean): void {
  if (json) {
    io.stdout(JSON.stringify({ files: printed.files.map((f) => ({ file: join(out, f.name), variant: f.variant, pages: f.pages, bytes: f.bytes })), ms: printed.ms, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2));
    return;
  }
  describeWritten(printed.files, out).forEach((l) => io.stdout(l));
  io.stderr(`wrote ${printed.files.length} file(s) in ${printed.ms} ms; the set is kept as paper ${printed.record.id} in ${displayPath(printed.record.dir)} (exampress papers lists every printed set)`);
}

export function paperCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'paper',
    describe: 'print papers, answer keys, answer sheets and coverage tables (assembles first)',
    builder: (y) =>
      withPdfBackendOption(withAssembleOptions(y))
        .option('size', { choices: PAPER_SIZES, describe: 'a4, b5, or a3 (landscape, two columns: 8开)', defaultDescription: 'a4' })
        .option('seal', { type: 'boolean', describe: 'print the 密封线 with the candidate fields in the binding margin' })
        .option('only', { type: 'string', describe: 'documents to print', defaultDescription: DOCUMENT_KINDS.join(',') })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (see README: templates)' })
        .option('jobs', { type: 'number', describe: 'worker threads for many papers (default: one per core)' })
        .option('range', { type: 'string', describe: 'print only variants FIRST-LAST (1-based), e.g. 1-250: split a sitting across machines' })
        .option('json', { type: 'boolean', default: false, describe: 'print a JSON summary of what was written instead of the table' })
        .example('exampress paper --blueprint bank/blueprints/standard.yaml', 'A and B papers, keys, sheets and coverage tables in output/')
        .example('exampress paper --blueprint bank/blueprints/quiz.yaml --size a3 --seal --only paper,key', 'an 8开 quiz with a 密封线')
        .example('exampress paper --roster candidates.csv --only paper,sheet', 'one paper and one pre-filled answer sheet per candidate'),
    handler: async (a) => {
      const asked = paperRequestOf(a);
      if (!asked.ok) return cli.setExit(failure(io, 'paper', asked));
      const progress = a.json ? undefined : lazyProgress('papers');
      const printed = await printPapers({ ...asked.request, cache: cli.cache, ...(progress ? { onProgress: progress.onProgress } : {}), ...(cli.signal ? { signal: cli.signal } : {}) }).finally(() => progress?.stop());
      if (!printed.ok) return cli.setExit(failure(io, 'paper', printed));
      printProblems(io, 'paper', printed.problems);
      printDraw(io, printed.draw, printed.manifestFile, printed.recorded);
      printPrinted(io, printed, asked.request.out, Boolean(a.json));
    },
  };
}
