// The PDF reading helper itself: what it reads back from a file our writer made, and that it
// complains about broken files (a helper that cannot fail would make every test using it moot).
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/typeset/fonts/index.js';
import { writePdf } from '../../src/typeset/pdf/index.js';
import type { LaidOutDocument } from '../../src/typeset/types.js';
import { textBox } from '../typeset/pdf/helpers.js';
import { openPdf, PdfComplaint, pdfProblems, pdfText, structureProblems } from './pdf.js';

const fonts = loadFonts();
const A4 = { width: 595.28, height: 841.89 };
const A5 = { width: 419.53, height: 595.28 };

const doc: LaidOutDocument = {
  info: { title: '读回测试', author: '培训部', subject: '礼仪', keywords: 'a, b' },
  pages: [
    {
      ...A4,
      boxes: [
        textBox(fonts, 72, 100, '第一行文字'),
        textBox(fonts, 72, 130, '第二行', 'sans-bold', 16),
        textBox(fonts, 200, 130, '同一行'),
        { kind: 'rect', x: 300, y: 300, w: 50, h: 50, fill: '#00ff00' },
      ],
    },
    { ...A5, boxes: [textBox(fonts, 40, 50, '第二页')] },
  ],
};
const pdf = writePdf(doc, fonts);

/** The file with (every) `from` replaced by `to` (same length, so the xref stays right). */
function patched(bytes: Buffer, from: string, to: string, every = false): Buffer {
  expect(to.length).toBe(from.length);
  const out = Buffer.from(bytes);
  let at = bytes.indexOf(from, 0, 'latin1');
  expect(at).toBeGreaterThan(0);
  do {
    out.write(to, at, 'latin1');
    at = bytes.indexOf(from, at + 1, 'latin1');
  } while (every && at >= 0);
  return out;
}

describe('openPdf', () => {
  it('reads the info dictionary, the catalog language and page sizes (pages counted from 1)', async () => {
    const file = await openPdf(pdf);
    expect(file.numPages).toBe(2);
    expect(file.info).toMatchObject({ Title: '读回测试', Author: '培训部', Subject: '礼仪', Keywords: 'a, b', Lang: 'zh-CN' });
    expect((await file.page(1)).size).toEqual({ width: 595.28, height: 841.89 });
    expect((await file.page(2)).size).toEqual({ width: 419.53, height: 595.28 });
    await expect(file.page(3)).rejects.toThrow(/pages 1\.\.2, not 3/);
  });

  it('gives text line by line in reading order, pages ended by a form feed', async () => {
    expect(await pdfText(pdf)).toBe('第一行文字\n第二行 同一行\f第二页\f');
  });

  it('gives glyph runs with boxes from the top-left in points, and their fonts', async () => {
    const page = await (await openPdf(pdf)).page(1);
    const runs = await page.items();
    expect(runs.map((r) => r.str)).toEqual(['第一行文字', '第二行', '同一行']);
    const [first, second] = runs;
    expect(first!.x).toBeCloseTo(72, 3);
    expect(first!.baseline).toBeCloseTo(100, 3);
    expect(first!.width).toBeCloseTo(5 * 12, 3);
    expect(first!.y).toBeCloseTo(100 - fonts.face('serif', false).ascent * 12, 1);
    expect(second!.size).toBeCloseTo(16, 3);
    expect(second!.fontName).toMatch(/^[A-Z]{6}\+NotoSansCJKsc-Bold$/);
    const used = await page.fonts();
    expect(used.map((f) => [f.baseName, f.type, f.embedded, f.toUnicode])).toEqual([
      ['NotoSerifCJKsc-Regular', 'CID Type 0C', true, true],
      ['NotoSansCJKsc-Bold', 'CID Type 0C', true, true],
    ]);
    for (const f of used) expect(f.name).toBe(`${f.subsetTag}+${f.baseName}`);
  });

  it('renders a page to pixels (72 dpi: one pixel per point)', async () => {
    const page = await (await openPdf(pdf)).page(1);
    const img = await page.render();
    expect([img.width, img.height]).toEqual([595, 842]);
    expect(img.rgb(325, 325)).toEqual([0, 255, 0]);
    expect(img.rgb(10, 10)).toEqual([255, 255, 255]);
    const png = img.toPNG();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((await page.render({ dpi: 144 })).width).toBe(1191);
  });

  it('reports a font whose ToUnicode map is gone, and the text no longer reads', async () => {
    const bare = patched(pdf, '/ToUnicode', '/ToUnicodX', true);
    const page = await (await openPdf(bare)).page(1);
    expect((await page.fonts()).map((f) => f.toUnicode)).toEqual([false, false]);
    expect(await page.text()).not.toContain('第一行文字');
  });
});

describe('complaints', () => {
  it('finds nothing wrong with a sound file', async () => {
    expect(structureProblems(pdf)).toEqual([]);
    expect(await pdfProblems(pdf)).toEqual([]);
  });

  it('turns a pdf.js warning into a failure (a damaged font program)', async () => {
    const s = pdf.toString('latin1');
    const at = s.indexOf('stream\n', s.indexOf('/Subtype /CIDFontType0C')) + 'stream\n'.length;
    const broken = Buffer.from(pdf);
    broken.fill(0x41, at + 10, at + 60);
    await expect(pdfText(broken)).rejects.toThrow(PdfComplaint);
    expect((await pdfProblems(broken)).join('\n')).toMatch(/pdf\.js: .*font/);
    const lenient = await openPdf(broken, { strict: false });
    await (await lenient.page(1)).text();
    expect(lenient.warnings.length).toBeGreaterThan(0);
  });

  it('checks the cross-reference table and the objects it points at', async () => {
    const s = pdf.toString('latin1');
    // An xref offset one byte off.
    const entry = /\n(\d{10}) 00000 n \n/.exec(s.slice(s.lastIndexOf('\nxref\n')))!;
    const off = patched(pdf, entry[0], `\n${String(Number(entry[1]) + 1).padStart(10, '0')} 00000 n \n`);
    expect(structureProblems(off).join('\n')).toMatch(/xref offset \d+ of object 1 points at/);
    // A stream /Length one short.
    const len = /\/Length (\d+)/.exec(s)!;
    const short = patched(pdf, len[0], `/Length ${String(Number(len[1]) - 1).padStart(len[1]!.length, ' ')}`);
    expect(structureProblems(short).join('\n')).toMatch(/\/Length \d+ does not end at "endstream"/);
    // A reference to an object that is not there (object 0 is always free).
    const ref = / (\d+) 0 R/.exec(s)!;
    const dangling = patched(pdf, ref[0], ` ${'0'.repeat(ref[1]!.length)} 0 R`);
    expect(structureProblems(dangling).join('\n')).toMatch(/refers to object 0, which is not in the file/);
    // The trailer's /Size off by one, and a missing startxref.
    const size = /\/Size (\d+)/.exec(s.slice(s.lastIndexOf('trailer')))!;
    const bigger = `/Size ${Number(size[1]) + 1}`.padEnd(size[0].length);
    expect(structureProblems(patched(pdf, size[0], bigger)).join('\n')).toMatch(/trailer \/Size/);
    expect(structureProblems(pdf.subarray(0, pdf.length - 30))).toEqual([expect.stringMatching(/startxref/)]);
  });
});
