// The line engine over a large corpus: the seed text and seeded random mixes of CJK,
// punctuation, dashes, brackets, Latin words and numbers, at several measures, on the
// round-number fake fonts and on the real bundled fonts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { measureInline, setParagraph } from '../../../src/typeset/layout/lines/index.js';
import { defaultFontConfig, fontkitFontOf, loadFonts } from '../../../src/typeset/fonts/index.js';
import type { FontFace, FontSet, InlineItem, ParagraphStyle } from '../../../src/typeset/types.js';
import { TypesetError } from '../../../src/typeset/types.js';
import { lineProblems } from './checkLines.js';
import { fakeAndRealFonts } from './fakeFonts.js';
import { prng, SIZE, style, text } from './helpers.js';

// The seed text: tests/fixtures/import/seed.txt is a copy of ../shared/seed/000_09163df8a97db0f7.txt.
const seedFile = fileURLToPath(new URL('../../fixtures/import/seed.txt', import.meta.url));

function seedParagraphs(): string[] {
  return readFileSync(seedFile, 'utf8')
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济';
const STOPS = ['，', '。', '、', '；', '：', '？', '！', ',', '.', ':', ';'];
const PAIRS = [['“', '”'], ['《', '》'], ['「', '」'], ['（', '）'], ['【', '】'], ['(', ')'], ['‘', '’']] as const;
const WORDS = ['15-20', '80%', 'AFP', 'PBMS', '2011', 'P150', '3.5', 'ETF', 'A', 'B', 'VIP', 'e-mail', 'No.1'];

/** A deterministic random paragraph of mixed content. */
function randomParagraph(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const han = (n: number): string => Array.from({ length: n }, () => HAN[Math.floor(rand() * HAN.length)]).join('');
  const latin = (): string => {
    const n = 1 + Math.floor(rand() * 8);
    return Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
  };
  let out = '';
  const target = 10 + Math.floor(rand() * 300);
  while (out.length < target) {
    const r = rand();
    if (r < 0.45) out += han(1 + Math.floor(rand() * 8));
    else if (r < 0.6) out += pick(STOPS);
    else if (r < 0.7) {
      const [o, c] = pick(PAIRS);
      out += o + han(1 + Math.floor(rand() * 5)) + c + (rand() < 0.3 ? pick(STOPS) : '');
    } else if (r < 0.76) out += rand() < 0.5 ? '——' : '……';
    else if (r < 0.86) out += (rand() < 0.3 ? ' ' : '') + pick(WORDS) + (rand() < 0.3 ? ' ' : '');
    else out += ' ' + Array.from({ length: 1 + Math.floor(rand() * 4) }, latin).join(' ') + ' ';
  }
  return out;
}

const MEASURES_EM = [10, 13.7, 20, 33];
const seed = seedParagraphs();
const random = (() => {
  const rand = prng(20260101);
  return Array.from({ length: 250 }, () => randomParagraph(rand));
})();

/** Each corpus font (tests/fixtures/fonts) as serif and sans; what it lacks comes from the bundled fonts. */
function corpusFontSets(): [string, FontSet][] {
  const bundled = defaultFontConfig();
  const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/fonts/${name}`, import.meta.url));
  return [
    ['DroidSansFallback-exam.ttf', fixture('DroidSansFallback-exam.ttf')],
    ['ExamCollection.ttc#DroidSansFallback', `${fixture('ExamCollection.ttc')}#DroidSansFallback`],
    ['ExamCollection.ttc#NotoSerifCJKsc-Regular', `${fixture('ExamCollection.ttc')}#NotoSerifCJKsc-Regular`],
    ['NotoSerifCJKsc-exam.otf', fixture('NotoSerifCJKsc-exam.otf')],
    ['NotoSansCJKsc-astral.otf', fixture('NotoSansCJKsc-astral.otf')],
  ].map(([name, file]) => [
    `corpus font ${name}`,
    loadFonts({
      families: { serif: { regular: file! }, sans: { regular: file! }, notoSerif: bundled.families.serif!, notoSans: bundled.families.sans! },
      fallback: { serif: ['notoSerif'], sans: ['notoSans'] },
    }),
  ]);
}

const fontSets = [...fakeAndRealFonts(), ...corpusFontSets()];

/** A mark's ink as fontkit draws it (independent of the engine's own reading), for real fonts. */
const fontkitInk = (face: FontFace, cp: number): readonly [number, number] | undefined => {
  const font = fontkitFontOf(face);
  const box = font.glyphForCodePoint(cp).bbox;
  return box.maxX > box.minX ? [box.minX / font.unitsPerEm, box.maxX / font.unitsPerEm] : undefined;
};

/** Whether every character of the paragraph has a face (the seed has stray Ethiopic). */
function covered(p: string, fonts: FontSet): boolean {
  for (const ch of p) {
    if (/\s/.test(ch)) continue;
    if (!fonts.faceFor(ch.codePointAt(0)!, 'serif', false)) return false;
  }
  return true;
}

describe.each(fontSets)('on the %s', (name, fonts) => {
  const ink = name === 'fake fonts' ? undefined : fontkitInk;
  test('the fonts load and cover the test text', () => expect(fonts.faceFor('中'.codePointAt(0)!, 'serif', false)).toBeDefined());

  const run = (corpus: string[], para: ParagraphStyle, justify: boolean): void => {
    const problems: string[] = [];
    let lineCount = 0;
    for (const em of MEASURES_EM) {
      const width = em * SIZE;
      for (const p of corpus) {
        const lines = setParagraph([text(p)], para, width, fonts);
        lineCount += lines.length;
        for (const pr of lineProblems(p, lines, fonts, { width, indent: para.indent, hang: para.hang ?? 0, justify, ...(ink ? { ink } : {}) })) {
          problems.push(`[${em} em] ${pr}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(lineCount).toBeGreaterThan(corpus.length * MEASURES_EM.length);
  };

  test('the seed text, justified with a 2 em indent, keeps every rule', () => {
    const corpus = seed.filter((p) => covered(p, fonts));
    run(corpus, { align: 'justify', indent: 2 * SIZE, lineHeight: 1.5 }, true);
  });

  test('random mixes, justified with a hanging indent, keep every rule', () => {
    run(random, { align: 'justify', indent: 0, hang: 1.5 * SIZE, lineHeight: 1.5 }, true);
  });

  test('random mixes, left-aligned, keep every rule', () => {
    run(random.slice(0, 80), { align: 'left', indent: 0, lineHeight: 1.5 }, false);
  });

  test('random mixes split into styled spans (bold, sans, sizes, underline, dots) keep every rule', () => {
    const rand = prng(7);
    const styles = [
      style(), style({ bold: true }), style({ family: 'sans' }), style({ size: 9 }),
      style({ underline: true }), style({ emphasisDots: true }), style({ family: 'sans', bold: true, size: 12 }),
    ];
    const problems: string[] = [];
    for (const p of random.slice(0, 100)) {
      const chars = [...p];
      const items: InlineItem[] = [];
      for (let k = 0; k < chars.length; ) {
        const n = 1 + Math.floor(rand() * 12);
        items.push(text(chars.slice(k, k + n).join(''), styles[Math.floor(rand() * styles.length)]!));
        k += n;
      }
      for (const em of MEASURES_EM) {
        const width = em * SIZE;
        const lines = setParagraph(items, { align: 'justify', indent: 2 * SIZE, lineHeight: 1.5 }, width, fonts);
        problems.push(...lineProblems(p, lines, fonts, { width, indent: 2 * SIZE, justify: true, ...(ink ? { ink } : {}) }).map((x) => `[${em} em] ${x}`));
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('set at their measured natural width, paragraphs take one line', () => {
    for (const p of random.slice(0, 120)) {
      const { natural } = measureInline([text(p)], fonts);
      for (const align of ['justify', 'left'] as const) {
        const lines = setParagraph([text(p)], { align, indent: 0, lineHeight: 1.5 }, natural, fonts);
        expect(lines.map((l) => l.text), p).toHaveLength(1);
      }
    }
  });

  test('set at their min-content width, paragraphs need no emergency split', () => {
    const problems: string[] = [];
    for (const p of random.slice(0, 120)) {
      const { minContent } = measureInline([text(p)], fonts);
      const lines = setParagraph([text(p)], { align: 'justify', indent: 0, lineHeight: 1.5 }, minContent, fonts);
      problems.push(...lineProblems(p, lines, fonts, { width: minContent, justify: true, ...(ink ? { ink } : {}) }));
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('seed paragraphs with characters no font has are errors, not empty boxes', () => {
    const uncovered = seed.filter((p) => !covered(p, fonts));
    for (const p of uncovered) {
      expect(() => setParagraph([text(p, style(), 'seed')], { align: 'left', indent: 0, lineHeight: 1.5 }, 300, fonts)).toThrow(TypesetError);
    }
  });
});

