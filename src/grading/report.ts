// The results report through the same engine as the papers: template → markup → pages → PDF.
import type { TemplateSet } from '../documents/templates.js';
import { loadFonts } from '../typeset/fonts/index.js';
import { typeset } from '../typeset/index.js';
import { writePdf } from '../typeset/pdf/index.js';
import type { FontSet } from '../typeset/types.js';
import type { ResultsView } from './results.js';

export async function renderResultsPdf(view: ResultsView, templates: TemplateSet, fonts: FontSet = loadFonts()): Promise<{ bytes: Buffer; pages: number }> {
  const template = 'results.hbs';
  const doc = typeset(templates.render(template, view), { template, fonts });
  return { bytes: await writePdf(doc, fonts), pages: doc.pages.length };
}
