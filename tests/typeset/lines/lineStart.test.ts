// An opening mark at the start of a line (other than the paragraph's first line) is set
// half width: its blank left half hangs before the line's edge, its ink starts at the edge.
import { describe, expect, test } from 'vitest';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { LineSegBox } from '../../../src/typeset/types.js';
import { fakeFonts } from './fakeFonts.js';
import { glyphs, justified, left, SIZE, style, text } from './helpers.js';

const fonts = fakeFonts();
const EM = SIZE;
const OPENERS = ['\uFF08', '\u300A', '\u201C', '\u300C', '\u3010']; // （《“「【
const CLOSERS = ['\uFF09', '\u300B', '\u201D', '\u300D', '\u3011'];

describe('an opening mark starting a line', () => {
  test.each(OPENERS.map((o, k) => [o, CLOSERS[k]!]))('%s loses its left half em and makes room for half an em more', (open, close) => {
    // Line 2 holds the mark, nine ideographs and the closing mark: 10.5 em natural, 10 em once
    // both blanks at the line's ends are trimmed.
    const para = `甲乙丙丁戊己庚辛壬癸${open}子丑寅卯辰巳午未申${close}`;
    const lines = setParagraph([text(para)], { align: 'left', indent: 2 * EM, hang: 2 * EM, lineHeight: 1.5 }, 12 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲乙丙丁戊己庚辛壬癸', `${open}子丑寅卯辰巳午未申${close}`]);
    const g = glyphs(lines[1]!);
    expect(g[0]!.x).toBeCloseTo(2 * EM - 0.5 * EM, 6);
    expect(g[1]!.x).toBeCloseTo(2 * EM + 0.5 * EM, 6);
    expect(lines[1]!.contentWidth).toBeCloseTo(12 * EM, 6);
  });

  test('on the paragraph’s first line keeps its full em (the indent is the paragraph’s mark)', () => {
    const [line] = setParagraph([text('“甲乙”丙')], { align: 'left', indent: 2 * EM, lineHeight: 1.5 }, 20 * EM, fonts);
    expect(glyphs(line!)[0]!.x).toBeCloseTo(2 * EM, 6);
  });

  test('after a forced break is a line start too', () => {
    const lines = setParagraph([text('甲'), { kind: 'break' }, text('《乙》')], left, 20 * EM, fonts);
    expect(glyphs(lines[1]!)[0]!.x).toBeCloseTo(-0.5 * EM, 6);
    expect(lines[1]!.contentWidth).toBeCloseTo(2 * EM, 6);
  });

  test('justified lines starting with one still reach the measure exactly', () => {
    let seen = 0;
    for (let w = 8; w <= 14; w += 0.1) {
      const para = '甲乙丙丁戊己庚辛壬癸“子丑寅卯”辰巳午未申酉，《戌亥甲乙丙丁》戊己庚辛壬（癸子丑）寅卯辰巳午未申酉戌亥。';
      const lines = setParagraph([text(para)], justified, w * EM, fonts);
      lines.forEach((l, k) => {
        if (k === 0 || !OPENERS.includes(l.text[0]!)) return;
        seen++;
        expect(glyphs(l)[0]!.x, `${w} em: ${l.text}`).toBeCloseTo(-0.5 * EM, 6);
        if (k < lines.length - 1) {
          expect(l.justified).toBe(true);
          expect(Math.abs(l.contentWidth - w * EM)).toBeLessThan(0.01);
        }
      });
    }
    expect(seen).toBeGreaterThan(5);
  });

  test('an underline starting with it starts at its ink, not at its blank', () => {
    const items = [text('甲乙丙丁'), text('“子丑”', style({ underline: true }))];
    const lines = setParagraph(items, left, 4 * EM, fonts);
    expect(lines[1]!.text).toBe('“子丑”');
    const seg = lines[1]!.boxes.find((b): b is LineSegBox => b.kind === 'line')!;
    expect(seg.x1).toBeCloseTo(0, 6);
  });
});
