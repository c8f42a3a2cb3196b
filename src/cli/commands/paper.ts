// `exampress paper`: assemble (or reread a manifest), then print every document of every
// variant: paper, answer key, answer sheet (+ its geometry JSON) and coverage table. A roster's
// hundreds of papers are printed in worker threads, with a progress bar on a terminal.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { MANIFEST_FILE, runAssemble } from '../assemble.js';
import { parseManifest } from '../../assemble/manifest.js';
import { cachedJson, loadCheckedBank } from '../../bank/cache.js';
import { displayPath, isFolder } from '../../bank/load.js';
import { formatProblem } from '../../bank/lint.js';
import type { Bank } from '../../bank/schema.js';
import { DOCUMENT_KINDS, PAPER_SIZES, loadTemplates, loadTheme, type DocumentKind, type PaperSize } from '../../documents/index.js';
import { layoutHandbook } from '../../documents/render-handbook.js';
import { packageRoot, packageVersion } from '../../paths.js';
import { defaultJobs, failureOf, parseRange, printBatch } from '../batch.js';
import { EXIT, type Io } from '../io.js';
import type { PaperJob, WrittenFile } from '../paperJob.js';
import { progressBar } from '../progress.js';
import { assembleRequest, withAssembleOptions } from './assemble.js';
import { workspaceOf } from '../workspace.js';
import { pdfBackendOf, withPdfBackendOption } from '../options.js';
import type { PdfBackendChoice } from '../../typeset/pdf/index.js';

export interface PaperArgs {
  size: PaperSize;
  seal: boolean;
  only: DocumentKind[];
  templates?: string;
  out: string;
  bankDir: string;
  /** Worker threads for many variants; default one per core. */
  jobs?: number;
  /** Variants to print, 1-based inclusive ("1-250"): a sitting split across machines. */
  range?: string;
  /** Print a JSON summary on stdout instead of the table. */
  json?: boolean;
  /** Norm id → handbook page, for the keys' "见手册 3.2.1（第 14 页）". */
  handbookPages?: ReadonlyMap<string, number>;
  /** The bank config's theme settings (and organisation). */
  themeOverrides?: Record<string, unknown>;
  /** Who writes the PDFs (--pdf-backend). */
  pdfBackend?: PdfBackendChoice;
  /** The bank, already loaded and checked by the caller (build): not read again. */
  bank?: Bank;
}

/**
 * Where the CLI keeps its caches (node_modules/.cache/exampress, as other tools do): checked
 * banks, the keys' handbook pages, compiled templates; keyed by this build of exampress.
 * EXAMPRESS_CACHE=0 turns it off.
 */
export function cliCache(): { cacheDir?: string; buildId?: string } {
  if (process.env.EXAMPRESS_CACHE === '0') return {};
  let buildId = packageVersion();
  try {
    const self = statSync(process.argv[1] ?? '');
    buildId += `:${self.mtimeMs}:${self.size}`;
  } catch {
    // running from a test harness: the version alone
  }
  return { cacheDir: join(packageRoot(), 'node_modules', '.cache', 'exampress'), buildId };
}

/** The bundled templates folder (templates/ of the package). */
export const defaultTemplatesDir = () => join(packageRoot(), 'templates');

/** The bank, or null after printing every lint error: a bank with errors never yields a paper. */
export function checkedBank(dir: string, io: Io, command: string): Bank | null {
  const { bank, problems } = loadCheckedBank(dir, cliCache());
  const errors = problems.filter((p) => p.severity === 'error');
  if (!errors.length) return bank;
  errors.forEach((p) => io.stderr(formatProblem(p)));
  io.stderr(`exampress ${command}: the bank has ${errors.length} error(s); fix them (exampress bank lint) — nothing was written`);
  return null;
}

/** "output/standard-A-paper.pdf   4 pages   148 KB" lines. */
export function describeWritten(files: readonly WrittenFile[], out: string): string[] {
  const width = Math.max(...files.map((f) => displayPath(join(out, f.name)).length));
  return files.map((f) => {
    const path = displayPath(join(out, f.name));
    const size = `${Math.max(1, Math.round(f.bytes / 1024))} KB`;
    return `${path.padEnd(width)}  ${f.pages ? `${String(f.pages).padStart(2)} page${f.pages === 1 ? ' ' : 's'}` : '        '}  ${size.padStart(7)}`;
  });
}

/** Print the documents of the manifest in args.out; the exit code and what was written. */
export async function printFromManifest(manifestFile: string, bank: Bank, args: PaperArgs, io: Io): Promise<{ code: number; files: WrittenFile[] }> {
  const parsed = parseManifest(readFileSync(manifestFile, 'utf8'));
  if ('problem' in parsed) {
    io.stderr(`${displayPath(manifestFile)}:1:1 error manifest: ${parsed.problem}`);
    return { code: EXIT.errors, files: [] };
  }
  const cache = cliCache();
  const defaults = defaultTemplatesDir();
  const templatesDir = args.templates ?? defaults;
  const { theme, problems } = loadTheme(templatesDir, defaults, args.themeOverrides);
  if (!theme) {
    problems.forEach((p) => io.stderr(p));
    return { code: EXIT.errors, files: [] };
  }
  const indices = parseRange(args.range, parsed.manifest.variants.length);
  if (typeof indices === 'string') {
    io.stderr(`exampress paper: ${indices}`);
    return { code: EXIT.errors, files: [] };
  }
  let handbookPages = args.handbookPages;
  if (!handbookPages && args.only.includes('key')) {
    // Keys cite "见手册 3.2.1（第 14 页）": the pages come from laying out the A6 handbook in this run.
    try {
      const dir = existsSync(join(templatesDir, 'handbook.hbs')) ? templatesDir : defaults;
      // Laying out the handbook is a tenth of a second: kept by what it depends on.
      const parts = [JSON.stringify(bank.chapters), JSON.stringify(theme), ...handbookTemplateTexts(dir)];
      handbookPages = new Map(cachedJson(cache, 'handbook-pages', parts, () => [...layoutHandbook({ bank, templates: loadTemplates(dir, cache), theme, size: 'a6' }).pages]));
    } catch (err) {
      const failure = failureOf(err);
      io.stderr(failure.message);
      return { code: failure.exitCode, files: [] };
    }
  }
  const job: PaperJob = {
    manifestFile,
    bankDir: args.bankDir,
    templatesDir,
    defaultTemplatesDir: defaults,
    ...(args.themeOverrides ? { themeOverrides: args.themeOverrides } : {}),
    size: args.size,
    seal: args.seal,
    only: args.only,
    out: args.out,
    cache,
    ...(handbookPages ? { handbookPages: [...handbookPages] } : {}),
    ...(args.pdfBackend ? { pdfBackend: args.pdfBackend } : {}),
  };
  const bar = args.json ? undefined : progressBar(indices.length, 'papers');
  try {
    const known = { manifest: parsed.manifest, bank, theme };
    const files = await printBatch(job, indices, { jobs: args.jobs ?? defaultJobs(), known, ...(bar ? { onProgress: (n: number) => bar.update(n) } : {}) });
    return { code: EXIT.ok, files };
  } catch (err) {
    const failure = failureOf(err);
    io.stderr(failure.message);
    io.stderr('exampress paper: stopped; files written before this one are complete, this one was not written');
    return { code: failure.exitCode, files: [] };
  } finally {
    bar?.stop();
  }
}

export function paperCommand(io: Io, setExit: (code: number) => void): CommandModule {
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
      const settings = paperSettings(a, io);
      if (typeof settings === 'number') return setExit(settings);
      setExit(await runPaper(settings.request, settings.args, io));
    },
  };
}

/**
 * The command line over the bank's config.yaml over the defaults: what to print, from which
 * blueprint, into which folder. A problem is printed and its exit code returned.
 */
export function paperSettings(a: Record<string, unknown>, io: Io, command = 'paper'): { request: Record<string, unknown>; args: PaperArgs } | number {
  const ws = workspaceOf(a, io);
  if (typeof ws === 'number') return ws;
  const { bankDir, config, fromConfig, templates, themeOverrides } = ws;
  const blueprint = (a.blueprint as string | undefined) ?? fromConfig(config.blueprint) ?? (a.blueprintFallback as string | undefined);
  if (!blueprint && !a['from-manifest'] && !a.fromManifest) {
    io.stderr(`exampress ${command}: give --blueprint FILE (or --from-manifest FILE), or set blueprint: in ${bankDir}/config.yaml`);
    return EXIT.errors;
  }
  const only = parseOnly(typeof a.only === 'string' ? a.only : (config.paper?.only ?? DOCUMENT_KINDS).join(','));
  if (typeof only === 'string') {
    io.stderr(`exampress ${command}: ${only}`);
    return EXIT.errors;
  }
  const out = (a.out as string | undefined) ?? fromConfig(config.output) ?? 'output';
  return {
    request: { ...a, out, ...(blueprint ? { blueprint } : {}), ...(config.roster ? { rosterColumns: config.roster.columns } : {}) },
    args: {
      size: (a.size as PaperSize | undefined) ?? config.paper?.size ?? 'a4',
      seal: (a.seal as boolean | undefined) ?? config.paper?.seal ?? false,
      only,
      ...(templates ? { templates } : {}),
      ...(typeof a.jobs === 'number' ? { jobs: a.jobs } : {}),
      ...(typeof a.range === 'string' ? { range: a.range } : {}),
      ...(themeOverrides ? { themeOverrides } : {}),
      json: Boolean(a.json),
      pdfBackend: pdfBackendOf(a),
      out,
      bankDir,
    },
  };
}

export function parseOnly(value: string): DocumentKind[] | string {
  const only = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = only.filter((k) => !(DOCUMENT_KINDS as readonly string[]).includes(k));
  return bad.length || !only.length ? `--only takes ${DOCUMENT_KINDS.join(',')}; got ${value}` : (only as DocumentKind[]);
}

/** Assemble (writing manifest.json), then print; exit codes as assemble's, 1 for input problems, 3 for files that could not be written. */
export async function runPaper(parsedArgs: unknown, args: PaperArgs, io: Io): Promise<number> {
  if (args.templates && !isFolder(args.templates)) {
    io.stderr(`exampress paper: --templates ${args.templates}: folder not found; copy the bundled templates first (see README: templates)`);
    return EXIT.errors;
  }
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1 && args.jobs <= 64)) {
    io.stderr(`exampress paper: --jobs takes a whole number from 1 to 64, got ${args.jobs}`);
    return EXIT.errors;
  }
  const bank = args.bank ?? checkedBank(args.bankDir, io, 'paper');
  if (!bank) return EXIT.errors;
  try {
    mkdirSync(args.out, { recursive: true });
  } catch (err) {
    io.stderr(`exampress paper: ${failureOf(err).message.replace('cannot write', 'cannot make the output folder')}`);
    return EXIT.output;
  }
  const quiet: Io = args.json ? { stdout: () => {}, stderr: io.stderr } : io;
  const code = await runAssemble({ ...assembleRequest(parsedArgs), json: false, bank }, quiet);
  if (code !== EXIT.ok) return code;
  const started = performance.now();
  const { code: printed, files } = await printFromManifest(join(args.out, MANIFEST_FILE), bank, args, io);
  if (printed !== EXIT.ok) return printed;
  const ms = Math.round(performance.now() - started);
  if (args.json) {
    io.stdout(JSON.stringify({ files: files.map((f) => ({ file: join(args.out, f.name), variant: f.variant, pages: f.pages, bytes: f.bytes })), ms, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2));
  } else {
    describeWritten(files, args.out).forEach((l) => io.stdout(l));
    io.stderr(`wrote ${files.length} file(s) in ${ms} ms`);
  }
  return EXIT.ok;
}


/** The handbook's templates (and partials), as the handbook page cache keys them. */
function handbookTemplateTexts(dir: string): string[] {
  const partials = join(dir, 'partials');
  const files = [join(dir, 'handbook.hbs'), ...(existsSync(partials) ? readdirSync(partials).sort().map((f) => join(partials, f)) : [])];
  return files.filter((f) => existsSync(f)).map((f) => `${f}\n${readFileSync(f, 'utf8')}`);
}
