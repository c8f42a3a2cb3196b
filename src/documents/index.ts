// The documents stage: manifest + bank → view models → handlebars → markup → PDF.
export { DOCUMENT_KINDS, outputStem, renderExamDocuments, renderVariantDocuments, type DocumentKind, type RenderedFile, type RenderExamOptions } from './render.js';
export { loadTemplates, TemplateError, type TemplateSet } from './templates.js';
export { loadTheme, themeFontConfig, ThemeSchema, type Theme } from './theme.js';
export { PAPER_SIZES, paperId, type PaperSize } from './common.js';
export { paperView, type PaperView } from './paper.js';
export { keyView, printedAnswer, type KeyView } from './key.js';
export { sheetView, SHEET_GEOMETRY_FORMAT, type SheetGeometry } from './sheet.js';
export { specView, type SpecView } from './spec.js';
export { stemSegments, type Segment } from './stem.js';
