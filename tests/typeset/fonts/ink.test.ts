// A glyph's ink extent, read by us (glyf headers, CFF charstrings run), against fontkit's bbox.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fontkitFontOf, loadFonts } from '../../../src/typeset/fonts/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/fonts/${name}`, import.meta.url));
const MARKS = [...'。、，．：；？！）」』】〕〉》”’（「『【〔〈《“‘—…·中国A1'];

describe.each([
  ['the bundled fonts', loadFonts()],
  ['Droid Sans Fallback (TrueType)', loadFonts({ families: { serif: { regular: fixture('DroidSansFallback-exam.ttf') } } })],
  ['Noto Serif CJK with subroutines', loadFonts({ families: { serif: { regular: fixture('NotoSerifCJKsc-exam.otf') } } })],
  ['a collection face', loadFonts({ families: { serif: { regular: `${fixture('ExamCollection.ttc')}#DroidSansFallback` } } })],
])('ink extents of %s', (_, fonts) => {
  it('agree with fontkit’s glyph boxes (control points may reach a little beyond the ink)', () => {
    for (const face of fonts.faces()) {
      const font = fontkitFontOf(face);
      for (const ch of MARKS) {
        const cp = ch.codePointAt(0)!;
        if (!face.hasChar(cp)) continue;
        const box = font.glyphForCodePoint(cp).bbox;
        const ours = face.inkExtent!(cp)!;
        expect(ours, `${face.key} ${ch}`).toBeDefined();
        expect(ours[0], `${face.key} ${ch} left`).toBeLessThanOrEqual(box.minX / font.unitsPerEm + 1e-9);
        expect(ours[0], `${face.key} ${ch} left`).toBeGreaterThan(box.minX / font.unitsPerEm - 0.03);
        expect(ours[1], `${face.key} ${ch} right`).toBeGreaterThanOrEqual(box.maxX / font.unitsPerEm - 1e-9);
        expect(ours[1], `${face.key} ${ch} right`).toBeLessThan(box.maxX / font.unitsPerEm + 0.03);
      }
      expect(face.inkExtent!(0x20)).toBeUndefined();
    }
  });
});
