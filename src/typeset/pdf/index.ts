export { writePdf, type WritePdfOptions } from './write.js';
export { bookletOrder, fitInCell, nUp, PAPER, type Matrix, type NUpOptions, type Placement, type Sheet } from './impose.js';
export { pdfColor, pdfNumber, writeBoxes, type EncodedFont, type GlyphEncoder } from './content.js';
