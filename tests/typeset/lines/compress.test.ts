// Punctuation compression as shrink (clreq 3.1.6, as Typst does it): before a line is stretched
// it may take one more character by setting full-width marks inside it half width. Measured as
// the issue measured Typst: three 1,700-character paragraphs of the seed's prose, eleven
// measures from 20.37 to 40.37 em, justified; once as the seed writes it (Chinese with ASCII
// ",:()", which print narrow and cannot be compressed) and once in the bank's house style (what
// `exampress import` writes and the papers print: full-width ，：（）).
//
// Typst 0.14.2 (run through typst.ts 0.7.0 on typst-lines.typ beside this file: the same Noto
// Serif CJK SC face from fonts/, 10.5 pt, `par(justify: true)`) sets the seed's text in 1,810
// lines and the house-style text in 1,860, and no paragraph at any measure in fewer lines than
// we do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chinesePunctuation } from '../../../src/bank/punctuation.js';
import { fontkitFontOf, loadFonts } from '../../../src/typeset/fonts/index.js';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import { BREAK } from '../../../src/typeset/layout/lines/kinsoku.js';
import { fontCache } from '../../../src/typeset/layout/lines/measure.js';
import { segmentItems } from '../../../src/typeset/layout/lines/segment.js';
import { computeSpacing, lineShrink, lineWidth } from '../../../src/typeset/layout/lines/spacing.js';
import type { FontFace, InlineItem, PunctuationMode } from '../../../src/typeset/types.js';
import { lineProblems } from './checkLines.js';
import { fakeFonts } from './fakeFonts.js';
import { justified, text, xOf } from './helpers.js';

const fonts = loadFonts();
const SIZE = 10.5;
const MEASURES = Array.from({ length: 11 }, (_, k) => (20.37 + 2 * k) * SIZE);
const seed = readFileSync(fileURLToPath(new URL('../../fixtures/import/seed.txt', import.meta.url)), 'utf8');
const proseLines = seed
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 30 && [...l].every((c) => fonts.faceFor(c.codePointAt(0)!, 'serif', false)));
const threeParagraphs = (prose: string) => [0, 1, 2].map((i) => prose.slice(i * 1700, (i + 1) * 1700));
const asWritten = threeParagraphs(proseLines.join(''));
const houseStyle = threeParagraphs(proseLines.map(chinesePunctuation).join(''));
const ink = (face: FontFace, cp: number) => {
  const font = fontkitFontOf(face);
  const box = font.glyphForCodePoint(cp).bbox;
  return box.maxX > box.minX ? ([box.minX / font.unitsPerEm, box.maxX / font.unitsPerEm] as const) : undefined;
};
const items = (p: string): InlineItem[] => [{ kind: 'text', text: p, style: { family: 'serif', bold: false, size: SIZE } }];

function setAll(paragraphs: string[], punctuation: PunctuationMode): { lines: number; problems: string[] } {
  let lines = 0;
  const problems: string[] = [];
  for (const width of MEASURES) {
    for (const p of paragraphs) {
      const set = setParagraph(items(p), { align: 'justify', indent: 0, lineHeight: 1.5, punctuation }, width, fonts);
      lines += set.length;
      problems.push(...lineProblems(p, set, fonts, { width, justify: true, ink }));
    }
  }
  return { lines, problems };
}

/**
 * The fewest lines any breaking can reach under the same rules (kinsoku, every mark compressed
 * as far as its ink allows): fill each line as far as it can shrink. No setting has fewer.
 */
function fewestLines(paragraphs: string[]): number {
  let total = 0;
  for (const width of MEASURES) {
    for (const p of paragraphs) {
      const slots = segmentItems(items(p), fontCache(fonts));
      const sp = computeSpacing(slots, true);
      for (let s = 0; s < slots.n; total++) {
        let end = s + 1;
        for (let e = s + 1; e <= slots.n; e++) {
          if (e < slots.n && sp.brk[e] !== BREAK) continue;
          const tightest = lineWidth(sp, s, e) - lineShrink(sp, s, e);
          if (tightest <= width + 1e-6) end = e;
          else if (tightest > width + 2 * SIZE) break;
        }
        s = end;
      }
    }
  }
  return total;
}

describe('punctuation compression on the seed prose as written (ASCII ",:()")', () => {
  const compressed = setAll(asWritten, 'compress');
  const full = setAll(asWritten, 'full-width');

  it('keeps every rule either way: kinsoku, no ink overlap, continued lines flush', () => {
    expect(asWritten.map((p) => p.length)).toEqual([1700, 1700, 1700]);
    expect(compressed.problems.slice(0, 10)).toEqual([]);
    expect(full.problems.slice(0, 10)).toEqual([]);
  });

  it('takes the fewest lines the rules allow: 1,798, under Typst (1,810), full-width (1,828) and the engine before compression (1,823)', () => {
    expect(compressed.lines).toBe(fewestLines(asWritten));
    expect(compressed.lines).toBeLessThanOrEqual(1798);
    expect(compressed.lines).toBeLessThan(1810);
    expect(compressed.lines).toBeLessThan(full.lines);
  });
});

describe('punctuation compression on the prose in the house style (full-width ，：（）, as imports write it)', () => {
  const compressed = setAll(houseStyle, 'compress');
  const full = setAll(houseStyle, 'full-width');

  it('keeps every rule either way', () => {
    expect(compressed.problems.slice(0, 10)).toEqual([]);
    expect(full.problems.slice(0, 10)).toEqual([]);
  });

  it('sets it in the fewest lines the rules allow: 1,835, 1.3% under Typst (1,860) and 4.4% under full-width (1,920)', () => {
    expect(compressed.lines).toBe(fewestLines(houseStyle));
    expect(compressed.lines).toBeLessThanOrEqual(1835);
    expect(compressed.lines).toBeLessThan(1860);
    expect(full.lines).toBeGreaterThanOrEqual(1920);
  });
});

describe('a line compresses its marks rather than carry its last characters down (round-number fonts)', () => {
  const fake = fakeFonts();
  const EM = SIZE;
  // 21 characters at a 10-em measure: full width they need three lines; with the two 、 of the
  // first line set half width it takes eleven, and the paragraph two.
  const para = '甲乙、丙丁、戊己庚辛壬癸子丑寅卯辰巳午未申';

  it('compress: two lines, the first with both marks half width and flush at both edges', () => {
    const lines = setParagraph([text(para)], { ...justified, punctuation: 'compress' }, 10 * EM, fake);
    expect(lines.map((l) => l.text)).toEqual(['甲乙、丙丁、戊己庚辛壬', '癸子丑寅卯辰巳午未申']);
    expect(xOf(lines[0]!, '丙')).toBeCloseTo(2.5 * EM, 6);
    expect(xOf(lines[0]!, '戊')).toBeCloseTo(5 * EM, 6);
    expect(xOf(lines[0]!, '壬')).toBeCloseTo(9 * EM, 6);
    expect(lines[0]!.contentWidth).toBeCloseTo(10 * EM, 6);
  });

  it('full-width: the marks stay whole and the paragraph takes three lines', () => {
    const lines = setParagraph([text(para)], { ...justified, punctuation: 'full-width' }, 10 * EM, fake);
    expect(lines).toHaveLength(3);
    expect(xOf(lines[0]!, '丙')).toBeCloseTo(3 * EM, 6);
  });
});
