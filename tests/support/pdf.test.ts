// The PDF reading helper itself: what it reads back from a file our writer made, and that it
// complains about broken files (a helper that cannot fail would make every test using it moot).
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/typeset/fonts/index.js';
import { writePdf } from '../../src/typeset/pdf/index.js';
import type { LaidOutDocument } from '../../src/typeset/types.js';
import { textBox } from '../typeset/pdf/helpers.js';
import { deflateSync } from 'node:zlib';
import { openPdf, PdfComplaint, pdfProblems, pdfText, structureProblems } from './pdf.js';
import { PdfRef, RawObjects } from './pdf-structure.js';

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
// pdfkit's file: a classic cross-reference table and plain dictionaries, easy to damage by hand.
const classic = writePdf(doc, fonts, { backend: 'pdfkit' });

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
    const bare = patched(classic, '/ToUnicode', '/ToUnicodX', true);
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
    expect(structureProblems(classic)).toEqual([]);
    const s = classic.toString('latin1');
    // An xref offset one byte off.
    const entry = /\n(\d{10}) 00000 n \n/.exec(s.slice(s.lastIndexOf('\nxref\n')))!;
    const off = patched(classic, entry[0], `\n${String(Number(entry[1]) + 1).padStart(10, '0')} 00000 n \n`);
    expect(structureProblems(off).join('\n')).toMatch(/xref offset \d+ of object 1 points at/);
    // A stream /Length one short.
    const len = /\/Length (\d+)/.exec(s)!;
    const short = patched(classic, len[0], `/Length ${String(Number(len[1]) - 1).padStart(len[1]!.length, ' ')}`);
    expect(structureProblems(short).join('\n')).toMatch(/\/Length \d+ does not end at "endstream"/);
    // A reference to an object that is not there (object 0 is always free).
    const ref = / (\d+) 0 R/.exec(s)!;
    const dangling = patched(classic, ref[0], ` ${'0'.repeat(ref[1]!.length)} 0 R`);
    expect(structureProblems(dangling).join('\n')).toMatch(/refers to object 0, which is not in the file/);
    // The trailer's /Size off by one, and a missing startxref.
    const size = /\/Size (\d+)/.exec(s.slice(s.lastIndexOf('trailer')))!;
    const bigger = `/Size ${Number(size[1]) + 1}`.padEnd(size[0].length);
    expect(structureProblems(patched(classic, size[0], bigger)).join('\n')).toMatch(/trailer \/Size/);
    expect(structureProblems(classic.subarray(0, classic.length - 30))).toEqual([expect.stringMatching(/startxref/)]);
  });

  it('checks a cross-reference stream and the object stream it points into (our writer’s files)', () => {
    expect(new RawObjects(pdf).xrefStream).toBe(true);
    expect(new RawObjects(pdf).packed.size).toBeGreaterThan(5);
    // An offset one byte off, and an object said to be in the object stream at the wrong place.
    const offsetOff = withXrefEntries(pdf, (rows) => {
      const row = rows.find((r) => r[0] === 1)!;
      row[1] += 1;
    });
    expect(structureProblems(offsetOff).join('\n')).toMatch(/xref offset \d+ of object \d+ points at/);
    const wrongIndex = withXrefEntries(pdf, (rows) => {
      const row = rows.find((r) => r[0] === 2)!;
      row[2] += 1;
    });
    expect(structureProblems(wrongIndex).join('\n')).toMatch(/object \d+ is not entry \d+ of object stream \d+/);
    // The catalog is one of the objects inside the object stream.
    const objects = new RawObjects(pdf);
    const catalog = (objects.trailer.get('Root') as PdfRef).num;
    expect(objects.packed.has(catalog)).toBe(true);
  });
});

/** Our writer's file with its cross-reference stream's rows ([type, field 2, field 3]) edited. */
function withXrefEntries(bytes: Buffer, edit: (rows: number[][]) => void): Buffer {
  const objects = new RawObjects(bytes);
  const xrefAt = Number(/startxref\s+(\d+)/.exec(bytes.subarray(-40).toString('latin1'))![1]);
  const num = Number(/^(\d+)/.exec(bytes.subarray(xrefAt, xrefAt + 12).toString('latin1'))![1]);
  const dict = objects.object(num).value as Map<string, unknown>;
  const widths = dict.get('W') as number[];
  const data = objects.streamData(num);
  const row = widths.reduce((a, b) => a + b, 0);
  const rows: number[][] = [];
  for (let at = 0; at < data.length; at += row) {
    let k = at;
    rows.push(widths.map((w) => {
      let v = 0;
      for (let i = 0; i < w; i++) v = v * 256 + data[k++]!;
      return v;
    }));
  }
  edit(rows);
  const table = Buffer.alloc(data.length);
  rows.forEach((r, n) => {
    let k = n * row;
    r.forEach((v, f) => {
      table.writeUIntBE(v, k, widths[f]!);
      k += widths[f]!;
    });
  });
  const stream = deflateSync(table);
  const head = bytes.subarray(xrefAt, objects.object(num).stream!.start).toString('latin1').replace(/\/Length \d+/, `/Length ${stream.length}`);
  return Buffer.concat([bytes.subarray(0, xrefAt), Buffer.from(head, 'latin1'), stream, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]);
}
