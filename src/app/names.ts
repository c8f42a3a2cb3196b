// File names and lists the CLI and the web page both use, defined once (here or in the stage
// that decides them, re-exported here).
export { DOCUMENT_KINDS, HANDBOOK_SIZES, IMPOSITIONS, PAPER_SIZES, SHEETS, type DocumentKind, type HandbookSize, type Imposition, type PaperSize, type SheetSize } from '../kinds.js';
export { IMPORT_EXTENSIONS } from '../bank/import/file.js';

/** What was drawn: beside the documents it belongs to. */
export const MANIFEST_FILE = 'manifest.json';
/** What scan read: one row per sheet, one column per question. */
export const RESPONSES_FILE = 'responses.csv';
/** The doubtful marks with their crops, for a person. */
export const REVIEW_FILE = 'review.html';
export const HANDBOOK_FILE = 'handbook.pdf';
export const IMPOSED_FILE = 'handbook-imposed.pdf';
/** Grading's outputs. */
export const SCORES_FILE = 'scores.csv';
export const ITEMS_FILE = 'items.csv';
export const RESULTS_FILE = 'results.pdf';
/** The scans `scan` reads. */
export const SCAN_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.pdf'] as const;
