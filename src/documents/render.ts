// Manifest + bank → the exam documents as PDF bytes (and the sheet geometry), per variant.
// Pure apart from reading templates: the CLI decides where the bytes go.
import { basename } from 'node:path';
import type { Manifest } from '../assemble/manifest.js';
import { resolveVariant } from '../assemble/resolve.js';
import type { Bank } from '../bank/schema.js';
import { loadFonts } from '../typeset/fonts/index.js';
import { typeset } from '../typeset/index.js';
import { writePdf, type PdfBackendChoice } from '../typeset/pdf/index.js';
import { TypesetError, type FontSet, type LaidOutDocument } from '../typeset/types.js';
import { organisationOf, paperId, type PaperSize } from './common.js';
import { keyView } from './key.js';
import { paperView } from './paper.js';
import { serializeGeometry, sheetView } from './sheet.js';
import { specView } from './spec.js';
import type { TemplateSet } from './templates.js';
import { themeFontConfig, type Theme } from './theme.js';

import { DOCUMENT_KINDS, type DocumentKind } from '../kinds.js';
import { safeFileName } from '../names.js';

export { DOCUMENT_KINDS, type DocumentKind };

export interface RenderExamOptions {
  manifest: Manifest;
  bank: Bank;
  templates: TemplateSet;
  theme: Theme;
  size: PaperSize;
  seal: boolean;
  only: readonly DocumentKind[];
  fonts?: FontSet;
  /** Handbook page of each norm id, for "见手册 3.2.1（第 14 页）" in keys. */
  handbookPages?: ReadonlyMap<string, number>;
  /** Which PDF backend writes the files (default auto). */
  pdfBackend?: PdfBackendChoice;
}

export interface RenderedFile {
  /** File name, e.g. standard-A-paper.pdf or standard-A-sheet.json. */
  name: string;
  kind: DocumentKind | 'geometry';
  variant: string;
  bytes: Buffer;
  /** PDF pages; 0 for the geometry JSON. */
  pages: number;
}

/** "standard.yaml" → "standard": the stem every output file name starts with. */
export function outputStem(manifest: Manifest): string {
  return basename(manifest.blueprint.file || 'paper').replace(/\.ya?ml$/i, '') || 'paper';
}

/** Every requested document of every variant, in variant then kind order. */
export async function renderExamDocuments(opts: RenderExamOptions): Promise<RenderedFile[]> {
  const out: RenderedFile[] = [];
  for (let i = 0; i < opts.manifest.variants.length; i++) out.push(...(await renderVariantDocuments(opts, i)));
  return out;
}

/**
 * The requested documents of variant `index` (0-based): a pure function of the manifest, the
 * bank, the templates and the variant, so a big sitting can be split across workers or machines.
 */
export async function renderVariantDocuments(opts: RenderExamOptions, index: number): Promise<RenderedFile[]> {
  const fonts = opts.fonts ?? loadFonts(themeFontConfig(opts.theme));
  const { manifest, bank, theme } = opts;
  const organisation = organisationOf(manifest, theme);
  const bp = manifest.blueprint.content;
  const stem = outputStem(manifest);
  const page = { size: opts.size, seal: opts.seal, organisation };
  const out: RenderedFile[] = [];
  const pdf = async (template: string, view: object) => {
    const doc = typesetLocated(opts.templates, template, view, fonts, theme.paper.punctuation);
    return { bytes: writePdf(doc, fonts, { backend: opts.pdfBackend ?? 'auto' }), pages: doc.pages.length };
  };
  const variant = resolveVariant(bank, manifest, index);
  const label = variant.label;
  const name = (kind: string, ext = 'pdf') => `${stem}-${safeFileName(label)}-${kind}.${ext}`;
  for (const kind of DOCUMENT_KINDS) {
    if (!opts.only.includes(kind)) continue;
    if (kind === 'paper') out.push({ name: name(kind), kind, variant: label, ...(await pdf('paper.hbs', paperView(variant, bp, theme, page))) });
    if (kind === 'key') out.push({ name: name(kind), kind, variant: label, ...(await pdf('key.hbs', keyView(variant, bank, bp, theme, { ...page, ...(opts.handbookPages ? { handbookPages: opts.handbookPages } : {}) }))) });
    if (kind === 'spec') out.push({ name: name(kind), kind, variant: label, ...(await pdf('spec.hbs', specView(variant, bank, bp, theme, page))) });
    if (kind === 'sheet') {
      const view = sheetView(variant, manifest, theme, { organisation, paperId: paperId(manifest) });
      out.push({ name: name(kind), kind, variant: label, ...(await pdf('sheet.hbs', view)) });
      out.push({ name: name(kind, 'json'), kind: 'geometry', variant: label, bytes: Buffer.from(serializeGeometry(view.geometry)), pages: 0 });
    }
  }
  return out;
}

/**
 * Typeset a template's output. Markup is rendered without source markers (smaller, faster to
 * parse); when it fails, it is rendered again with them, so the error names the template line.
 */
export function typesetLocated(templates: TemplateSet, template: string, view: object, fonts: FontSet, punctuation?: Theme['paper']['punctuation']): LaidOutDocument {
  const opts = { template, fonts, ...(punctuation ? { punctuation } : {}) };
  try {
    return typeset(templates.render(template, view), opts);
  } catch (err) {
    if (!(err instanceof TypesetError)) throw err;
    typeset(templates.render(template, view, { locate: true }), opts);
    throw err;
  }
}
