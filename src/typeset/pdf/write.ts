// LaidOutDocument → PDF bytes: our own file writer when it can embed every face used (the
// bundled CFF fonts), else pdfkit's (loaded only then).
import type { FontSet, LaidOutDocument } from '../types.js';
import { TypesetError } from '../types.js';
import { canWriteOwnFile, writeOwnFile } from './file.js';
import { FIXED_DATE, writePdfWithPdfkit, type WritePdfOptions } from './write-pdfkit.js';

export type { WritePdfOptions } from './write-pdfkit.js';

/** Writes the document as PDF and returns its bytes. Identical input gives byte-identical output. */
export function writePdf(doc: LaidOutDocument, fonts: FontSet, options: WritePdfOptions = {}): Buffer {
  if (doc.pages.length === 0 || options.sheets?.length === 0) {
    throw new TypesetError('The document has no pages to write.');
  }
  if (options.cffSubsetter !== 'fontkit' && canWriteOwnFile(doc, fonts)) {
    return writeOwnFile(doc, fonts, options, options.date ?? FIXED_DATE);
  }
  return writePdfWithPdfkit(doc, fonts, options);
}
