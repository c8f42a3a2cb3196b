// `exampress paper`: assemble (or reread a manifest), then print every document of every
// variant: paper, answer key, answer sheet (+ its geometry JSON) and coverage table.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { runAssemble, MANIFEST_FILE } from '../../assemble/command.js';
import { parseManifest } from '../../assemble/manifest.js';
import { loadCheckedBank } from '../../bank/cache.js';
import { displayPath } from '../../bank/load.js';
import { formatProblem } from '../../bank/lint.js';
import type { Bank } from '../../bank/schema.js';
import { DOCUMENT_KINDS, PAPER_SIZES, loadTemplates, loadTheme, renderExamDocuments, TemplateError, type DocumentKind, type PaperSize, type RenderedFile } from '../../documents/index.js';
import { packageRoot, packageVersion } from '../../paths.js';
import type { PdfBackendChoice } from '../../typeset/pdf/index.js';
import { TypesetError } from '../../typeset/types.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';
import { pdfBackendOf, withPdfBackendOption } from '../options.js';
import { assembleRequest, withAssembleOptions } from './assemble.js';

export interface PaperArgs {
  size: PaperSize;
  seal: boolean;
  only: DocumentKind[];
  templates?: string;
  out: string;
  bankDir: string;
  pdfBackend?: PdfBackendChoice;
}

/**
 * Where the CLI caches loaded banks (node_modules/.cache/exampress, as other tools do), keyed
 * by this build of exampress; EXAMPRESS_CACHE=0 turns it off.
 */
export function bankCache(): { cacheDir?: string; buildId?: string } {
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
  const { bank, problems } = loadCheckedBank(dir, bankCache());
  const errors = problems.filter((p) => p.severity === 'error');
  if (!errors.length) return bank;
  errors.forEach((p) => io.stderr(formatProblem(p)));
  io.stderr(`exampress ${command}: the bank has ${errors.length} error(s); fix them (exampress bank lint) — nothing was written`);
  return null;
}

/** Render every document of `manifest.json` in args.out and write them next to it. */
export async function renderFromManifest(manifestFile: string, bank: Bank, args: PaperArgs, io: Io): Promise<{ code: number; files: RenderedFile[] }> {
  const parsed = parseManifest(readFileSync(manifestFile, 'utf8'));
  if ('problem' in parsed) {
    io.stderr(`${displayPath(manifestFile)}:1:1 error manifest: ${parsed.problem}`);
    return { code: EXIT.errors, files: [] };
  }
  const defaults = defaultTemplatesDir();
  const dir = args.templates ?? defaults;
  const { theme, problems } = loadTheme(dir, defaults);
  if (!theme) {
    problems.forEach((p) => io.stderr(p));
    return { code: EXIT.errors, files: [] };
  }
  let files: RenderedFile[];
  try {
    files = await renderExamDocuments({ manifest: parsed.manifest, bank, templates: loadTemplates(dir), theme, size: args.size, seal: args.seal, only: args.only, pdfBackend: args.pdfBackend ?? 'auto' });
  } catch (err) {
    if (err instanceof TemplateError || err instanceof TypesetError) {
      io.stderr(`${err.message}${err instanceof TypesetError && err.from && !err.message.includes(err.from) ? ` (question ${err.from})` : ''}`);
      io.stderr('exampress paper: nothing was written');
      return { code: EXIT.errors, files: [] };
    }
    throw err;
  }
  for (const f of files) writeFileAtomic(join(args.out, f.name), f.bytes, { force: true });
  return { code: EXIT.ok, files };
}

/** "standard-A-paper.pdf   4 pages   61 KB" lines. */
export function describeWritten(files: readonly RenderedFile[], out: string): string[] {
  const width = Math.max(...files.map((f) => displayPath(join(out, f.name)).length));
  return files.map((f) => {
    const path = displayPath(join(out, f.name));
    const size = `${Math.max(1, Math.round(f.bytes.length / 1024))} KB`;
    return `${path.padEnd(width)}  ${f.pages ? `${String(f.pages).padStart(2)} page${f.pages === 1 ? ' ' : 's'}` : '        '}  ${size.padStart(7)}`;
  });
}

export function paperCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'paper',
    describe: 'print papers, answer keys, answer sheets and coverage tables (assembles first)',
    builder: (y) =>
      withPdfBackendOption(withAssembleOptions(y))
        .option('size', { choices: PAPER_SIZES, default: 'a4' as PaperSize, describe: 'a4, b5, or a3 (landscape, two columns: 8开)' })
        .option('seal', { type: 'boolean', default: false, describe: 'print the 密封线 with the candidate fields in the binding margin' })
        .option('only', { type: 'string', default: DOCUMENT_KINDS.join(','), describe: 'documents to print: paper,key,sheet,spec' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (see README: templates)' })
        .example('exampress paper --blueprint bank/blueprints/standard.yaml', 'A and B papers, keys, sheets and coverage tables in output/')
        .example('exampress paper --blueprint bank/blueprints/quiz.yaml --size a3 --seal --only paper,key', 'an 8开 quiz with a 密封线'),
    handler: async (a) => {
      const only = String(a.only).split(',').map((s) => s.trim()).filter(Boolean);
      const bad = only.filter((k) => !(DOCUMENT_KINDS as readonly string[]).includes(k));
      if (bad.length || !only.length) {
        io.stderr(`exampress paper: --only takes ${DOCUMENT_KINDS.join(',')}; got ${String(a.only)}`);
        return setExit(EXIT.errors);
      }
      setExit(await runPaper(a, { size: a.size as PaperSize, seal: Boolean(a.seal), only: only as DocumentKind[], ...(typeof a.templates === 'string' ? { templates: a.templates } : {}), out: String(a.out), bankDir: String(a.bank), pdfBackend: pdfBackendOf(a) }, io));
    },
  };
}

/** Assemble (writing manifest.json), then render; exit codes as assemble's, 1 for render problems. */
export async function runPaper(parsedArgs: unknown, args: PaperArgs, io: Io): Promise<number> {
  if (args.templates && !isDir(args.templates)) {
    io.stderr(`exampress paper: --templates ${args.templates}: folder not found; copy the bundled templates first (see README: templates)`);
    return EXIT.errors;
  }
  const bank = checkedBank(args.bankDir, io, 'paper');
  if (!bank) return EXIT.errors;
  const code = await runAssemble({ ...assembleRequest(parsedArgs), bank }, io);
  if (code !== EXIT.ok) return code;
  const started = performance.now();
  const { code: rendered, files } = await renderFromManifest(join(args.out, MANIFEST_FILE), bank, args, io);
  if (rendered !== EXIT.ok) return rendered;
  describeWritten(files, args.out).forEach((l) => io.stdout(l));
  io.stderr(`wrote ${files.length} file(s) in ${Math.round(performance.now() - started)} ms`);
  return EXIT.ok;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
