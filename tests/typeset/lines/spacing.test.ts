// Punctuation squeezing, CJK-Latin spacing and whitespace collapsing, on round-number fonts.
import { describe, expect, test } from 'vitest';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { SetLine } from '../../../src/typeset/types.js';
import { fakeFonts } from './fakeFonts.js';
import { glyphs, left, SIZE, text, xOf } from './helpers.js';

const fonts = fakeFonts();
const EM = SIZE;
const WIDE = 40 * EM;

function oneLine(t: string): SetLine {
  const lines = setParagraph([text(t)], left, WIDE, fonts);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('adjacent full-width punctuation is squeezed to 1.5 em', () => {
  test.each([
    ['甲。」乙', '。', '乙'],
    ['甲”，乙', '”', '乙'],
    ['甲）。乙', '）', '乙'],
    ['甲，“乙', '，', '乙'],
    ['甲》、乙', '》', '乙'],
    ['甲「『乙', '「', '乙'],
  ])('%s: the pair takes 1.5 em', (t, first, after) => {
    const line = oneLine(t);
    expect(xOf(line, after) - xOf(line, first)).toBeCloseTo(1.5 * EM, 6);
  });

  test('an opening mark gives up its left blank: its glyph moves left, the mark before keeps its place', () => {
    const line = oneLine('甲，“乙');
    // ， keeps its natural position; “ starts half an em early (its ink sits on the right half).
    expect(xOf(line, '，')).toBeCloseTo(1 * EM, 6);
    expect(xOf(line, '“')).toBeCloseTo(1.5 * EM, 6);
  });

  test('an opening then a closing mark are not squeezed (their blanks face outwards)', () => {
    const line = oneLine('甲「」乙');
    expect(xOf(line, '乙') - xOf(line, '「')).toBeCloseTo(2 * EM, 6);
  });

  test('a single mark between ideographs keeps its full em', () => {
    const line = oneLine('甲，乙');
    expect(xOf(line, '乙') - xOf(line, '，')).toBeCloseTo(1 * EM, 6);
  });

  test('trailing punctuation loses its blank at the end of a line', () => {
    const line = oneLine('甲乙。');
    expect(line.contentWidth).toBeCloseTo(2.5 * EM, 6);
    expect(line.naturalWidth).toBeCloseTo(2.5 * EM, 6);
  });

  test('half-width (ASCII) punctuation is never squeezed', () => {
    const line = oneLine('甲,)乙');
    expect(xOf(line, '乙') - xOf(line, ',')).toBeCloseTo(1 * EM, 6);
  });
});

describe('CJK-Latin spacing', () => {
  test('a quarter em goes between an ideograph and a Latin letter or digit', () => {
    const line = oneLine('A卷');
    expect(xOf(line, '卷') - xOf(line, 'A')).toBeCloseTo(0.5 * EM + 0.25 * EM, 6);
    const num = oneLine('15-20个');
    expect(xOf(num, '个') - xOf(num, '0')).toBeCloseTo(0.75 * EM, 6);
    const before = oneLine('年2011');
    expect(xOf(before, '2') - xOf(before, '年')).toBeCloseTo(1.25 * EM, 6);
  });

  test('an explicit space is kept instead (no extra quarter em)', () => {
    const line = oneLine('A 卷');
    expect(line.text).toBe('A 卷');
    expect(xOf(line, '卷') - xOf(line, 'A')).toBeCloseTo(0.5 * EM + 0.25 * EM, 6);
  });

  test('no space next to punctuation', () => {
    const line = oneLine('80%的');
    expect(xOf(line, '的') - xOf(line, '%')).toBeCloseTo(0.5 * EM, 6);
    const paren = oneLine('（A）');
    expect(xOf(paren, 'A') - xOf(paren, '（')).toBeCloseTo(1 * EM, 6);
  });

  test('the quarter em vanishes at a line break', () => {
    // 4 em measure: 甲乙丙丁 fill the line, ABCD starts the next one at x = 0.
    const lines = setParagraph([text('甲乙丙丁ABCDEFGH')], left, 4 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲乙丙丁', 'ABCDEFGH']);
    expect(glyphs(lines[1]!)[0]!.x).toBe(0);
    expect(lines[0]!.contentWidth).toBeCloseTo(4 * EM, 6);
  });
});

describe('whitespace', () => {
  test('runs collapse to one space between Latin words and vanish between CJK characters', () => {
    expect(oneLine('  AFP \n\t PBMS  ').text).toBe('AFP PBMS');
    expect(oneLine('客户\n    经理').text).toBe('客户经理');
    expect(oneLine('经理,\n  必须').text).toBe('经理,必须');
  });

  test('whitespace across items collapses the same way', () => {
    const lines = setParagraph([text('客户 '), text(' 经理 '), text(' ABC')], left, WIDE, fonts);
    expect(lines[0]!.text).toBe('客户经理 ABC');
  });

  test('a paragraph of only whitespace sets no lines', () => {
    expect(setParagraph([text(' \n ')], left, WIDE, fonts)).toEqual([]);
  });
});

describe('invisible and no-break characters', () => {
  test('zero-width spaces, joiners and soft hyphens are dropped, not drawn or reported', () => {
    expect(oneLine('客\u200b户\u00ad经\ufeff理').text).toBe('客户经理');
  });

  test('a no-break space is kept and never broken at', () => {
    const lines = setParagraph([text('甲乙丙 ABC\u00a0DEF')], left, 5 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲乙丙', 'ABC\u00a0DEF']);
  });
});
