export { backendFor, writePdf } from './write.js';
export { PDF_BACKENDS, type PdfBackend, type PdfBackendChoice, type PdfBackendName, type WritePdfOptions } from './backend.js';
export { bookletOrder, fitInCell, nUp, PAPER, type Matrix, type NUpOptions, type Placement, type Sheet } from './impose.js';
export { pdfColor, pdfNumber, writeBoxes, type EncodedFont, type GlyphEncoder } from './content.js';
