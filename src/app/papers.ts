// Printing papers: draw (or reread a manifest), then render every document of every variant —
// paper, answer key, answer sheet (+ its geometry JSON) and coverage table — and write them.
// A roster's hundreds of papers are printed in worker threads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedJson } from '../bank/cache.js';
import { isFolder } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import { loadTemplates, loadTheme, type Theme } from '../documents/index.js';
import { layoutHandbook } from '../documents/render-handbook.js';
import type { DocumentKind, PaperSize } from '../kinds.js';
import type { PdfBackendChoice } from '../typeset/pdf/index.js';
import { drawPapers, recordIssue, type Draw, type DrawRequest } from './assemble.js';
import { openBank } from './bank.js';
import { defaultTemplatesDir, type CacheSettings } from './cache.js';
import { catchOutputAsync, checkOutputFolder, writeFileAtomic } from './files.js';
import { commitPrintedSet, type PrintedPaper } from './records.js';
import { withStaging } from './staging.js';
import { MANIFEST_FILE } from './names.js';
import { failed, problem, succeeded, type Problem, type Result } from './problem.js';
import { defaultJobs, failureOf, parseRange, printBatch, PrintFailure } from './print/batch.js';
import type { PaperJob, WrittenFile } from './print/job.js';

export type { WrittenFile } from './print/job.js';

export interface PrintRequest extends DrawRequest {
  out: string;
  size: PaperSize;
  seal: boolean;
  only: readonly DocumentKind[];
  /** A trainer's copy of the templates folder. */
  templates?: string;
  /** The bank config's theme settings (and organisation). */
  themeOverrides?: Record<string, unknown>;
  /** Worker threads for many variants; default one per core. */
  jobs?: number;
  /** Variants to print, 1-based inclusive ("1-250"): a sitting split across machines. */
  range?: string;
  pdfBackend?: PdfBackendChoice;
  /** Norm id → handbook page, for the keys' "见手册 3.2.1（第 14 页）"; laid out here when absent. */
  handbookPages?: ReadonlyMap<string, number>;
  cache?: CacheSettings;
  /** Told how many variants are printed so far, out of `total`. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface PrintedPapers {
  /** The output folder. */
  out: string;
  /** The documents written (manifest.json besides them is `manifestFile`). */
  files: WrittenFile[];
  /** The latest set's manifest in the output folder. */
  manifestFile: string;
  /** Where the set is kept (output/papers/<id>/), with its record. */
  record: PrintedPaper;
  draw: Draw;
  /** The blueprint's history file, when --issue recorded the papers in it. */
  recorded?: { file: string; questions: number };
  ms: number;
}

/** Settings that are wrong whatever the bank holds: checked before anything is read. */
export function requestProblems(req: PrintRequest): Problem[] {
  const out: Problem[] = [];
  if (req.templates && !isFolder(req.templates)) out.push(problem('templates-folder', `--templates ${req.templates}: folder not found; copy the bundled templates first (see README: templates)`, { folder: req.templates }));
  if (req.jobs !== undefined && !(Number.isInteger(req.jobs) && req.jobs >= 1 && req.jobs <= 64)) out.push(problem('jobs', `--jobs takes a whole number from 1 to 64, got ${req.jobs}`, { jobs: String(req.jobs) }));
  return out;
}

/** A set printed into a staging folder, not yet kept: what `commitPrintedSet` keeps. */
export interface PreparedPapers {
  draw: Draw;
  files: WrittenFile[];
}

/**
 * Draw the papers and print every document of every variant asked for, manifest.json beside
 * them, into the folder `into` (a staging folder): nothing is kept yet.
 */
export async function preparePapers(req: PrintRequest & { bank: Bank }, into: string): Promise<Result<PreparedPapers>> {
  const draw = drawPapers(req);
  if (!draw.ok) return draw;
  const manifestFile = join(into, MANIFEST_FILE);
  writeFileAtomic(manifestFile, draw.text, { force: true });
  const printed = await printDrawn(draw, req.bank, { ...req, out: into }, manifestFile);
  if (!printed.ok) return printed;
  return succeeded({ draw, files: printed.files }, draw.problems);
}

/**
 * Draw the papers, print every document of every variant asked for into a staging folder, and
 * only when all of it is written keep the set as its paper's record and show it in the output
 * folder: a failure, Ctrl-C or a full disk leaves every earlier output as it was.
 */
export async function printPapers(req: PrintRequest): Promise<Result<PrintedPapers>> {
  const wrong = requestProblems(req);
  if (wrong.length) return failed('input', wrong);
  const opened = req.bank ? succeeded({ bank: req.bank }) : openBank(req.bankDir, req.cache ? { cache: req.cache } : {});
  if (!opened.ok) return opened;
  const bank = opened.bank;
  const started = performance.now();
  return catchOutputAsync(async () => {
    checkOutputFolder(req.out);
    return withStaging(req.out, async (staging) => {
      const prepared = await preparePapers({ ...req, bank }, staging);
      if (!prepared.ok) return prepared;
      const kept = keepPrinted(req.out, staging, prepared);
      return succeeded({ ...kept, ms: Math.round(performance.now() - started) }, [...opened.problems, ...prepared.problems]);
    });
  });
}

/** Keep a prepared set (and `extra` files of the staging folder, shown beside it) and record its issue; what PrintedPapers says of it, but the time. */
export function keepPrinted(out: string, staging: string, prepared: PreparedPapers, extra: readonly string[] = []): Omit<PrintedPapers, 'ms'> {
  const { draw, files } = prepared;
  const record = commitPrintedSet(out, staging, draw.manifest, draw.text, extra);
  recordIssue(draw);
  const recorded = draw.issued ? { file: draw.issued.file, questions: draw.issued.entry.ids.length } : undefined;
  return { out, files, manifestFile: join(out, MANIFEST_FILE), record, draw, ...(recorded ? { recorded } : {}) };
}

/** The theme of the request's templates folder over the bundled one, with the config's overrides. */
export function themeFor(req: { templates?: string; themeOverrides?: Record<string, unknown> }): Result<{ theme: Theme; templatesDir: string }> {
  const defaults = defaultTemplatesDir();
  const templatesDir = req.templates ?? defaults;
  const { theme, problems } = loadTheme(templatesDir, defaults, req.themeOverrides);
  if (!theme) return failed('input', problems.map((p) => problem('theme', p)));
  return succeeded({ theme, templatesDir });
}

/** Render and write the documents of a drawn manifest (already written at `manifestFile`). */
async function printDrawn(draw: Draw, bank: Bank, req: PrintRequest, manifestFile: string): Promise<Result<{ files: WrittenFile[] }>> {
  const themed = themeFor(req);
  if (!themed.ok) return themed;
  const { theme, templatesDir } = themed;
  const indices = parseRange(req.range, draw.manifest.variants.length);
  if (!Array.isArray(indices)) return failed('input', [indices]);
  const cache = req.cache ?? {};
  let handbookPages = req.handbookPages;
  try {
    if (!handbookPages && req.only.includes('key')) handbookPages = keyHandbookPages(bank, theme, templatesDir, cache);
  } catch (err) {
    const f = failureOf(err, req.out);
    return failed(f.kind, [f.problem]);
  }
  const job: PaperJob = {
    manifestFile,
    bankDir: req.bankDir,
    templatesDir,
    defaultTemplatesDir: defaultTemplatesDir(),
    ...(req.themeOverrides ? { themeOverrides: req.themeOverrides } : {}),
    size: req.size,
    seal: req.seal,
    only: [...req.only],
    out: req.out,
    cache,
    ...(handbookPages ? { handbookPages: [...handbookPages] } : {}),
    ...(req.pdfBackend ? { pdfBackend: req.pdfBackend } : {}),
  };
  try {
    const files = await printBatch(job, indices, {
      jobs: req.jobs ?? defaultJobs(),
      known: { manifest: draw.manifest, bank, theme },
      ...(req.onProgress ? { onProgress: (n: number) => req.onProgress!(n, indices.length) } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    return succeeded({ files });
  } catch (err) {
    const f = err instanceof PrintFailure ? err : failureOf(err, req.out);
    const stopped = f.kind === 'interrupted' ? [] : [problem('nothing-written', 'nothing was written; the files printed before are as they were')];
    return failed(f.kind, [f.problem, ...stopped]);
  }
}

/** Keys cite "见手册 3.2.1（第 14 页）": the pages come from laying out the A6 handbook, kept by what it depends on. */
function keyHandbookPages(bank: Bank, theme: Theme, templatesDir: string, cache: CacheSettings): Map<string, number> {
  const defaults = defaultTemplatesDir();
  const dir = existsSync(join(templatesDir, 'handbook.hbs')) ? templatesDir : defaults;
  const parts = [JSON.stringify(bank.chapters), JSON.stringify(theme), ...handbookTemplateTexts(dir)];
  return new Map(cachedJson(cache, 'handbook-pages', parts, () => [...layoutHandbook({ bank, templates: loadTemplates(dir, cache), theme, size: 'a6' }).pages]));
}

/** The handbook's templates (and partials), as the handbook page cache keys them. */
function handbookTemplateTexts(dir: string): string[] {
  const partials = join(dir, 'partials');
  const files = [join(dir, 'handbook.hbs'), ...(existsSync(partials) ? readdirSync(partials).sort().map((f) => join(partials, f)) : [])];
  return files.filter((f) => existsSync(f)).map((f) => `${f}\n${readFileSync(f, 'utf8')}`);
}
