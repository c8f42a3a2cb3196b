// Brackets, blanks, boxes, forced breaks, decorations, indents, alignment and errors.
import { describe, expect, test } from 'vitest';
import { measureInline, setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { CircleBox, InlineItem, LineSegBox, SetLine } from '../../../src/typeset/types.js';
import { TypesetError } from '../../../src/typeset/types.js';
import { fakeFonts } from './fakeFonts.js';
import { glyphs, justified, left, SIZE, style, text, xOf } from './helpers.js';

const fonts = fakeFonts();
const EM = SIZE;

const bracket = (answer?: string): InlineItem =>
  answer === undefined ? { kind: 'bracket', style: style() } : { kind: 'bracket', style: style(), answer };

function lineSegs(line: SetLine): LineSegBox[] {
  return line.boxes.filter((b): b is LineSegBox => b.kind === 'line');
}

describe('the answer bracket', () => {
  test('is full-width parentheses around 2 em of space, 4 em in all', () => {
    const { natural } = measureInline([bracket()], fonts);
    expect(natural).toBeCloseTo(3.5 * EM, 6); // 4 em less the closing paren's trailing blank
    const [line] = setParagraph([text('必须'), bracket(), text('。')], left, 20 * EM, fonts);
    expect(line!.text).toBe('必须（）。');
    // ）。 squeeze like any pair of closing marks.
    expect(xOf(line!, '。') - xOf(line!, '）')).toBeCloseTo(0.5 * EM, 6);
    expect(xOf(line!, '）') - xOf(line!, '（')).toBeCloseTo(3 * EM, 6);
  });

  test('centres its answer and grows to hold a long one', () => {
    const [line] = setParagraph([text('必须'), bracket('B'), text('。')], left, 20 * EM, fonts);
    expect(line!.text).toBe('必须（B）。');
    const open = xOf(line!, '（');
    expect(xOf(line!, 'B') - open).toBeCloseTo(EM + (2 * EM - 0.5 * EM) / 2, 6);
    const long = measureInline([bracket('ABCDEFGHIJ')], fonts).natural;
    expect(long).toBeCloseTo(EM + 5 * EM + 0.5 * EM, 6);
  });

  test('never starts a line: it takes the preceding character with it', () => {
    // Every width where the bracket would land at a line start keeps it with the stem
    // (须（）。 is 5 em: narrower measures must split it, see the emergency tests).
    for (let w = 5; w <= 12; w += 0.25) {
      const lines = setParagraph([text('对于个人客户经理必须'), bracket(), text('。')], justified, w * EM, fonts);
      for (const l of lines) expect(l.text.startsWith('（'), `width ${w} em: ${lines.map((x) => x.text).join('|')}`).toBe(false);
      expect(lines.map((l) => l.text).join('')).toBe('对于个人客户经理必须（）。');
    }
  });

  test('is not stretched by justification', () => {
    const items = [text('甲乙丙丁戊己庚辛壬癸甲乙'), bracket(), text('丙丁戊己庚辛壬癸')];
    const lines = setParagraph(items, justified, 17.3 * EM, fonts);
    const first = lines[0]!;
    expect(first.text).toContain('（）');
    expect(first.contentWidth).toBeCloseTo(17.3 * EM, 2);
    expect(xOf(first, '）') - xOf(first, '（')).toBeCloseTo(3 * EM, 6);
  });
});

describe('blanks', () => {
  test('draw an underline of the given width and are unbreakable', () => {
    const [line] = setParagraph([text('金额为'), { kind: 'blank', width: 60, style: style() }, text('元。')], left, 30 * EM, fonts);
    const seg = lineSegs(line!)[0]!;
    expect(seg.x1).toBeCloseTo(3 * EM, 6);
    expect(seg.x2 - seg.x1).toBeCloseTo(60, 6);
    expect(seg.y1).toBeCloseTo(0.1 * EM, 6); // underline position 0.1 em below the baseline
    expect(xOf(line!, '元')).toBeCloseTo(3 * EM + 60, 6);
  });

  test('centre their answer, and grow when the answer is wider', () => {
    const [line] = setParagraph([{ kind: 'blank', width: 60, style: style(), answer: '合规' }], left, 30 * EM, fonts);
    expect(xOf(line!, '合')).toBeCloseTo((60 - 2 * EM) / 2, 6);
    expect(line!.text).toBe('合规');
    const wide = setParagraph([{ kind: 'blank', width: 10, style: style(), answer: '合规经营' }], left, 30 * EM, fonts)[0]!;
    const seg = lineSegs(wide)[0]!;
    expect(seg.x2 - seg.x1).toBeGreaterThan(4 * EM);
    const g = glyphs(wide);
    expect(g[0]!.x).toBeGreaterThan(seg.x1);
    expect(g[3]!.x + EM).toBeLessThan(seg.x2);
  });
});

describe('inline boxes and forced breaks', () => {
  test('a box item is placed atomically with its boxes shifted to its position', () => {
    const box: InlineItem = { kind: 'box', width: 8, ascent: 8, descent: 0, boxes: [{ kind: 'rect', x: 0, y: -8, w: 8, h: 8 }] };
    const [line] = setParagraph([text('甲'), box, text('乙')], left, 30 * EM, fonts);
    const rect = line!.boxes.find((b) => b.kind === 'rect');
    expect(rect).toMatchObject({ x: EM });
    expect(xOf(line!, '乙')).toBeCloseTo(EM + 8, 6);
  });

  test('a break item ends a line, which is then not justified', () => {
    const lines = setParagraph([text('甲乙'), { kind: 'break' }, text('丙丁戊')], justified, 10 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲乙', '丙丁戊']);
    expect(lines[0]!.justified).toBe(false);
    expect(lines[0]!.contentWidth).toBeCloseTo(2 * EM, 6);
  });

  test('two breaks make an empty line; a trailing break adds none', () => {
    const lines = setParagraph([text('甲'), { kind: 'break' }, { kind: 'break' }, text('乙'), { kind: 'break' }], left, 10 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲', '', '乙']);
    expect(lines[1]!.height).toBeCloseTo(1.5 * EM, 6);
  });
});

describe('decorations', () => {
  test('emphasis dots go under each CJK character, not under punctuation or Latin', () => {
    const [line] = setParagraph([text('下列'), text('不属于,A。', style({ emphasisDots: true })), text('的是')], left, 30 * EM, fonts);
    const dots = line!.boxes.filter((b): b is CircleBox => b.kind === 'circle');
    expect(dots).toHaveLength(3);
    expect(dots[0]!.cx).toBeCloseTo(2.5 * EM, 6);
    // Below the descender (0.12 em) of the font.
    for (const d of dots) expect(d.cy - d.r).toBeGreaterThanOrEqual(0.12 * EM - 1e-9);
    // They sit in the leading: the line keeps the metrics of a line without dots.
    const plain = setParagraph([text('下列不属于,A。的是')], left, 30 * EM, fonts)[0]!;
    expect([line!.ascent, line!.descent, line!.height]).toEqual([plain.ascent, plain.descent, plain.height]);
  });

  test('an underlined span is one segment across justification gaps', () => {
    const items = [text('甲乙丙'), text('丁戊己庚辛', style({ underline: true })), text('壬癸甲乙丙丁戊己')];
    const lines = setParagraph(items, justified, 11.5 * EM, fonts);
    const first = lines[0]!;
    const segs = lineSegs(first);
    expect(segs).toHaveLength(1);
    expect(segs[0]!.x1).toBeCloseTo(xOf(first, '丁'), 6);
    expect(segs[0]!.x2).toBeCloseTo(xOf(first, '辛') + EM, 6);
  });

  test('bold text is set in the bold face', () => {
    const [line] = setParagraph([text('甲'), text('严禁', style({ bold: true }))], left, 30 * EM, fonts);
    expect(glyphs(line!).map((g) => g.face)).toEqual(['serif-regular', 'serif-bold', 'serif-bold']);
  });
});

describe('indents and alignment', () => {
  test('the first line is indented, later lines hang', () => {
    const lines = setParagraph([text('甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚')], { align: 'justify', indent: 2 * EM, hang: EM, lineHeight: 1.5 }, 10 * EM, fonts);
    expect(glyphs(lines[0]!)[0]!.x).toBeCloseTo(2 * EM, 6);
    expect(lines[0]!.text).toHaveLength(8);
    expect(glyphs(lines[1]!)[0]!.x).toBeCloseTo(EM, 6);
    expect(lines[1]!.text).toHaveLength(9);
    expect(lines[0]!.height).toBeCloseTo(1.5 * SIZE, 6);
  });

  test('a justified paragraph avoids a last line holding one lonely character', () => {
    // Greedy filling would give 8 + 9 + 1 characters.
    const para = { align: 'justify', indent: 2 * EM, hang: EM, lineHeight: 1.5 } as const;
    const lines = setParagraph([text('甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛')], para, 10 * EM, fonts);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.text.length).toBeGreaterThanOrEqual(2);
    for (const l of lines.slice(0, 2)) expect(l.contentWidth).toBeCloseTo(10 * EM, 2);
  });

  test('justified lines share the slack instead of leaving one loose line', () => {
    // Greedy: 甲…(9 chars, tight) then 8 (2 em loose) before the 5 em unit 须（）。
    const items = [text('甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛须'), { kind: 'bracket', style: style() } as const, text('。')];
    const lines = setParagraph(items, justified, 10 * EM, fonts);
    const loosest = Math.max(...lines.slice(0, -1).map((l) => l.contentWidth - l.naturalWidth));
    expect(lines.map((l) => l.text).join('')).toBe('甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛须（）。');
    expect(loosest).toBeLessThan(1.5 * EM);
  });

  test('center and right place the line in the measure; justify leaves the last line at the left', () => {
    const c = setParagraph([text('甲乙')], { align: 'center', indent: 0, lineHeight: 1.2 }, 10 * EM, fonts)[0]!;
    expect(glyphs(c)[0]!.x).toBeCloseTo(4 * EM, 6);
    const r = setParagraph([text('甲乙')], { align: 'right', indent: 0, lineHeight: 1.2 }, 10 * EM, fonts)[0]!;
    expect(r.contentWidth).toBeCloseTo(10 * EM, 6);
    const j = setParagraph([text('甲乙')], justified, 10 * EM, fonts)[0]!;
    expect(j.contentWidth).toBeCloseTo(2 * EM, 6);
    expect(j.justified).toBe(false);
  });

  test('justified Latin stretches word spaces, not letters', () => {
    const lines = setParagraph([text('alpha beta gamma delta epsilon zeta eta theta')], justified, 14 * EM, fonts);
    const first = lines[0]!;
    expect(first.contentWidth).toBeCloseTo(14 * EM, 6);
    const g = glyphs(first);
    // Inside "alpha" the letters stay 0.5 em apart.
    for (let k = 1; k < 5; k++) expect(g[k]!.x - g[k - 1]!.x).toBeCloseTo(0.5 * EM, 6);
  });
});

describe('Latin words wider than the line', () => {
  test('are split only when alone they do not fit, after a hyphen first', () => {
    const lines = setParagraph([text('甲 ABCDEFGH-IJKLMNOP 乙')], left, 6 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲', 'ABCDEFGH-', 'IJKLMNOP 乙']);
    const hard = setParagraph([text('ABCDEFGHIJKLMNOPQRST')], justified, 4 * EM, fonts);
    expect(hard.map((l) => l.text)).toEqual(['ABCDEFGH', 'IJKLMNOP', 'QRST']);
    for (const l of hard) expect(l.contentWidth).toBeLessThanOrEqual(4 * EM + 0.01);
  });
});

describe('measureInline', () => {
  test('natural is the one-line width and minContent the widest unbreakable unit', () => {
    const m = measureInline([text('A.'), text('起身迎接 PBMS-2011')], fonts);
    // A. (1 em) 起身迎接 (4 em) space (0.25) PBMS-2011 (4.5 em), and a quarter em after "A.": none (punctuation).
    expect(m.natural).toBeCloseTo(9.75 * EM, 6);
    expect(m.minContent).toBeCloseTo(4.5 * EM, 6);
  });

  test('kinsoku neighbours count as one unit', () => {
    expect(measureInline([text('《乙》。甲')], fonts).minContent).toBeCloseTo(3 * EM, 6);
    // Off the paragraph's first line, 《 starts a line half width.
    expect(measureInline([text('甲《乙》。')], fonts).minContent).toBeCloseTo(2.5 * EM, 6);
  });

  test('empty content measures zero', () => {
    expect(measureInline([], fonts)).toEqual({ natural: 0, minContent: 0 });
  });
});

describe('characters no font covers', () => {
  test('are an error naming the character, the font chain and the bank item', () => {
    let err: unknown;
    try {
      setParagraph([text('客户ሕ经理', style(), 'ZD-001')], left, 30 * EM, fonts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypesetError);
    expect((err as TypesetError).message).toBe('character "ሕ" (U+1215) is not covered by the serif family (/fake/serif.otf)');
    expect((err as TypesetError).from).toBe('ZD-001');
  });
});

describe('answers in blanks', () => {
  test('get the same CJK-Latin quarter em as running text', () => {
    const [line] = setParagraph([{ kind: 'blank', width: 10, style: style(), answer: '24小时' }], left, 30 * EM, fonts);
    expect(xOf(line!, '小') - xOf(line!, '4')).toBeCloseTo(0.75 * EM, 6);
  });
});

describe('a paragraph of inline boxes only', () => {
  test('is set with the boxes’ own metrics', () => {
    const box: InlineItem = { kind: 'box', width: 12, ascent: 9, descent: 3, boxes: [{ kind: 'rect', x: 0, y: -9, w: 12, h: 12 }] };
    const lines = setParagraph([box, box], left, 100, fonts);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ ascent: 9, descent: 3, height: 12, contentWidth: 24 });
  });
});

describe('a closing mark that would start a line', () => {
  test('pulls the character before it down rather than start the line, and the line above is stretched', () => {
    const lines = setParagraph([text('甲乙丙丁戊己庚辛壬癸。子丑寅卯')], justified, 10 * EM, fonts);
    expect(lines.map((l) => l.text)).toEqual(['甲乙丙丁戊己庚辛壬', '癸。子丑寅卯']);
    expect(lines[0]!.contentWidth).toBeCloseTo(10 * EM, 6);
  });

  test('fits on the line when the line-end blank makes room', () => {
    // 9 ideographs + 。 = 9.5 em once the stop's blank is trimmed: it fits a 9.5 em measure.
    const lines = setParagraph([text('甲乙丙丁戊己庚辛壬。子丑寅卯')], justified, 9.5 * EM, fonts);
    expect(lines[0]!.text).toBe('甲乙丙丁戊己庚辛壬。');
    expect(lines[0]!.naturalWidth).toBeCloseTo(9.5 * EM, 6);
  });
});

describe('currency signs', () => {
  test('stay with their amount', () => {
    for (let w = 3; w <= 8; w += 0.5) {
      const lines = setParagraph([text('价格为￥100元，折合＄15')], justified, w * EM, fonts);
      for (const l of lines.slice(0, -1)) expect(l.text.endsWith('￥') || l.text.endsWith('＄'), l.text).toBe(false);
    }
  });
});
