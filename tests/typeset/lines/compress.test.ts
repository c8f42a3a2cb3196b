// Punctuation compression as shrink (clreq 3.1.6, as Typst does it): before a line is stretched
// it may take one more character by setting full-width marks inside it half width. Measured as
// the issue measured Typst: three 1,700-character paragraphs of the seed's prose, eleven
// measures from 20.37 to 40.37 em, justified.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fontkitFontOf, loadFonts } from '../../../src/typeset/fonts/index.js';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { FontFace, PunctuationMode } from '../../../src/typeset/types.js';
import { lineProblems } from './checkLines.js';

const fonts = loadFonts();
const SIZE = 10.5;
const seed = readFileSync(fileURLToPath(new URL('../../fixtures/import/seed.txt', import.meta.url)), 'utf8');
const prose = seed
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 30 && [...l].every((c) => fonts.faceFor(c.codePointAt(0)!, 'serif', false)))
  .join('');
const paragraphs = [0, 1, 2].map((i) => prose.slice(i * 1700, (i + 1) * 1700));
const ink = (face: FontFace, cp: number) => {
  const font = fontkitFontOf(face);
  const box = font.glyphForCodePoint(cp).bbox;
  return box.maxX > box.minX ? ([box.minX / font.unitsPerEm, box.maxX / font.unitsPerEm] as const) : undefined;
};

function setAll(punctuation: PunctuationMode): { lines: number; problems: string[] } {
  let lines = 0;
  const problems: string[] = [];
  for (let k = 0; k <= 10; k++) {
    const width = (20.37 + 2 * k) * SIZE;
    for (const p of paragraphs) {
      const set = setParagraph([{ kind: 'text', text: p, style: { family: 'serif', bold: false, size: SIZE } }], { align: 'justify', indent: 0, lineHeight: 1.5, punctuation }, width, fonts);
      lines += set.length;
      problems.push(...lineProblems(p, set, fonts, { width, justify: true, ink }));
    }
  }
  return { lines, problems };
}

describe('punctuation compression on the seed prose', () => {
  const compressed = setAll('compress');
  const full = setAll('full-width');

  it('keeps every rule either way: kinsoku, no ink overlap, continued lines flush', () => {
    expect(paragraphs.map((p) => p.length)).toEqual([1700, 1700, 1700]);
    expect(compressed.problems.slice(0, 10)).toEqual([]);
    expect(full.problems.slice(0, 10)).toEqual([]);
  });

  it('sets the paragraphs in fewer lines than full-width punctuation, and than before compression was preferred (1,823)', () => {
    expect(compressed.lines).toBeLessThan(full.lines);
    expect(compressed.lines).toBeLessThanOrEqual(1800);
  });
});
