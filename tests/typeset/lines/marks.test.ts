// Emphasis dots centred under their characters as drawn, and the answer bracket squeezed
// against a following full stop without its ink touching, on the fake and the real fonts.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { defaultFontConfig, fontkitFontOf, loadFonts } from '../../../src/typeset/fonts/index.js';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { CircleBox, FontSet, InlineItem, SetLine, TextBox } from '../../../src/typeset/types.js';
import { fakeAndRealFonts, fakeFonts } from './fakeFonts.js';
import { justified, left, SIZE, style, text, xOf } from './helpers.js';

const fontSets = fakeAndRealFonts();
const EM = SIZE;
const dotted = style({ emphasisDots: true });
const bracket = (answer?: string): InlineItem =>
  answer === undefined ? { kind: 'bracket', style: style() } : { kind: 'bracket', style: style(), answer };

/** [x, advance] of each drawn Han character of a line, in order. */
function hanAdvances(line: SetLine, fonts: FontSet): [number, number][] {
  const faces = new Map(fonts.faces().map((f) => [f.key, f]));
  const out: [number, number][] = [];
  for (const b of line.boxes) {
    if (b.kind !== 'text') continue;
    const tb = b as TextBox;
    let k = 0;
    for (const ch of tb.text) {
      const x = tb.x + tb.dx[k++]!;
      if (/\p{Script=Han}/u.test(ch)) out.push([x, faces.get(tb.face)!.advance(ch.codePointAt(0)!) * tb.size]);
    }
  }
  return out;
}

describe.each(fontSets)('on the %s', (_name, fonts) => {
  test('emphasis dots sit at the centre of each dotted character’s advance as drawn, in squeezed and justified lines', () => {
    // Every character dotted: squeezed “”， pairs, CJK-Latin spaces and justification all move glyphs.
    const para = '下列做法“不正确”，严禁AFP系统“保本保收益”承诺，不属于《规定》的是哪一项，请说明理由并举例。';
    for (const w of [9.3, 12.7, 17.1]) {
      const lines = setParagraph([text(para, dotted)], justified, w * EM, fonts);
      for (const line of lines) {
        const dots = line.boxes.filter((b): b is CircleBox => b.kind === 'circle');
        const han = hanAdvances(line, fonts);
        expect(dots.map((d) => d.cx)).toHaveLength(han.length);
        dots.forEach((d, k) => expect(d.cx, `${w} em "${line.text}" #${k}`).toBeCloseTo(han[k]![0] + han[k]![1] / 2, 6));
      }
    }
  });

  test('an answer bracket and a following 。 take 1.5 em together, as any closing mark and 。 do', () => {
    for (const answer of [undefined, 'A', 'ABD', '\u221A']) {
      const [line] = setParagraph([text('必须'), bracket(answer), text('\u3002')], left, 30 * EM, fonts);
      const close = xOf(line!, '\uFF09');
      expect(xOf(line!, '\u3002') - close, `answer ${answer}`).toBeCloseTo(0.5 * EM, 6);
      // The same pair in running text.
      const [plain] = setParagraph([text('必须\uFF08A\uFF09\u3002')], left, 30 * EM, fonts);
      expect(xOf(plain!, '\u3002') - xOf(plain!, '\uFF09')).toBeCloseTo(0.5 * EM, 6);
    }
  });
});

describe('squeezed pairs on a line that must shrink to fit', () => {
  const fonts = fakeFonts();
  test.each([
    ['the answer bracket and 。', [text('甲，乙，丙，丁戊己'), bracket('A'), text('\u3002子丑寅卯辰巳午未申酉戌亥')], '\uFF09', '\u3002'],
    ['）。 in running text', [text('甲，乙，丙，丁戊己\uFF08A\uFF09\u3002子丑寅卯辰巳午未申酉戌亥')], '\uFF09', '\u3002'],
    ['。」 in running text', [text('甲，乙，丙，丁戊己\u300CA\u3002\u300D子丑寅卯辰巳午未申酉戌亥')], '\u3002', '\u300D'],
  ])('%s keep their 1.5 em: the line shrinks elsewhere, never into the pair', (_what, items, first, second) => {
    let shrunk = 0;
    for (let w = 9; w <= 13; w += 0.05) {
      for (const line of setParagraph(items as InlineItem[], justified, w * EM, fonts)) {
        if (!line.text.includes(first + second)) continue;
        if (line.naturalWidth > line.width + 0.01) shrunk++;
        expect(xOf(line, second) - xOf(line, first), `${w.toFixed(2)} em: ${line.text}`).toBeCloseTo(0.5 * EM, 6);
      }
    }
    expect(shrunk).toBeGreaterThan(0);
  });
});

const droid = fileURLToPath(new URL('../../fixtures/fonts/DroidSansFallback-exam.ttf', import.meta.url));
const noto = defaultFontConfig();

// The least room left between the inks: the bundled faces keep a tenth of an em; Droid's
// centred marks have less to give, and their ink must only not overlap.
describe.each([
  ['the bundled fonts', fontSets[1]![1], 0.1],
  // Centred punctuation: the code point says ） has a blank right half, its ink says otherwise.
  ['Droid Sans Fallback', loadFonts({ families: { serif: { regular: droid }, sans: { regular: droid }, latin: noto.families.serif! }, fallback: { serif: ['latin'], sans: ['latin'] } }), 0],
] as const)('on %s, drawn ink', (_, fonts, room) => {
  test('of the bracket’s ） and the following 。 does not overlap, in every face', () => {
    for (const face of fonts.faces()) {
      if (!face.hasChar(0xff09)) continue;
      const font = fontkitFontOf(face);
      const ink = (ch: string): { minX: number; maxX: number } => font.glyphForCodePoint(ch.codePointAt(0)!).bbox;
      const st = style({ family: face.family, bold: face.bold });
      const [line] = setParagraph([text('必须', st), { kind: 'bracket', style: st, answer: 'A' }, text('\u3002', st)], left, 30 * EM, fonts);
      const scale = EM / font.unitsPerEm;
      const closeInkEnd = xOf(line!, '\uFF09') + ink('\uFF09').maxX * scale;
      const stopInkStart = xOf(line!, '\u3002') + ink('\u3002').minX * scale;
      expect(stopInkStart - closeInkEnd, face.key).toBeGreaterThan(room * EM);
    }
  });

  test('of squeezed pairs such as ）。 and 、“ does not overlap', () => {
    for (const pair of ['）。', '。」', '、“', '」，', '》、', '：“']) {
      const [line] = setParagraph([text(`客户${pair}经理`)], left, 30 * EM, fonts);
      const [a, b] = [...pair] as [string, string];
      const faceOf = (ch: string) => fonts.faceFor(ch.codePointAt(0)!, 'serif', false)!;
      const inkOf = (ch: string) => fontkitFontOf(faceOf(ch)).glyphForCodePoint(ch.codePointAt(0)!).bbox;
      const scale = (ch: string) => EM / fontkitFontOf(faceOf(ch)).unitsPerEm;
      const aEnd = xOf(line!, a) + inkOf(a).maxX * scale(a);
      const bStart = xOf(line!, b) + inkOf(b).minX * scale(b);
      expect(bStart - aEnd, pair).toBeGreaterThanOrEqual(Math.min(room, 0.05) * EM);
    }
  });
});
