import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultFontConfig, findUncovered, fontkitFontOf, loadFonts, packageRoot } from '../../../src/typeset/fonts/index.js';
import { TypesetError } from '../../../src/typeset/types.js';

const bundled = defaultFontConfig();
const cp = (c: string) => c.codePointAt(0)!;

/** Every GB2312 character: python3 -c "decode every valid two-byte code with the gb2312 codec". */
function gb2312Chars(): string[] {
  return [...readFileSync(fileURLToPath(new URL('fixtures/gb2312.txt', import.meta.url)), 'utf8').replace(/\n$/, '')];
}

describe('loadFonts with the bundled Noto SC subsets', () => {
  const fonts = loadFonts();

  it('loads four faces: serif and sans, regular and bold', () => {
    expect(fonts.faces().map((f) => f.key)).toEqual(['serif-regular', 'serif-bold', 'sans-regular', 'sans-bold']);
    expect(fonts.face('serif', true).postscriptName).toBe('NotoSerifCJKsc-Bold');
    expect(fonts.face('sans', false).file).toMatch(/fonts[/\\]NotoSansSC-Regular\.otf$/);
  });

  it('is memoised: the same config gives the same FontSet', () => {
    expect(loadFonts(defaultFontConfig())).toBe(fonts);
  });

  it('measures a CJK character as one em and a Latin letter as less', () => {
    for (const face of fonts.faces()) {
      expect(face.advance(cp('中'))).toBeCloseTo(1, 3);
      expect(face.advance(cp('A'))).toBeGreaterThan(0.3);
      expect(face.advance(cp('A'))).toBeLessThan(1);
      expect(face.glyphId(cp('中'))).toBeGreaterThan(0);
    }
  });

  it("gives the same advances as fontkit's glyph metrics", () => {
    for (const face of fonts.faces()) {
      const font = fontkitFontOf(face);
      for (const c of '中A a1,。、—·“”☑①W') {
        expect(face.advance(cp(c)), `${c} in ${face.key}`).toBe(font.glyphForCodePoint(cp(c)).advanceWidth / font.unitsPerEm);
      }
    }
  });

  it('sets —— and the 间隔号 · one em wide (full-width forms, as Chinese text expects)', () => {
    const serif = fonts.face('serif', false);
    expect(serif.advance(cp('—'))).toBeCloseTo(1, 3);
    expect(serif.advance(cp('·'))).toBeCloseTo(1, 3);
    expect(serif.advance(cp('。'))).toBeCloseTo(1, 3);
  });

  it('draws — across the whole em, so that —— is one unbroken line', () => {
    for (const face of fonts.faces()) {
      const box = fontkitFontOf(face).glyphForCodePoint(cp('—')).bbox;
      const em = fontkitFontOf(face).unitsPerEm;
      expect(box.minX, face.key).toBeLessThanOrEqual(1);
      expect(box.maxX, face.key).toBeGreaterThanOrEqual(em - 1);
    }
  });

  it('gives ascent, descent and underline as fractions of the em', () => {
    const face = fonts.face('serif', false);
    expect(face.ascent).toBeGreaterThan(0.8);
    expect(face.ascent).toBeLessThan(1.3);
    expect(face.descent).toBeLessThan(-0.1);
    expect(face.underlinePosition).toBeLessThan(0);
    expect(face.underlineThickness).toBeGreaterThan(0.01);
  });

  it('covers every GB2312 character in all four fonts', () => {
    const chars = gb2312Chars();
    expect(chars.length).toBe(7445);
    for (const face of fonts.faces()) {
      const missing = chars.filter((c) => !face.hasChar(cp(c)));
      expect(missing, face.file).toEqual([]);
    }
  });

  it('covers the symbols exam papers print, including ☐ ☑ ☒ which Noto CJK lacks', () => {
    const symbols = '①⑩⑳√×○●□■☐☑☒△▲◆◇★☆→←↑↓¥￥℃№—…‘’“”·•‰※、。,;:?!()《》【】';
    for (const face of fonts.faces()) {
      expect(findUncovered(symbols, face.family, fonts, face.bold)).toEqual([]);
      for (const c of symbols) expect(face.hasChar(cp(c)), `${c} in ${face.key}`).toBe(true);
      // The ballot boxes are drawn from □, so they are as wide and distinct glyphs.
      expect(face.advance(cp('☑'))).toBe(face.advance(cp('□')));
      expect(new Set([...'□☐☑☒'].map((c) => face.glyphId(cp(c)))).size).toBe(4);
    }
  });

  it('reports characters no font covers, with their code-point index', () => {
    expect(findUncovered('考试😀题', 'serif', fonts)).toEqual([{ char: '😀', codePoint: 0x1f600, index: 2 }]);
    expect(fonts.faceFor(0x1f600, 'serif', false)).toBeUndefined();
  });

  it('throws a TypesetError naming the configured families for an unknown family', () => {
    expect(() => fonts.face('kai', false)).toThrow(/Unknown font family "kai".*serif, sans/);
  });

  it('describes a family chain with its files, relative to the working folder', () => {
    const shown = (name: string) => relative(process.cwd(), join(packageRoot(), 'fonts', name));
    expect(shown('x.otf')).toBe(join('fonts', 'x.otf')); // the suite runs from the repository root
    expect(fonts.describe('serif')).toBe(
      `serif: ${shown('NotoSerifSC-Regular.otf')}, ${shown('NotoSerifSC-Bold.otf')} → sans: ${shown('NotoSansSC-Regular.otf')}, ${shown('NotoSansSC-Bold.otf')}`,
    );
  });
});

describe('fallback between families', () => {
  // A serif font with only "ABCabc 中文" (made with pyftsubset from the bundled serif).
  const tiny = fileURLToPath(new URL('fixtures/SerifTiny.otf', import.meta.url));
  const fonts = loadFonts({
    families: { serif: { regular: tiny }, sans: { regular: bundled.families.sans!.regular } },
    fallback: { serif: ['sans'] },
  });

  it('takes a glyph from the next family when the requested one lacks it', () => {
    expect(fonts.faceFor(cp('中'), 'serif', false)?.key).toBe('serif-regular');
    expect(fonts.faceFor(cp('国'), 'serif', false)?.key).toBe('sans-regular');
    expect(findUncovered('中国', 'serif', fonts)).toEqual([]);
  });

  it('does not fall back where no chain is configured', () => {
    expect(fonts.faceFor(cp('中'), 'sans', false)?.key).toBe('sans-regular');
    expect(fonts.faceFor(cp('😀'), 'sans', false)).toBeUndefined();
  });

  it('uses the regular file for bold when no bold file is given', () => {
    expect(fonts.face('serif', true).postscriptName).toBe(fonts.face('serif', false).postscriptName);
    expect(fonts.faceFor(cp('国'), 'serif', true)?.key).toBe('sans-bold');
  });
});

describe('bad font files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-fonts-'));

  it('names a missing file and how to fix it', () => {
    const missing = join(dir, 'SimSun-missing.ttf');
    const load = () => loadFonts({ families: { serif: { regular: missing } } });
    expect(load).toThrow(TypesetError);
    expect(load).toThrow(/SimSun-missing\.ttf for the "serif" family does not exist.*fonts\/README\.md/);
  });

  it('names a corrupt file', () => {
    const corrupt = join(dir, 'corrupt.otf');
    writeFileSync(corrupt, 'this is not a font at all, just text');
    expect(() => loadFonts({ families: { sans: { regular: corrupt } } })).toThrow(/corrupt\.otf for the "sans" family is not a font/);
  });

  it('rejects a fallback to an unconfigured family', () => {
    expect(() =>
      loadFonts({ families: { serif: { regular: bundled.families.serif!.regular } }, fallback: { serif: ['kai'] } }),
    ).toThrow(/names "kai", which is not a configured family/);
  });
});
