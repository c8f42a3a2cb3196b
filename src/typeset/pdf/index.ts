export { backendFor, writePdf } from './write.js';
export { PDF_BACKENDS, type PdfBackend, type PdfBackendChoice, type PdfBackendName, type WritePdfOptions } from './backend.js';
export { bookletOrder, cropMarks, fitInCell, nUp, PAPER, saddleStitch, type Matrix, type NUpOptions, type Placement, type SaddleImposition, type SaddleOptions, type Sheet, type Trim } from './impose.js';
export { pdfColor, pdfNumber, writeBoxes, type EncodedFont, type GlyphEncoder } from './content.js';
