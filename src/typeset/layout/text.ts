// Short single-run labels that need no line breaking (bubble letters, page numbers in the
// toc, seal text): one TextBox in one face, advances from the font.
import type { FontSet, TextBox } from '../types.js';

export function textWidth(fonts: FontSet, family: string, bold: boolean, size: number, text: string, tracking = 0): number {
  const face = fonts.face(family, bold);
  let w = 0;
  for (const ch of text) w += face.advance(ch.codePointAt(0)!) * size + tracking;
  return w - (text ? tracking : 0);
}

/** A run starting at (x, baseline y); `tracking` adds space between characters. */
export function textBox(fonts: FontSet, family: string, bold: boolean, size: number, text: string, x: number, y: number, tracking = 0): TextBox {
  const face = fonts.face(family, bold);
  const dx: number[] = [];
  let at = 0;
  for (const ch of text) {
    dx.push(at);
    at += face.advance(ch.codePointAt(0)!) * size + tracking;
  }
  return { kind: 'text', x, y, face: face.key, size, text, dx };
}
