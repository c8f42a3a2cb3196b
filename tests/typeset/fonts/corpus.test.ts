// The font corpus (tests/fixtures/fonts, built by build.py): every face prints the test paper
// (the bundled quiz, variant A) through both backends, the text reads back as the bundled
// fonts print it, and the backends draw alike. Set EXAMPRESS_SAVE_PNG=folder to look at them.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultFontConfig, loadFonts, type FontConfig } from '../../../src/typeset/fonts/index.js';
import { typeset, TypesetError } from '../../../src/typeset/index.js';
import { backendFor, writePdf, type PdfBackendName } from '../../../src/typeset/pdf/index.js';
import { examPaperMarkup } from '../../fixtures/fonts/exam-paper.js';
import { comparePixels } from '../../support/compare.js';
import { openPdf, pdfProblems, pdfText, savePng } from '../../support/pdf.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/fonts/${name}`, import.meta.url));
const bundled = defaultFontConfig();
const markup = examPaperMarkup();
const squash = (s: string) => s.replace(/[\s\u3000\f]+/g, '');

/** serif and sans both set in `file`; what it lacks comes from the bundled Noto Serif SC. */
function corpusFonts(file: string): FontConfig {
  return {
    families: { serif: { regular: file }, sans: { regular: file }, noto: bundled.families.serif! },
    fallback: { serif: ['noto'], sans: ['noto'] },
  };
}

interface CorpusFace {
  name: string;
  file: string;
  /** The PostScript name pdf.js reads back for the face. */
  baseName: string;
  /** How pdf.js names the embedded font type. */
  type: string;
  /** The backend auto picks. */
  auto: PdfBackendName;
}

const CORPUS: CorpusFace[] = [
  { name: 'TrueType CJK (Droid Sans Fallback)', file: fixture('DroidSansFallback-exam.ttf'), baseName: 'DroidSansFallback', type: 'CID TrueType', auto: 'fast' },
  { name: 'a collection face chosen by name', file: `${fixture('ExamCollection.ttc')}#DroidSansFallback`, baseName: 'DroidSansFallback', type: 'CID TrueType', auto: 'fast' },
  { name: 'the other face of the collection', file: `${fixture('ExamCollection.ttc')}#NotoSerifCJKsc-Regular`, baseName: 'NotoSerifCJKsc-Regular', type: 'CID Type 0C', auto: 'pdfkit' },
  { name: 'OpenType CFF with subroutines (Noto Serif CJK SC)', file: fixture('NotoSerifCJKsc-exam.otf'), baseName: 'NotoSerifCJKsc-Regular', type: 'CID Type 0C', auto: 'pdfkit' },
  { name: 'a format-12 cmap (Noto Sans CJK SC with U+20BB7)', file: fixture('NotoSansCJKsc-astral.otf'), baseName: 'NotoSansCJKsc-Regular', type: 'CID Type 0C', auto: 'pdfkit' },
];

const reference = (async () => {
  const fonts = loadFonts();
  return squash(await (await openPdf(writePdf(typeset(markup, { template: 'paper.hbs', fonts }), fonts))).text());
})();

const saveTo = process.env.EXAMPRESS_SAVE_PNG;

describe.each(CORPUS)('the corpus: $name', (face) => {
  const fonts = loadFonts(corpusFonts(face.file));
  const doc = typeset(markup, { template: 'paper.hbs', fonts });
  const pdfs = { pdfkit: writePdf(doc, fonts, { backend: 'pdfkit' }), auto: writePdf(doc, fonts) };
  const pages = doc.pages.length;

  it(`auto picks the ${face.auto} backend, and writes the same bytes twice`, () => {
    expect(backendFor(doc, fonts)).toBe(face.auto);
    expect(writePdf(doc, fonts).equals(pdfs.auto)).toBe(true);
  });

  it('prints the paper with the face embedded, and it reads back as the bundled fonts print it', async () => {
    for (const pdf of Object.values(pdfs)) {
      const file = await openPdf(pdf);
      expect(squash(await file.text())).toBe(await reference);
      const used = await file.fonts();
      expect(used.find((f) => f.baseName === face.baseName)).toMatchObject({ type: face.type, embedded: true, toUnicode: true });
      expect(await pdfProblems(pdf)).toEqual([]);
    }
  });

  it('is drawn alike by both backends when fast can embed it, else fast says why', async () => {
    if (backendFor(doc, fonts, 'auto') === 'pdfkit') {
      expect(() => writePdf(doc, fonts, { backend: 'fast' })).toThrow(/fast PDF backend cannot write this document: .* is neither a TrueType font nor a CFF font without subroutines/);
      return;
    }
    const [fast, viaPdfkit] = await Promise.all([pdfs.auto, pdfs.pdfkit].map((p) => openPdf(p)));
    for (let n = 1; n <= pages; n++) {
      const [a, b] = await Promise.all([fast!, viaPdfkit!].map(async (f) => (await f.page(n)).render({ dpi: 150 })));
      const diff = comparePixels(a!, b!);
      expect(diff, `page ${n}: ${JSON.stringify(diff)}`).toMatchObject({ differing: 0 });
    }
  });

  it.runIf(saveTo)('saves page 1 of each backend as PNG', async () => {
    mkdirSync(saveTo!, { recursive: true });
    const stem = face.file.replace(/.*\//, '').replace(/[#.]/g, '-');
    for (const [backend, pdf] of Object.entries(pdfs)) savePng(join(saveTo!, `${stem}-${backend}.png`), await (await (await openPdf(pdf)).page(1)).render({ dpi: 150 }));
  });
});

describe('a face without a character the paper needs', () => {
  it('stops the paper with the file, the character and the question', () => {
    // 𠮷 (U+20BB7) in the first question; the Noto Serif fixture does not have it.
    const withAstral = markup.replace(/(from="[^"]+"[\s\S]*?<p\b[^>]*>)/, '$1𠮷');
    const question = /from="([^"]+)"/.exec(markup)![1]!;
    const fonts = loadFonts({ families: { serif: { regular: fixture('NotoSerifCJKsc-exam.otf') }, sans: { regular: fixture('NotoSerifCJKsc-exam.otf') } } });
    let error: unknown;
    try {
      typeset(withAstral, { template: 'paper.hbs', fonts });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypesetError);
    const e = error as TypesetError;
    expect(e.message).toMatch(/character "𠮷" \(U\+20BB7\) is not covered by \w+: .*NotoSerifCJKsc-exam\.otf/);
    expect(e.from).toBe(question);
  });

  it('prints it from the face with a format-12 cmap', async () => {
    const withAstral = markup.replace(/(from="[^"]+"[\s\S]*?<p\b[^>]*>)/, '$1𠮷');
    const fonts = loadFonts(corpusFonts(fixture('NotoSansCJKsc-astral.otf')));
    const pdf = writePdf(typeset(withAstral, { template: 'paper.hbs', fonts }), fonts);
    expect(squash(await pdfText(pdf))).toContain('𠮷');
  });
});

describe('fonts exampress cannot embed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-fonts-'));
  const file = (name: string, bytes: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it.each([
    ['a Type 1 font (.pfa)', file('song.pfa', '%!PS-AdobeFont-1.0: FZShuSong 001.000\n'), /song\.pfa for the "serif" family is a Type 1 \(PostScript\) font.*OpenType \(\.otf\) or TrueType \(\.ttf, \.ttc\).*theme\.yaml.*FontForge/],
    ['a Type 1 font (.pfb)', file('song.pfb', new Uint8Array([0x80, 0x01, 0x10, 0, 0, 0, 0x25, 0x21])), /song\.pfb for the "serif" family is a Type 1/],
    ['a bitmap font (BDF)', file('song.bdf', 'STARTFONT 2.1\nFONT -misc-song-medium-r-normal--16-150-75-75-c-160-iso10646-1\n'), /song\.bdf for the "serif" family is a bitmap font.*not outlines.*OpenType \(\.otf\) or TrueType/],
  ])('refuses %s with advice', (_, path, message) => {
    expect(() => loadFonts({ families: { serif: { regular: path } } })).toThrow(message);
  });
});

describe('a collection face named wrongly', () => {
  it('is an error listing the faces the file has', () => {
    const fonts = loadFonts({ families: { serif: { regular: `${fixture('ExamCollection.ttc')}#SimSun` } } });
    expect(() => typeset('<doc title="t"><p>字</p></doc>', { template: 'x.hbs', fonts })).toThrow(
      /ExamCollection\.ttc has no face named "SimSun" \(family "serif"\)\. Its faces: DroidSansFallback, NotoSerifCJKsc-Regular\./,
    );
  });
});

describe('font files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-fontfiles-'));
  const openFiles = () =>
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      })
      .filter((f) => f.startsWith(dir));
  it.runIf(existsSync('/proc/self/fd'))('are read piecewise while a paper is set, and closed once it is written', () => {
    const file = join(dir, 'UserSong.ttf'); // a path no other test has read
    copyFileSync(fixture('DroidSansFallback-exam.ttf'), file);
    const fonts = loadFonts(corpusFonts(file));
    const doc = typeset(markup, { template: 'paper.hbs', fonts });
    expect(openFiles()).toEqual([file]);
    const first = writePdf(doc, fonts);
    expect(openFiles()).toEqual([]);
    expect(writePdf(doc, fonts).equals(first)).toBe(true); // opened again as needed, closed again
    expect(openFiles()).toEqual([]);
  });
});
