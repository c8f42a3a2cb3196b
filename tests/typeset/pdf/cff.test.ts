// Our CFF subsetter must embed the same outlines as fontkit's: same pixels, sound fonts.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { readCffSource, writeCffSubset } from '../../../src/typeset/pdf/cff.js';
import { writePdf } from '../../../src/typeset/pdf/index.js';
import type { LaidOutDocument } from '../../../src/typeset/types.js';
import { openPdf, pdfProblems, type Rendering } from '../../support/pdf.js';
import { comparePixels } from '../../support/compare.js';
import { textBox } from './helpers.js';

const fonts = loadFonts();
const A4 = { width: 595.28, height: 841.89 };

/** Every page of the file rendered by pdf.js at `dpi`. */
async function renderAll(pdf: Buffer, dpi: number): Promise<Rendering[]> {
  const file = await openPdf(pdf);
  return Promise.all((await file.pages()).map((page) => page.render({ dpi })));
}

/** The deflated font programs (FontFile3 streams) in a PDF, in file order. */
function fontPrograms(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const out: Buffer[] = [];
  for (const m of text.matchAll(/\/Subtype \/CIDFontType0C[^>]*>>\s*stream\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('\nendstream', start);
    out.push(inflateSync(pdf.subarray(start, end)));
  }
  return out;
}

describe('our CFF subsetter', () => {
  const doc: LaidOutDocument = {
    info: { title: 'cff' },
    pages: [
      {
        ...A4,
        boxes: fonts.faces().flatMap((face, i) => [
          textBox(fonts, 40, 60 + i * 60, '客户经理应穿着整洁、得体的工作服装。——“引号”', face.key, 16),
          textBox(fonts, 40, 85 + i * 60, 'ABC xyz 123 ①②③ √×○●□■☐☑☒ ¥℃№', face.key, 16),
        ]),
      },
    ],
  };
  const ours = writePdf(doc, fonts);
  const theirs = writePdf(doc, fonts, { backend: 'pdfkit' });

  it('draws the same pixels as fontkit’s subsets (the pdfkit backend), up to anti-aliasing', async () => {
    expect(await pdfProblems(ours)).toEqual([]);
    const [a, b] = await Promise.all([renderAll(ours, 100), renderAll(theirs, 100)]);
    expect(a.map((r) => [r.width, r.height])).toEqual([[827, 1169]]);
    // Something was drawn: not every pixel is white.
    expect(a[0]!.data.some((v) => v < 128)).toBe(true);
    a.forEach((page, i) => expect(comparePixels(page, b[i]!), `page ${i + 1}`).toMatchObject({ differing: 0 }));
  });

  it('writes CID-keyed CFF with the glyphs used and nothing else', () => {
    const programs = fontPrograms(ours);
    expect(programs).toHaveLength(4);
    for (const cff of programs) {
      expect(cff[0]).toBe(1); // CFF version 1
      const source = readCffSource(cff)!;
      expect(source).toBeDefined();
      // .notdef plus the distinct characters of the two lines (space included).
      const distinct = new Set([...'客户经理应穿着整洁、得体的工作服装。——“引号”ABC xyz 123 ①②③ √×○●□■☐☑☒ ¥℃№']).size;
      expect(source.fdOfGlyph.length).toBe(1 + distinct);
    }
    const total = (list: Buffer[]) => list.reduce((n, b) => n + b.length, 0);
    // All font DICTs and 4-byte offsets are kept: a few hundred bytes more than fontkit, no more.
    expect(total(programs)).toBeLessThan(total(fontPrograms(theirs)) * 1.05);
  });

  it('reads back what it writes: the same charstrings in subset order', () => {
    const file = fonts.face('sans', true).file;
    const otf = readFileSync(file);
    const tableAt = otf.indexOf('CFF ');
    const offset = otf.readUInt32BE(tableAt + 8);
    const length = otf.readUInt32BE(tableAt + 12);
    const source = readCffSource(otf.subarray(offset, offset + length))!;
    const glyphs = [0, 500, 20, 7000];
    const again = readCffSource(writeCffSubset(source, glyphs))!;
    glyphs.forEach((gid, i) => {
      const original = source.charStrings.data.subarray(source.charStrings.offsets[gid]!, source.charStrings.offsets[gid + 1]!);
      const copied = again.charStrings.data.subarray(again.charStrings.offsets[i]!, again.charStrings.offsets[i + 1]!);
      expect(Buffer.from(copied).equals(Buffer.from(original))).toBe(true);
      expect(again.fdOfGlyph[i]).toBe(source.fdOfGlyph[gid]);
    });
    expect(again.fontDicts.map((fd) => Buffer.from(fd.privateDict).toString('hex'))).toEqual(
      source.fontDicts.map((fd) => Buffer.from(fd.privateDict).toString('hex')),
    );
  });
});
