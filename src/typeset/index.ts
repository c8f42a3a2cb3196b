// The typesetting entry point: markup text → laid-out pages (→ PDF).
import { loadFonts } from './fonts/index.js';
import { layoutDocument, type LayoutOptions } from './layout/index.js';
import { parseMarkup } from './markup/parse.js';
import { writePdf, type WritePdfOptions } from './pdf/index.js';
import { TypesetError, type ElementNode, type FontSet, type LaidOutDocument } from './types.js';

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

/**
 * Markup → pages of positioned boxes, and every problem found, as values: a markup error stops
 * at the first (the tree after it is not what the template meant), but every character no font
 * can draw is reported, each located at its element and question. No doc means nothing to print.
 */
export function typesetChecked(xml: string, opts: TypesetOptions): { doc?: LaidOutDocument; problems: TypesetError[] } {
  try {
    const root: ElementNode = parseMarkup(xml, opts.template);
    const doc = layoutDocument(root, opts.fonts ?? loadFonts(), opts);
    return doc.problems?.length ? { problems: doc.problems } : { doc, problems: [] };
  } catch (err) {
    if (err instanceof TypesetError) return { problems: [err] };
    throw err;
  }
}

/** Markup → pages of positioned boxes. Throws one TypesetError listing every problem (one per line). */
export function typeset(xml: string, opts: TypesetOptions): LaidOutDocument {
  const { doc, problems } = typesetChecked(xml, opts);
  if (doc) return doc;
  if (problems.length === 1) throw problems[0]!;
  const [first] = problems;
  throw new TypesetError(problems.map((p) => p.message).join('\n'), first!.pos, first!.from);
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
