// The typesetting entry point: markup text → laid-out pages (→ PDF).
import { loadFonts } from './fonts/index.js';
import { layoutDocument, type LayoutOptions } from './layout/index.js';
import { parseMarkup } from './markup/parse.js';
import { writePdf, type WritePdfOptions } from './pdf/index.js';
import type { ElementNode, FontSet, LaidOutDocument } from './types.js';

export { parseMarkup } from './markup/parse.js';
export { layoutDocument, type LayoutOptions } from './layout/index.js';
export { MARKUP_SPEC } from './markup/spec.js';
export * from './types.js';

export interface TypesetOptions extends LayoutOptions {
  /** Template name for error locations, e.g. "paper.hbs". */
  template: string;
  /** Fonts to measure with; default loadFonts() (loaded once per process). */
  fonts?: FontSet;
}

/** Markup → pages of positioned boxes. Throws TypesetError (located) for bad markup or text no font can draw. */
export function typeset(xml: string, opts: TypesetOptions): LaidOutDocument {
  const root: ElementNode = parseMarkup(xml, opts.template);
  return layoutDocument(root, opts.fonts ?? loadFonts(), opts);
}

export interface RenderOptions extends TypesetOptions {
  /** Imposition and PDF metadata, passed to writePdf. */
  pdf?: WritePdfOptions;
}

/** Markup → PDF bytes: typeset, then write with the same fonts. */
export async function renderPdf(xml: string, opts: RenderOptions): Promise<Buffer> {
  const fonts = opts.fonts ?? loadFonts();
  const doc = typeset(xml, { ...opts, fonts });
  return writePdf(doc, fonts, opts.pdf);
}
