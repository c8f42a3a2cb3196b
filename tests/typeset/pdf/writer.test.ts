import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { backendFor, nUp, writePdf, type WritePdfOptions } from '../../../src/typeset/pdf/index.js';
import { TypesetError, type FontSet, type LaidOutDocument, type Page, type TextBox } from '../../../src/typeset/types.js';
import { openPdf, pdfProblems, pdfText, type PdfFile, type TextRun } from '../../support/pdf.js';
import { comparePixels } from '../../support/compare.js';
import { PdfRef, RawObjects } from '../../support/pdf-structure.js';
import { textBox } from './helpers.js';

const fonts = loadFonts();
const A4 = { width: 595.28, height: 841.89 };
const A6 = { width: 297.64, height: 419.53 };

function sampleDoc(): LaidOutDocument {
  return {
    info: { title: '客户经理服务规范测试卷', author: '培训部', subject: '服务礼仪', keywords: '礼仪, 考试' },
    pages: [
      {
        ...A4,
        boxes: [
          textBox(fonts, 72, 100, '一、单项选择题'),
          textBox(fonts, 72, 130, '客户经理应穿着整洁、得体的工作服装。', 'serif-bold'),
          textBox(fonts, 72, 160, '答题卡 ☐☑☒ ①②③ ABC', 'sans-regular', 14),
          { kind: 'line', x1: 72, y1: 170, x2: 300, y2: 170, width: 0.5, dash: [3, 2] },
          { kind: 'rect', x: 72, y: 200, w: 100, h: 40, fill: '#0000ff' },
          { kind: 'circle', cx: 300, cy: 220, r: 20, fill: '#ff0000' },
        ],
      },
      { ...A4, boxes: [textBox(fonts, 72, 100, '第二页的内容', 'sans-bold', 16)] },
    ],
  };
}

/** The glyph runs of every page, read back by pdf.js. */
async function runsOf(pdf: Buffer): Promise<TextRun[][]> {
  const file = await openPdf(pdf);
  return Promise.all((await file.pages()).map((p) => p.items()));
}

describe.each(['fast', 'pdfkit'] as const)('writePdf, %s backend', (backend) => {
  const write = (doc: LaidOutDocument, fontSet: FontSet = fonts, options: WritePdfOptions = {}) => writePdf(doc, fontSet, { ...options, backend });
  const pdf = write(sampleDoc());
  let file: PdfFile;
  beforeAll(async () => {
    file = await openPdf(pdf);
  });

  it('writes text that a reader extracts in reading order, page by page', async () => {
    expect((await file.text()).split('\f')).toEqual(['一、单项选择题\n客户经理应穿着整洁、得体的工作服装。\n答题卡 ☐☑☒ ①②③ ABC', '第二页的内容', '']);
  });

  it('renders without a complaint (pdf.js renders every page silently; xref and objects are sound)', async () => {
    expect(await pdfProblems(pdf)).toEqual([]);
  });

  it('embeds every face used as a subset with a ToUnicode map', async () => {
    const used = await file.fonts();
    expect(used.map((f) => f.baseName).sort()).toEqual(['NotoSansCJKsc-Bold', 'NotoSansCJKsc-Regular', 'NotoSerifCJKsc-Bold', 'NotoSerifCJKsc-Regular']);
    for (const font of used) {
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
      expect([font.type, font.embedded, font.toUnicode]).toEqual(['CID Type 0C', true, true]);
    }
  });

  it('keeps the subsets small (only the glyphs used)', () => {
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('records the metadata, page size, page count and zh-CN language', async () => {
    expect(file.info).toMatchObject({ Title: '客户经理服务规范测试卷', Author: '培训部', Subject: '服务礼仪', Keywords: '礼仪, 考试', Lang: 'zh-CN' });
    expect(file.info.CreationDate).toMatch(/2000/);
    expect(file.numPages).toBe(2);
    expect((await file.page(1)).size).toEqual({ width: 595.28, height: 841.89 });
  });

  it('says which backend wrote it', () => {
    expect(file.info.Producer).toBe(backend === 'fast' ? 'exampress' : 'exampress (pdfkit)');
  });

  it('gives byte-identical output for identical input', () => {
    expect(write(sampleDoc()).equals(pdf)).toBe(true);
  });

  it.runIf(backend === 'fast')('changes the document ID when the content changes (pdfkit hashes the information dictionary)', () => {
    const other = sampleDoc();
    other.pages[1]!.boxes = [textBox(fonts, 72, 100, '第三页的内容', 'sans-bold', 16)];
    const idOf = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    expect(idOf(pdf)).toMatch(/^[0-9a-f]{32}$/);
    expect(idOf(write(other))).not.toBe(idOf(pdf));
  });

  it('paints fills and text where the boxes say (page origin top-left)', async () => {
    const img = await (await file.page(1)).render({ dpi: 72 });
    expect(Math.abs(img.width - 595.28)).toBeLessThan(1);
    expect(img.rgb(120, 220)).toEqual([0, 0, 255]); // inside the blue rect
    expect(img.rgb(300, 220)).toEqual([255, 0, 0]); // centre of the red circle
    expect(img.rgb(330, 220)).toEqual([255, 255, 255]); // right of the circle
    expect(img.rgb(120, 260)).toEqual([255, 255, 255]); // below the rect
  });

  it('writes glyph codes that need escaping in a literal string (ids 10, 13, 40, 41, 92) correctly', async () => {
    // 300 distinct characters: subset ids 1..300 include the bytes ( ) \\ CR LF.
    const chars = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i * 3)).filter((c) => fonts.face('serif', false).hasChar(c.codePointAt(0)!));
    const lines = [];
    for (let i = 0; i < chars.length; i += 40) lines.push(chars.slice(i, i + 40).join(''));
    const boxes = lines.map((line, i) => textBox(fonts, 20, 40 + i * 16, line, 'serif-regular', 12));
    const p = write({ info: { title: 'escapes' }, pages: [{ ...A4, boxes }] });
    expect(await pdfText(p)).toBe(`${lines.join('\n')}\f`);
    expect(await pdfProblems(p)).toEqual([]);
  });

  it('puts every glyph exactly at x + dx[i]', async () => {
    const spaced = { ...textBox(fonts, 100, 300, '甲乙丙丁'), dx: [0, 30, 75.5, 140.25] };
    const [runs] = await runsOf(write({ info: { title: 't' }, pages: [{ ...A4, boxes: [spaced] }] }));
    expect(runs!.map((r) => r.str)).toEqual(['甲', '乙', '丙', '丁']);
    runs!.forEach((r, i) => expect(r.x).toBeCloseTo(100 + spaced.dx[i]!, 2));
    for (const r of runs!) expect(r.width).toBeCloseTo(12, 2);
    for (const r of runs!) expect(r.baseline).toBeCloseTo(300, 2);
  });

  it('keeps exact positions in evenly spread lines, and spacing does not leak into the next box', async () => {
    // Like a justified line: the same 20 pt extra after each glyph, except a squeezed gap.
    const spread = { ...textBox(fonts, 50, 300, '甲乙丙丁戊己'), dx: [0, 32, 64, 90, 122, 154] };
    const natural = textBox(fonts, 50, 340, '天地玄黄宇宙');
    const [runs] = await runsOf(write({ info: { title: 't' }, pages: [{ ...A4, boxes: [spread, natural] }] }));
    const spreadRuns = runs!.filter((r) => r.baseline === 300);
    expect(spreadRuns.map((r) => r.str)).toEqual([...'甲乙丙丁戊己']);
    spreadRuns.forEach((r, i) => expect(r.x).toBeCloseTo(50 + spread.dx[i]!, 2));
    const naturalRun = runs!.find((r) => r.str === '天地玄黄宇宙')!;
    expect(naturalRun.x).toBeCloseTo(50, 2);
    expect(naturalRun.width).toBeCloseTo(6 * 12, 2);
    expect(naturalRun.baseline).toBeCloseTo(340, 2);
  });

  it('draws a group under its transform (text rotated 90° reads downwards)', async () => {
    const rotated: Page = {
      ...A4,
      boxes: [{ kind: 'group', transform: [0, 1, -1, 0, 60, 400], boxes: [textBox(fonts, 0, 0, '密封线内不要答题', 'sans-regular', 14)] }],
    };
    const p = write({ info: { title: 'seal' }, pages: [rotated] });
    expect(await pdfText(p)).toBe('密封线内不要答题\f');
    const [[run]] = (await runsOf(p)) as [[TextRun]];
    // 8 characters of 14 pt run down the page from y = 400; the baseline is x = 60 with the
    // tops of the characters to its right (turned clockwise).
    expect(run.rotated).toBe(true);
    expect(run.height).toBeCloseTo(8 * 14, 2);
    expect(run.y).toBeCloseTo(400, 2);
    expect(run.x).toBeCloseTo(60 + fonts.face('sans', false).descent * 14, 1);
    expect(run.x + run.width).toBeCloseTo(60 + fonts.face('sans', false).ascent * 14, 1);
  });

  it('imposes A6 pages 4-up on an A4 sheet, each in its quarter', async () => {
    const pages: Page[] = [1, 2, 3, 4, 5].map((n) => ({ ...A6, boxes: [textBox(fonts, 30, 40, `手册第${n}页`)] }));
    const sheets = nUp(pages, { sheet: 'A4', cols: 2, rows: 2 });
    const p = write({ info: { title: '手册' }, pages }, fonts, { sheets });
    const imposed = await openPdf(p);
    expect(imposed.numPages).toBe(2);
    expect((await imposed.page(1)).size).toEqual({ width: 595.28, height: 841.89 });
    const [first, second] = await runsOf(p);
    const at = (n: number) => first!.find((r) => r.str === `手册第${n}页`)!;
    // Each A6 page sits centred in its quarter (297.64 × 420.945 pt), the text at (30, 40) of it.
    const top = (841.89 / 2 - 419.53) / 2;
    const cells = [1, 2, 3, 4].map((n) => [at(n).x, at(n).baseline].map((v) => Math.round(v * 100) / 100));
    const expected = [
      [30, 40 + top],
      [297.64 + 30, 40 + top],
      [30, 841.89 / 2 + 40 + top],
      [297.64 + 30, 841.89 / 2 + 40 + top],
    ];
    expect(cells).toEqual(expected.map((xy) => xy.map((v) => Math.round(v * 100) / 100)));
    expect(second!.map((r) => r.str)).toEqual(['手册第5页']);
    expect(await pdfProblems(p)).toEqual([]);
  });

  it('rotates pages on a sheet: two A5 pages side by side turned onto an A4 portrait sheet', async () => {
    const a5 = { width: 419.53, height: 595.28 };
    const pages: Page[] = [1, 2].map((n) => ({ ...a5, boxes: [textBox(fonts, 40, 60, `第${n}面`)] }));
    const sheets = nUp(pages, { sheet: 'A4', cols: 1, rows: 2, rotate: 90 });
    const p = write({ info: { title: 'a5' }, pages }, fonts, { sheets });
    expect((await openPdf(p)).numPages).toBe(1);
    const [runs] = await runsOf(p);
    expect(runs!.map((r) => r.str).sort()).toEqual(['第1面', '第2面']);
    // Turned clockwise, the text runs downwards near the right edge of each half.
    for (const r of runs!) {
      expect(r.rotated).toBe(true);
      expect(r.height).toBeGreaterThan(r.width);
      expect(r.x).toBeGreaterThan(595.28 - 60 - 20);
    }
  });

  it('writes a family without a bold file (bold and regular share one embedded font)', async () => {
    const regularOnly = loadFonts({ families: { serif: { regular: fonts.face('serif', false).file } } });
    const pages: Page[] = [{ ...A4, boxes: [textBox(regularOnly, 72, 100, '常规文字'), textBox(regularOnly, 72, 130, '加粗文字', 'serif-bold')] }];
    const p = write({ info: { title: 'one face' }, pages }, regularOnly);
    expect(await pdfText(p)).toBe('常规文字\n加粗文字\f');
    expect(await (await openPdf(p)).fonts()).toHaveLength(1);
    expect(await pdfProblems(p)).toEqual([]);
  });

  it('names an unknown face in a clear error', () => {
    const bad = { ...textBox(fonts, 0, 10, '字'), face: 'kai-regular' };
    expect(() => write({ info: { title: 'x' }, pages: [{ ...A4, boxes: [bad] }] })).toThrow(TypesetError);
    expect(() => write({ info: { title: 'x' }, pages: [{ ...A4, boxes: [bad] }] })).toThrow(/"kai-regular".*serif-regular/);
  });

  it('refuses to print a character the face has no glyph for', () => {
    const box = { ...textBox(fonts, 0, 10, '字字'), text: '字😀', dx: [0, 12] };
    expect(() => write({ info: { title: 'x' }, pages: [{ ...A4, boxes: [box] }] })).toThrow(
      /NotoSerifSC-Regular\.otf \(serif-regular\) has no glyph for "😀" \(U\+1F600\)/,
    );
  });

  it('rejects a text box whose offsets do not match its characters', () => {
    const bad = { ...textBox(fonts, 0, 10, '字字'), dx: [0] };
    expect(() => write({ info: { title: 'x' }, pages: [{ ...A4, boxes: [bad] }] })).toThrow(/1 offsets \(dx\) for 2 characters/);
  });

  it('refuses a document without pages', () => {
    expect(() => write({ info: { title: 'x' }, pages: [] })).toThrow(/no pages to write/);
  });

  it('rejects a sheet that places a page the document does not have', () => {
    const sheets = [{ ...A4, placements: [{ page: 3, transform: [1, 0, 0, 1, 0, 0] as [number, number, number, number, number, number] }] }];
    expect(() => write(sampleDoc(), fonts, { sheets })).toThrow(/Sheet 1 places page 4, but the document has 2 pages/);
  });
});

describe('the two backends', () => {
  it('draw the sample document alike at 150 dpi (pdf.js): nothing differs beyond a one-pixel shift of an edge', async () => {
    const [fast, viaPdfkit] = await Promise.all((['fast', 'pdfkit'] as const).map((backend) => openPdf(writePdf(sampleDoc(), fonts, { backend }))));
    for (let n = 1; n <= 2; n++) {
      const [a, b] = await Promise.all([fast!, viaPdfkit!].map(async (f) => (await f.page(n)).render({ dpi: 150 })));
      expect(a!.data.some((v) => v < 128)).toBe(true);
      const diff = comparePixels(a!, b!);
      expect(diff, `page ${n}: ${JSON.stringify(diff)}`).toMatchObject({ differing: 0 });
    }
  });

  it.each([0.5, 1])('the comparison sees one glyph moved by %s pt', async (shift) => {
    const moved = sampleDoc();
    const box = moved.pages[0]!.boxes[0] as TextBox;
    moved.pages[0]!.boxes[0] = { ...box, dx: box.dx.map((d, i) => (i === 3 ? d + shift : d)) };
    const [a, b] = await Promise.all([sampleDoc(), moved].map(async (d) => (await (await openPdf(writePdf(d, fonts, { backend: 'fast' }))).page(1)).render({ dpi: 150 })));
    expect(comparePixels(a!, b!).differing).toBeGreaterThan(0);
  });

  it('auto takes the fast backend for the bundled fonts and TrueType, pdfkit for CFF with subroutines; fast refuses that with the reason', () => {
    const ttf = fileURLToPath(new URL('../fonts/fixtures/DejaVuSans-Latin.ttf', import.meta.url));
    const otf = fileURLToPath(new URL('../../fixtures/fonts/NotoSerifCJKsc-exam.otf', import.meta.url));
    const latin = loadFonts({ families: { latin: { regular: ttf } } });
    const subrs = loadFonts({ families: { serif: { regular: otf } } });
    const latinDoc: LaidOutDocument = { info: { title: 't' }, pages: [{ ...A4, boxes: [textBox(latin, 72, 100, 'Checklist', 'latin-regular')] }] };
    const doc: LaidOutDocument = { info: { title: 't' }, pages: [{ ...A4, boxes: [textBox(subrs, 72, 100, '考试时间', 'serif-regular')] }] };
    expect(backendFor(sampleDoc(), fonts)).toBe('fast');
    expect(backendFor(latinDoc, latin)).toBe('fast');
    expect(backendFor(doc, subrs)).toBe('pdfkit');
    expect(() => writePdf(doc, subrs, { backend: 'fast' })).toThrow(/fast PDF backend cannot write this document: .*NotoSerifCJKsc-exam\.otf \(serif-regular\) is neither a TrueType font nor a CFF font without subroutines.*--pdf-backend pdfkit/);
  });
});

describe('writePdf with a TrueType font (a user font such as SimSun)', () => {
  const ttf = fileURLToPath(new URL('../fonts/fixtures/DejaVuSans-Latin.ttf', import.meta.url));
  const mixed = loadFonts({
    families: { latin: { regular: ttf }, serif: { regular: fonts.face('serif', false).file } },
    fallback: { latin: ['serif'] },
  });

  it('embeds it as a TrueType subset next to the CFF one, text extractable and drawable', async () => {
    const pages: Page[] = [
      { ...A4, boxes: [textBox(mixed, 72, 100, 'Checklist: ☐ open ☑ done', 'latin-regular', 14), textBox(mixed, 72, 130, '中文说明', 'serif-regular', 14)] },
    ];
    const p = writePdf({ info: { title: 'ttf' }, pages }, mixed);
    expect(await pdfText(p)).toBe('Checklist: ☐ open ☑ done\n中文说明\f');
    const used = await (await openPdf(p)).fonts();
    expect(used.map((f) => f.type).sort()).toEqual(['CID TrueType', 'CID Type 0C']);
    for (const font of used) expect([!!font.subsetTag, font.embedded, font.toUnicode]).toEqual([true, true, true]);
    expect(await pdfProblems(p)).toEqual([]);
  });
});

describe('the fast backend’s subsets', () => {
  it('hold their glyphs in the font’s own order, not in order of first use (they deflate smaller), and print the same', async () => {
    const text = '版排字文测试甲乙丙丁';
    const pdf = writePdf({ info: {}, pages: [{ ...A4, boxes: [textBox(fonts, 72, 100, text)] }] }, fonts, { backend: 'fast' });
    expect((await pdfText(pdf)).trim()).toBe(text);
    // The ToUnicode map lists CID 1, 2, … with the character each draws: their glyph ids in the face increase.
    const raw = new RawObjects(pdf);
    const type0 = raw.numbers().map((n) => raw.object(n)).find((o) => o.value instanceof Map && (o.value.get('Subtype') as { name?: string })?.name === 'Type0')!;
    const cmapObject = raw.object(((type0.value as Map<string, unknown>).get('ToUnicode') as PdfRef).num);
    const cmap = inflateSync(pdf.subarray(cmapObject.stream!.start, cmapObject.stream!.end)).toString('latin1');
    const codePoints = [.../\[([^\]]*)\]/.exec(cmap)![1]!.matchAll(/<([0-9a-f]{4})>/g)].map((m) => parseInt(m[1]!, 16)).slice(1);
    expect(codePoints.map((cp) => String.fromCodePoint(cp)).sort().join('')).toBe([...text].sort().join(''));
    const face = fonts.faces().find((f) => f.key === 'serif-regular')!;
    const gids = codePoints.map((cp) => face.glyphId(cp));
    expect(gids).toEqual([...gids].sort((a, b) => a - b));
  });
});
