// `exampress handbook`: the pocket etiquette handbook (礼仪口袋书) from the bank's norms, in
// reading order (handbook.pdf) and, with --impose saddle, imposed for saddle stitching
// (handbook-imposed.pdf).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { HANDBOOK_SIZES, type HandbookSize } from '../../documents/handbook.js';
import { IMPOSITIONS, renderHandbook, SHEETS, type Imposition, type SheetSize } from '../../documents/render-handbook.js';
import { loadTemplates, loadTheme, TemplateError } from '../../documents/index.js';
import { defaultBankDir } from '../../paths.js';
import { TypesetError } from '../../typeset/types.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';
import { checkedBank, defaultTemplatesDir, describeWritten } from './paper.js';

export interface HandbookArgs {
  size: HandbookSize;
  impose: Imposition;
  sheet: SheetSize;
  out: string;
  bankDir: string;
  templates?: string;
}

export const HANDBOOK_FILE = 'handbook.pdf';
export const IMPOSED_FILE = 'handbook-imposed.pdf';

export async function runHandbook(args: HandbookArgs, io: Io): Promise<number> {
  if (args.templates && !isDir(args.templates)) {
    io.stderr(`exampress handbook: --templates ${args.templates}: folder not found; copy the bundled templates first (see README: templates)`);
    return EXIT.errors;
  }
  if (args.impose === 'saddle' && args.size === 'a5' && args.sheet === 'a5') {
    io.stderr('exampress handbook: A5 pages do not fit an A5 sheet two to a side; use --sheet a4');
    return EXIT.errors;
  }
  const bank = checkedBank(args.bankDir, io, 'handbook');
  if (!bank) return EXIT.errors;
  const started = performance.now();
  const defaults = defaultTemplatesDir();
  const dir = args.templates ?? defaults;
  const { theme, problems } = loadTheme(dir, defaults);
  if (!theme) {
    problems.forEach((p) => io.stderr(p));
    return EXIT.errors;
  }
  let made: ReturnType<typeof renderHandbook>;
  try {
    made = renderHandbook({ bank, templates: loadTemplates(dir), theme, size: args.size, impose: args.impose, sheet: args.sheet });
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
  for (const f of files) writeFileAtomic(join(args.out, f.name), f.bytes, { force: true });
  describeWritten(files.map((f) => ({ ...f, kind: 'paper' as const, variant: '' })), args.out).forEach((l) => io.stdout(l));
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
      y
        .option('size', { choices: HANDBOOK_SIZES, default: 'a6' as HandbookSize, describe: 'page size: a6 (pocket), a5 or a7' })
        .option('impose', { choices: IMPOSITIONS, default: 'none' as Imposition, describe: 'saddle: also write handbook-imposed.pdf to print, cut, fold and staple' })
        .option('sheet', { choices: SHEETS, default: 'a4' as SheetSize, describe: 'the paper you print the imposed file on' })
        .option('out', { type: 'string', default: 'output', describe: 'folder for handbook.pdf and handbook-imposed.pdf' })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (see README: templates)' })
        .example('exampress handbook --impose saddle', 'A6 handbook, and its A4 sheets (two A5 signatures each) to cut and fold'),
    handler: async (a) =>
      setExit(
        await runHandbook(
          { size: a.size as HandbookSize, impose: a.impose as Imposition, sheet: a.sheet as SheetSize, out: String(a.out), bankDir: String(a.bank), ...(typeof a.templates === 'string' ? { templates: a.templates } : {}) },
          io,
        ),
      ),
  };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
