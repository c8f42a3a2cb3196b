// One paper end to end, as a user's process does it: load the typesetting modules and fonts,
// set the markup, write the PDF. `node dist/tests/bench/paper-render.js in.xml out.pdf`;
// bench:paper runs it as a fresh process to measure the cold cost.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderPdf } from '../../src/typeset/index.js';

/** Renders a markup file to a PDF file; returns the page count-free byte length written. */
export async function renderPaperFile(input: string, output: string): Promise<number> {
  const pdf = await renderPdf(readFileSync(input, 'utf8'), { template: input });
  writeFileSync(output, pdf);
  return pdf.length;
}

const [input, output] = process.argv.slice(2);
if (input && output && import.meta.url === `file://${process.argv[1]}`) await renderPaperFile(input, output);
