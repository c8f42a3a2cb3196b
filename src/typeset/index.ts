// The typesetting entry point: markup text → laid-out pages (→ PDF).
import { loadFonts } from './fonts/index.js';
import { layoutDocument, type LayoutOptions } from './layout/index.js';
import { parseMarkup } from './markup/parse.js';
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
