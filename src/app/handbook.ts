// Printing the pocket handbook (礼仪口袋书) from the bank's norms, in reading order
// (handbook.pdf) and, when asked, imposed for saddle stitching (handbook-imposed.pdf).
import { join } from 'node:path';
import { isFolder } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import { loadTemplates } from '../documents/index.js';
import { renderHandbook } from '../documents/render-handbook.js';
import type { HandbookSize, Imposition, SheetSize } from '../kinds.js';
import type { PdfBackendChoice } from '../typeset/pdf/index.js';
import { openBank } from './bank.js';
import type { CacheSettings } from './cache.js';
import { catchOutput, checkOutputFolder, writeFileAtomic } from './files.js';
import { HANDBOOK_FILE, IMPOSED_FILE } from './names.js';
import { themeFor, type WrittenFile } from './papers.js';
import { failed, problem, succeeded, type Problem, type Result } from './problem.js';
import { failureOf } from './print/batch.js';

export interface HandbookRequest {
  bankDir: string;
  size: HandbookSize;
  impose: Imposition;
  sheet: SheetSize;
  out: string;
  templates?: string;
  themeOverrides?: Record<string, unknown>;
  pdfBackend?: PdfBackendChoice;
  cache?: CacheSettings;
  /** The bank, opened (and checked) by the caller: not read again. */
  bank?: Bank;
}

export interface PrintedHandbook {
  files: WrittenFile[];
  /** How the imposed file is laid out, when there is one. */
  imposed?: { pages: number; sheets: number; sheet: SheetSize; scalePercent: number };
  ms: number;
}

export async function printHandbook(req: HandbookRequest): Promise<Result<PrintedHandbook>> {
  if (req.templates && !isFolder(req.templates)) return failed('input', [problem('templates-folder', `--templates ${req.templates}: folder not found; copy the bundled templates first (see README: templates)`, { folder: req.templates })]);
  if (req.impose === 'saddle' && req.size === 'a5' && req.sheet === 'a5') return failed('input', [problem('handbook-sheet', 'A5 pages do not fit an A5 sheet two to a side; use --sheet a4')]);
  // An output folder that cannot be used is said at once, before any work.
  const folder = catchOutput(() => checkOutputFolder(req.out));
  if (folder) return folder;
  const opened = req.bank ? succeeded({ bank: req.bank }) : openBank(req.bankDir, req.cache ? { cache: req.cache } : {});
  if (!opened.ok) return opened;
  const started = performance.now();
  const themed = themeFor(req);
  if (!themed.ok) return themed;
  let made: ReturnType<typeof renderHandbook>;
  try {
    made = renderHandbook({ bank: opened.bank, templates: loadTemplates(themed.templatesDir, req.cache ?? {}), theme: themed.theme, size: req.size, impose: req.impose, sheet: req.sheet, ...(req.pdfBackend ? { pdfBackend: req.pdfBackend } : {}) });
  } catch (err) {
    const f = failureOf(err, req.out, 'norm');
    return failed(f.kind, [f.problem, problem('nothing-written', 'nothing was written')]);
  }
  const warnings: Problem[] = (made.doc.warnings ?? []).map((w) => ({ code: 'layout', severity: 'warning', message: `warning: ${w.message}` }));
  const files = [{ name: HANDBOOK_FILE, bytes: made.pdf, pages: made.doc.pages.length }];
  if (made.imposed) files.push({ name: IMPOSED_FILE, bytes: made.imposed.pdf, pages: made.imposed.imposition.sheets.length });
  return catchOutput(() => {
    checkOutputFolder(req.out);
    for (const f of files) writeFileAtomic(join(req.out, f.name), f.bytes, { force: true });
    const imposition = made.imposed?.imposition;
    return succeeded(
      {
        files: files.map((f) => ({ name: f.name, variant: '', pages: f.pages, bytes: f.bytes.length })),
        ...(imposition ? { imposed: { pages: imposition.pageCount, sheets: imposition.sheets.length / 2, sheet: req.sheet, scalePercent: Math.round(imposition.scale * 100) } } : {}),
        ms: Math.round(performance.now() - started),
      },
      [...opened.problems, ...warnings],
    );
  });
}
