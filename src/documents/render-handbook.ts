// Bank → the handbook: laid out once (its norms' pages feed the answer key), then written in
// reading order and, on request, imposed for saddle stitching. Pure apart from reading
// templates: the CLI decides where the bytes go.
import type { Bank } from '../bank/schema.js';
import { loadFonts } from '../typeset/fonts/index.js';
import { typesetLocated } from './render.js';
import { saddleStitch, writePdf, type PdfBackendChoice, type SaddleImposition } from '../typeset/pdf/index.js';
import type { FontSet, LaidOutDocument } from '../typeset/types.js';
import { fitNotePages, handbookPages, handbookView, type HandbookSize } from './handbook.js';
import type { TemplateSet } from './templates.js';
import { themeFontConfig, type Theme } from './theme.js';

import { IMPOSITIONS, SHEETS, type Imposition, type SheetSize } from '../kinds.js';

export { IMPOSITIONS, SHEETS, type Imposition, type SheetSize };

export interface HandbookLayoutOptions {
  bank: Bank;
  templates: TemplateSet;
  theme: Theme;
  size: HandbookSize;
  organisation?: string;
  fonts?: FontSet;
  /** Who writes the PDF (--pdf-backend). */
  pdfBackend?: PdfBackendChoice;
}

/** The handbook laid out (no PDF): pages, and the page of every norm. */
export function layoutHandbook(opts: HandbookLayoutOptions): { doc: LaidOutDocument; pages: Map<string, number> } {
  const fonts = opts.fonts ?? loadFonts(themeFontConfig(opts.theme));
  const view = handbookView(opts.bank, opts.theme, { size: opts.size, organisation: opts.organisation ?? opts.theme.organisation });
  const doc = fitNotePages(typesetLocated(opts.templates, 'handbook.hbs', view, fonts, opts.theme.paper.punctuation));
  return { doc, pages: handbookPages(doc, opts.bank) };
}

/**
 * Which fold sheets fit a printed sheet: A5 pages go 2-up on A4 (one spread a side), A6 pages
 * 4-up on A4 (two spreads a side, cut apart and stacked), A7 on A5 likewise 4-up.
 */
export function signaturesFor(size: HandbookSize, sheet: SheetSize): 1 | 2 {
  const rank = { a7: 7, a6: 6, a5: 5, a4: 4 } as const;
  return rank[size] - rank[sheet] >= 2 ? 2 : 1;
}

export interface HandbookFiles {
  doc: LaidOutDocument;
  pages: Map<string, number>;
  pdf: Buffer;
  imposed?: { pdf: Buffer; imposition: SaddleImposition };
}

export function renderHandbook(opts: HandbookLayoutOptions & { impose: Imposition; sheet: SheetSize }): HandbookFiles {
  const fonts = opts.fonts ?? loadFonts(themeFontConfig(opts.theme));
  const { doc, pages } = layoutHandbook({ ...opts, fonts });
  const backend = opts.pdfBackend ?? 'auto';
  const out: HandbookFiles = { doc, pages, pdf: writePdf(doc, fonts, { backend }) };
  if (opts.impose === 'saddle') {
    const imposition = saddleStitch(doc.pages, { sheet: opts.sheet === 'a4' ? 'A4' : 'A5', signatures: signaturesFor(opts.size, opts.sheet) });
    out.imposed = { pdf: writePdf(doc, fonts, { sheets: imposition.sheets, backend }), imposition };
  }
  return out;
}
