// `exampress handbook`: the pocket etiquette handbook (礼仪口袋书) from the bank's norms, in
// reading order (handbook.pdf) and, with --impose saddle, imposed for saddle stitching
// (handbook-imposed.pdf).
import { isFolder } from '../../bank/load.js';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import type { Bank } from '../../bank/schema.js';
import { HANDBOOK_SIZES, type HandbookSize } from '../../documents/handbook.js';
import { IMPOSITIONS, renderHandbook, SHEETS, type Imposition, type SheetSize } from '../../documents/render-handbook.js';
import { loadTemplates, loadTheme, TemplateError } from '../../documents/index.js';
import { defaultBankDir } from '../../paths.js';
import { TypesetError } from '../../typeset/types.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';
import { cliCache, checkedBank, defaultTemplatesDir, describeWritten } from './paper.js';
import { workspaceOf } from '../workspace.js';
import { pdfBackendOf, withPdfBackendOption } from '../options.js';
import type { PdfBackendChoice } from '../../typeset/pdf/index.js';
import { failureOf } from '../batch.js';

export interface HandbookArgs {
  size: HandbookSize;
  impose: Imposition;
  sheet: SheetSize;
  out: string;
  bankDir: string;
  templates?: string;
  themeOverrides?: Record<string, unknown>;
  pdfBackend?: PdfBackendChoice;
  /** The bank, already loaded and checked by the caller (build): not read again. */
  bank?: Bank;
}

export const HANDBOOK_FILE = 'handbook.pdf';
export const IMPOSED_FILE = 'handbook-imposed.pdf';

export async function runHandbook(args: HandbookArgs, io: Io): Promise<number> {
  if (args.templates && !isFolder(args.templates)) {
    io.stderr(`exampress handbook: --templates ${args.templates}: folder not found; copy the bundled templates first (see README: templates)`);
    return EXIT.errors;
  }
  if (args.impose === 'saddle' && args.size === 'a5' && args.sheet === 'a5') {
    io.stderr('exampress handbook: A5 pages do not fit an A5 sheet two to a side; use --sheet a4');
    return EXIT.errors;
  }
  const bank = args.bank ?? checkedBank(args.bankDir, io, 'handbook');
  if (!bank) return EXIT.errors;
  const started = performance.now();
  const defaults = defaultTemplatesDir();
  const dir = args.templates ?? defaults;
  const { theme, problems } = loadTheme(dir, defaults, args.themeOverrides);
  if (!theme) {
    problems.forEach((p) => io.stderr(p));
    return EXIT.errors;
  }
  let made: ReturnType<typeof renderHandbook>;
  try {
    made = renderHandbook({ bank, templates: loadTemplates(dir, cliCache()), theme, size: args.size, impose: args.impose, sheet: args.sheet, ...(args.pdfBackend ? { pdfBackend: args.pdfBackend } : {}) });
  } catch (err) {
    if (err instanceof TemplateError || err instanceof TypesetError) {
      io.stderr(`${err.message}${err instanceof TypesetError && err.from && !err.message.includes(err.from) ? ` (norm ${err.from})` : ''}`);
      io.stderr('exampress handbook: nothing was written');
      return EXIT.errors;
    }
    throw err;
  }
  for (const w of made.doc.warnings ?? []) io.stderr(`warning: ${w.message}`);
  const files = [{ name: HANDBOOK_FILE, bytes: made.pdf, pages: made.doc.pages.length }];
  if (made.imposed) files.push({ name: IMPOSED_FILE, bytes: made.imposed.pdf, pages: made.imposed.imposition.sheets.length });
  try {
    for (const f of files) writeFileAtomic(join(args.out, f.name), f.bytes, { force: true });
  } catch (err) {
    const failure = failureOf(err);
    io.stderr(`exampress handbook: ${failure.message}`);
    return failure.exitCode;
  }
  describeWritten(files.map((f) => ({ name: f.name, variant: '', pages: f.pages, bytes: f.bytes.length })), args.out).forEach((l) => io.stdout(l));
  if (made.imposed) {
    const { imposition } = made.imposed;
    const sheets = imposition.sheets.length / 2;
    const pct = Math.round(imposition.scale * 100);
    const scale = pct < 100 ? `pages at ${pct}% so the crop marks fit` : 'pages at actual size';
    io.stdout(`imposed: ${imposition.pageCount} pages on ${sheets} ${args.sheet.toUpperCase()} sheet${sheets === 1 ? '' : 's'} printed both sides, ${scale} (see README: the handbook)`);
  }
  io.stderr(`wrote ${files.length} file(s) in ${Math.round(performance.now() - started)} ms`);
  return EXIT.ok;
}

export function handbookCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'handbook',
    describe: 'print the pocket etiquette handbook (礼仪口袋书), optionally imposed for saddle stitching',
    builder: (y) =>
      withPdfBackendOption(y)
        .option('size', { choices: HANDBOOK_SIZES, describe: 'page size: a6 (pocket), a5 or a7', defaultDescription: 'a6, or config.yaml handbook.size' })
        .option('impose', { choices: IMPOSITIONS, describe: 'saddle: also write handbook-imposed.pdf to print, cut, fold and staple', defaultDescription: 'none' })
        .option('sheet', { choices: SHEETS, describe: 'the paper you print the imposed file on', defaultDescription: 'a4' })
        .option('out', { type: 'string', describe: 'folder for handbook.pdf and handbook-imposed.pdf', defaultDescription: 'output, or config.yaml output' })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (see README: templates)' })
        .example('exampress handbook --impose saddle', 'A6 handbook, and its A4 sheets (two A5 signatures each) to cut and fold'),
    handler: async (a) => {
      const settings = handbookSettings(a, io);
      setExit(typeof settings === 'number' ? settings : await runHandbook(settings, io));
    },
  };
}

/** Flags over the bank's config.yaml over the defaults (impose: `fallbackImpose`). */
export function handbookSettings(a: Record<string, unknown>, io: Io, fallbackImpose: Imposition = 'none'): HandbookArgs | number {
  const ws = workspaceOf(a, io);
  if (typeof ws === 'number') return ws;
  const { config } = ws;
  return {
    size: (a.size as HandbookSize | undefined) ?? config.handbook?.size ?? 'a6',
    impose: (a.impose as Imposition | undefined) ?? config.handbook?.impose ?? fallbackImpose,
    sheet: (a.sheet as SheetSize | undefined) ?? config.handbook?.sheet ?? 'a4',
    out: (a.out as string | undefined) ?? ws.fromConfig(config.output) ?? 'output',
    bankDir: ws.bankDir,
    pdfBackend: pdfBackendOf(a),
    ...(ws.templates ? { templates: ws.templates } : {}),
    ...(ws.themeOverrides ? { themeOverrides: ws.themeOverrides } : {}),
  };
}

