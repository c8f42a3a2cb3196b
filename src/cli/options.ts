// Options that several commands share, as yargs builders.
import type { Argv } from 'yargs';
import { PDF_BACKENDS, type PdfBackendChoice } from '../typeset/pdf/backend.js';

/** `--pdf-backend auto|fast|pdfkit` for every command that writes a PDF. */
export function withPdfBackendOption<T>(y: Argv<T>) {
  return y.option('pdf-backend', {
    choices: PDF_BACKENDS,
    default: 'auto' as PdfBackendChoice,
    describe: 'who writes the PDF: fast (our writer, the bundled fonts and other CFF fonts without subroutines), pdfkit (any font), auto (fast when every font allows it)',
  });
}

/** The backend chosen on the command line (auto when the option is absent). */
export function pdfBackendOf(args: object): PdfBackendChoice {
  const value = (args as { 'pdf-backend'?: unknown })['pdf-backend'];
  return (PDF_BACKENDS as readonly unknown[]).includes(value) ? (value as PdfBackendChoice) : 'auto';
}
