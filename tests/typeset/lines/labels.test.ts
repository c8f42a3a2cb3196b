// List labels at the start of a paragraph or line: "1. 对于" keeps its word space, and a
// label like "A." is never left alone at the end of a line.
import { describe, expect, test } from 'vitest';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { InlineItem, SetLine } from '../../../src/typeset/types.js';
import { fakeFonts } from './fakeFonts.js';
import { left, SIZE, text, xOf } from './helpers.js';

const fonts = fakeFonts();
const EM = SIZE;
const WIDE = 40 * EM;

function oneLine(items: InlineItem[]): SetLine {
  const lines = setParagraph(items, left, WIDE, fonts);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('a list number at the start of a paragraph keeps the space after it', () => {
  test.each([
    ['1. 对于严重', '.', '对'],
    ['12. 客户投诉', '.', '客'],
    ['A. 调离原岗位', '.', '调'],
    ['(1) 客户', ')', '客'],
    ['3) 客户', ')', '客'],
  ])('%s', (t, mark, next) => {
    const line = oneLine([text(t)]);
    expect(line.text).toBe(t);
    // The mark's half-em advance, then a quarter-em space.
    expect(xOf(line, next) - xOf(line, mark)).toBeCloseTo(0.5 * EM + 0.25 * EM, 6);
  });

  test('also at the start of a line after a forced break', () => {
    const lines = setParagraph([text('甲'), { kind: 'break' }, text('2. 乙丙')], left, WIDE, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲', '2. 乙丙']);
  });

  test('the space survives a newline from the template and spans of another style', () => {
    const line = oneLine([text('1.'), text('\n  对于')]);
    expect(line.text).toBe('1. 对于');
  });

  test('ASCII punctuation inside running text still drops the space before CJK', () => {
    expect(oneLine([text('经理, 必须')]).text).toBe('经理,必须');
    expect(oneLine([text('部; 挺')]).text).toBe('部;挺');
    expect(oneLine([text('如下 1. 客户')]).text).toBe('如下 1.客户');
    expect(oneLine([text('ABC. 客户')]).text).toBe('ABC.客户');
    expect(oneLine([text('1; 客户')]).text).toBe('1;客户');
  });

  test('the label space is not stretched by justification', () => {
    const lines = setParagraph([text('1. 甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛')], { align: 'justify', indent: 0, lineHeight: 1.5 }, 10.3 * EM, fonts);
    const first = lines[0]!;
    expect(first.justified).toBe(true);
    expect(xOf(first, '甲') - xOf(first, '.')).toBeCloseTo(0.75 * EM, 6);
  });
});

describe('a label is never left alone at the end of a line', () => {
  // An options cell: the label, a pad box to the label column, then the option's text.
  const pad = (w: number): InlineItem => ({ kind: 'box', width: w, ascent: 0, descent: 0, boxes: [] });
  const cell = { align: 'left', indent: 0, hang: 1.4 * EM, lineHeight: 1.5 } as const;

  test.each(['A.', 'A\u3001', '(A)', '\uFF08A\uFF09', '1.'])('%s with a first word wider than the cell', (label) => {
    const labelWidth = [...label].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x2000 ? 0.5 : 1) * EM, 0);
    const items = [text(label), pad(0.4 * EM), text('ABCDEFGHIJ系统')];
    const lines = setParagraph(items, { ...cell, hang: labelWidth + 0.4 * EM }, labelWidth + 0.4 * EM + 3 * EM, fonts);
    expect(lines[0]!.text, lines.map((l) => l.text).join('|')).not.toBe(label);
    expect(lines[0]!.text.startsWith(`${label}A`)).toBe(true);
  });

  test('a cell narrower than the label and its first character gets them on one overfull line', () => {
    const lines = setParagraph([text('A.'), pad(0.4 * EM), text('调离原岗位')], cell, 1.2 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['A.调', '离', '原', '岗', '位']);
  });

  test('in a justified paragraph the label and its first character stay on one line', () => {
    // Total fit would rather set "1." alone than spread 须（）。 over a loose line.
    for (let w = 2.5; w <= 8; w += 0.25) {
      const lines = setParagraph([text('1. 对'), { kind: 'bracket', style: { family: 'serif', bold: false, size: SIZE } }, text('。')],
        { align: 'justify', indent: 0, hang: 1.5 * EM, lineHeight: 1.5 }, w * EM, fonts);
      expect(lines[0]!.text, `width ${w} em: ${lines.map((l) => l.text).join('|')}`).toMatch(/^1\. 对/);
    }
  });
});
