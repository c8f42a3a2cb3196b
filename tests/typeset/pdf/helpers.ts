// Shared by the PDF writer tests: boxes from real fonts, and a temp folder. PDFs are read back
// with tests/support/pdf.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FontSet, TextBox } from '../../../src/typeset/types.js';

export const tmp = mkdtempSync(join(tmpdir(), 'exampress-pdf-'));

/** A text box with natural advances plus `spacing` after each character. */
export function textBox(fonts: FontSet, x: number, y: number, text: string, face = 'serif-regular', size = 12, spacing = 0): TextBox {
  const f = fonts.faces().find((ff) => ff.key === face)!;
  const dx: number[] = [];
  let pen = 0;
  for (const c of text) {
    dx.push(pen);
    pen += f.advance(c.codePointAt(0)!) * size + spacing;
  }
  return { kind: 'text', x, y, face, size, text, dx };
}
