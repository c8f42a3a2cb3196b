// LaidOutDocument → PDF bytes through the backend the options choose (backend.ts).
import { closeFontFiles } from '../fonts/face.js';
import type { FontSet, LaidOutDocument } from '../types.js';
import { checkWritable, chooseBackend, FIXED_DATE, type PdfBackend, type PdfBackendName, type WritePdfOptions } from './backend.js';
import { fastBackend } from './file.js';
import { pdfkitBackend } from './pdfkit.js';

export const BACKENDS: Record<PdfBackendName, PdfBackend> = { fast: fastBackend, pdfkit: pdfkitBackend };

/** Writes the document as PDF and returns its bytes. Identical input gives byte-identical output. */
export function writePdf(doc: LaidOutDocument, fonts: FontSet, options: WritePdfOptions = {}): Buffer {
  checkWritable(doc, options);
  const backend = chooseBackend(options.backend ?? 'auto', doc, fonts, BACKENDS);
  try {
    return backend.write(doc, fonts, { ...options, date: options.date ?? FIXED_DATE });
  } finally {
    // No font file stays open once a document is written (the next read opens it again).
    closeFontFiles();
  }
}

/** The backend `auto` (or the given choice) would use for this document. */
export function backendFor(doc: LaidOutDocument, fonts: FontSet, choice: WritePdfOptions['backend'] = 'auto'): PdfBackendName {
  return chooseBackend(choice, doc, fonts, BACKENDS).name;
}
