// Names every stage and both front ends share, defined once: the documents of an exam, the
// paper and handbook sizes, the handbook's imposition and sheets. (The bank's config validates
// against these lists, the documents stage renders them, the CLI and the web page offer them.)

/** The documents printed per variant, in print order. */
export const DOCUMENT_KINDS = ['paper', 'key', 'sheet', 'spec'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Exam paper sizes: A4, B5, or A3 landscape in two columns (8开). */
export const PAPER_SIZES = ['a4', 'b5', 'a3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Handbook page sizes. */
export const HANDBOOK_SIZES = ['a6', 'a5', 'a7'] as const;
export type HandbookSize = (typeof HANDBOOK_SIZES)[number];

/** How the handbook is imposed for printing: not at all, or for saddle stitching. */
export const IMPOSITIONS = ['none', 'saddle'] as const;
export type Imposition = (typeof IMPOSITIONS)[number];

/** The paper an imposed handbook is printed on. */
export const SHEETS = ['a4', 'a5'] as const;
export type SheetSize = (typeof SHEETS)[number];
