// The one boundary between layout and PDF: a backend takes the laid-out pages and the fonts
// they were measured with and returns the file's bytes. Two backends:
// - fast: our own file writer and CFF subsetter (file.ts, cff.ts), for CFF faces without
//   subroutines (the bundled Noto subsets); it loads neither pdfkit nor fontkit;
// - pdfkit: pdfkit through its public API only (pdfkit.ts), for any face fontkit reads
//   (TrueType, collections, CFF with subroutines).
// `auto` takes fast when every face the document uses allows it, else pdfkit.
import type { FontSet, LaidOutDocument } from '../types.js';
import { TypesetError } from '../types.js';
import type { Sheet } from './impose.js';

export const PDF_BACKENDS = ['auto', 'fast', 'pdfkit'] as const;
export type PdfBackendChoice = (typeof PDF_BACKENDS)[number];
export type PdfBackendName = Exclude<PdfBackendChoice, 'auto'>;

export interface WritePdfOptions {
  /** Impose the pages: one output page per sheet, source pages drawn under their transforms. */
  sheets?: Sheet[];
  /** CreationDate and ModDate; fixed by default so identical input gives identical bytes. */
  date?: Date;
  /** The Creator entry of the document information. */
  creator?: string;
  /** Which backend writes the file (default auto). */
  backend?: PdfBackendChoice;
}

/** What every backend is given: the pages, the fonts and the options, already checked. */
export interface PdfBackend {
  name: PdfBackendName;
  /** Why this backend cannot write the document with these fonts, or undefined when it can. */
  unsupported(doc: LaidOutDocument, fonts: FontSet): string | undefined;
  /** The file's bytes; identical input gives identical bytes. */
  write(doc: LaidOutDocument, fonts: FontSet, options: WritePdfOptions & { date: Date }): Buffer;
}

export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** The backend for a choice; `fast` on a face it cannot embed is a TypesetError saying why. */
export function chooseBackend(choice: PdfBackendChoice, doc: LaidOutDocument, fonts: FontSet, backends: Record<PdfBackendName, PdfBackend>): PdfBackend {
  if (choice === 'pdfkit') return backends.pdfkit;
  const reason = backends.fast.unsupported(doc, fonts);
  if (!reason) return backends.fast;
  if (choice === 'fast') throw new TypesetError(`The fast PDF backend cannot write this document: ${reason}. Use --pdf-backend pdfkit (or auto).`);
  return backends.pdfkit;
}

/** Checks the document has something to write, and every sheet places pages it has. */
export function checkWritable(doc: LaidOutDocument, options: WritePdfOptions): void {
  if (doc.pages.length === 0 || options.sheets?.length === 0) {
    throw new TypesetError('The document has no pages to write.');
  }
  for (const [s, sheet] of (options.sheets ?? []).entries()) {
    const missing = sheet.placements.find((p) => !doc.pages[p.page]);
    if (missing) throw new TypesetError(`Sheet ${s + 1} places page ${missing.page + 1}, but the document has ${doc.pages.length} pages.`);
  }
}
