export { writePdf, type WritePdfOptions } from './write.js';
export { bookletOrder, cropMarks, fitInCell, nUp, PAPER, saddleStitch, type Matrix, type NUpOptions, type Placement, type SaddleImposition, type SaddleOptions, type Sheet, type Trim } from './impose.js';
export { pdfColor, pdfNumber, writeBoxes, type EncodedFont, type GlyphEncoder } from './content.js';
