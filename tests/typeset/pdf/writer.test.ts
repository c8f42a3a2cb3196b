import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { nUp, writePdf } from '../../../src/typeset/pdf/index.js';
import { TypesetError, type LaidOutDocument, type Page } from '../../../src/typeset/types.js';
import { pdffontsRows } from './poppler.js';
import { pdfinfo, pdftotext, rasterize, renderErrors, save, textBox, wordBoxes } from './helpers.js';

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

describe('writePdf', () => {
  const pdf = writePdf(sampleDoc(), fonts);
  const path = save(pdf, 'sample');

  it('writes text that pdftotext extracts in reading order, page by page', () => {
    const pages = pdftotext(path, '-layout').split('\f');
    expect(pages[0]).toMatch(/一、单项选择题\s+客户经理应穿着整洁、得体的工作服装。\s+答题卡 ☐☑☒ ①②③ ABC/);
    expect(pages[1]).toMatch(/第二页的内容/);
  });

  it('renders without a complaint from poppler (font programs and content are sound)', () => {
    expect(renderErrors(path)).toBe('');
  });

  it('embeds every face used as a subset with a ToUnicode map', () => {
    const rows = pdffontsRows(path);
    expect(rows.map((r) => r.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansCJKsc-Bold',
      'NotoSansCJKsc-Regular',
      'NotoSerifCJKsc-Bold',
      'NotoSerifCJKsc-Regular',
    ]);
    for (const row of rows) {
      expect(row.name).toMatch(/^[A-Z]{6}\+/);
      expect([row.emb, row.sub, row.uni]).toEqual(['yes', 'yes', 'yes']);
    }
  });

  it('keeps the subsets small (only the glyphs used)', () => {
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('records the metadata, page size, page count and zh-CN language', () => {
    const info = pdfinfo(path);
    expect(info.Title).toBe('客户经理服务规范测试卷');
    expect(info.Author).toBe('培训部');
    expect(info.Subject).toBe('服务礼仪');
    expect(info.Keywords).toBe('礼仪, 考试');
    expect(info.Pages).toBe('2');
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts/);
    expect(info.CreationDate).toMatch(/2000/);
    expect(pdf.toString('latin1')).toContain('/Lang (zh-CN)');
  });

  it('gives byte-identical output for identical input', () => {
    expect(writePdf(sampleDoc(), fonts).equals(pdf)).toBe(true);
  });

  it('changes the document ID when the content changes', () => {
    const other = sampleDoc();
    other.pages[1]!.boxes = [textBox(fonts, 72, 100, '第三页的内容', 'sans-bold', 16)];
    const idOf = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    expect(idOf(pdf)).toMatch(/^[0-9a-f]{32}$/);
    expect(idOf(writePdf(other, fonts))).not.toBe(idOf(pdf));
  });

  it('paints fills and text where the boxes say (page origin top-left)', () => {
    const img = rasterize(path);
    expect(Math.abs(img.width - 595.28)).toBeLessThan(1);
    expect(img.rgb(120, 220)).toEqual([0, 0, 255]); // inside the blue rect
    expect(img.rgb(300, 220)).toEqual([255, 0, 0]); // centre of the red circle
    expect(img.rgb(330, 220)).toEqual([255, 255, 255]); // right of the circle
    expect(img.rgb(120, 260)).toEqual([255, 255, 255]); // below the rect
  });

  it('writes glyph codes that need escaping in a literal string (ids 10, 13, 40, 41, 92) correctly', () => {
    // 300 distinct characters: subset ids 1..300 include the bytes ( ) \\ CR LF.
    const chars = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i * 3)).filter((c) => fonts.face('serif', false).hasChar(c.codePointAt(0)!));
    const lines = [];
    for (let i = 0; i < chars.length; i += 40) lines.push(chars.slice(i, i + 40).join(''));
    const boxes = lines.map((line, i) => textBox(fonts, 20, 40 + i * 16, line, 'serif-regular', 12));
    const p = save(writePdf({ info: { title: 'escapes' }, pages: [{ ...A4, boxes }] }, fonts), 'escapes');
    expect(pdftotext(p).split(/\s+/).filter(Boolean)).toEqual(lines);
    expect(renderErrors(p)).toBe('');
  });

  it('puts every glyph exactly at x + dx[i]', () => {
    const spaced = { ...textBox(fonts, 100, 300, '甲乙丙丁'), dx: [0, 30, 75.5, 140.25] };
    const p = save(writePdf({ info: { title: 't' }, pages: [{ ...A4, boxes: [spaced] }] }, fonts), 'dx');
    const words = wordBoxes(p)[0]!;
    expect(words.map((w) => w.text)).toEqual(['甲', '乙', '丙', '丁']);
    words.forEach((w, i) => expect(w.xMin).toBeCloseTo(100 + spaced.dx[i]!, 1));
    for (const w of words) expect(w.xMax - w.xMin).toBeCloseTo(12, 1);
  });

  it('keeps exact positions in evenly spread lines, and spacing does not leak into the next box', () => {
    // Like a justified line: the same 20 pt extra after each glyph, except a squeezed gap.
    const spread = { ...textBox(fonts, 50, 300, '甲乙丙丁戊己'), dx: [0, 32, 64, 90, 122, 154] };
    const natural = textBox(fonts, 50, 340, '天地玄黄宇宙');
    const p = save(writePdf({ info: { title: 't' }, pages: [{ ...A4, boxes: [spread, natural] }] }, fonts), 'spread');
    const [words] = wordBoxes(p);
    const spreadWords = words!.filter((w) => w.yMax < 320);
    expect(spreadWords.map((w) => w.text).join('')).toBe('甲乙丙丁戊己');
    spreadWords.forEach((w, i) => expect(w.xMin).toBeCloseTo(50 + spread.dx[i]!, 1));
    const naturalWord = words!.find((w) => w.text === '天地玄黄宇宙')!;
    expect(naturalWord.xMin).toBeCloseTo(50, 1);
    expect(naturalWord.xMax).toBeCloseTo(50 + 6 * 12, 1);
  });

  it('draws a group under its transform (text rotated 90° reads downwards)', () => {
    const rotated: Page = {
      ...A4,
      boxes: [{ kind: 'group', transform: [0, 1, -1, 0, 60, 400], boxes: [textBox(fonts, 0, 0, '密封线内不要答题', 'sans-regular', 14)] }],
    };
    const p = save(writePdf({ info: { title: 'seal' }, pages: [rotated] }, fonts), 'rotated');
    expect(pdftotext(p)).toContain('密封线内不要答题');
    const [word] = wordBoxes(p)[0]!;
    // 8 characters of 14 pt run down the page from y = 400; the baseline is x = 60 with the
    // tops of the characters to its right (turned clockwise).
    expect(word!.yMax - word!.yMin).toBeCloseTo(8 * 14, 0);
    expect(word!.yMin).toBeCloseTo(400, 0);
    expect(word!.xMin).toBeCloseTo(60 + fonts.face('sans', false).descent * 14, 0);
    expect(word!.xMax).toBeCloseTo(60 + fonts.face('sans', false).ascent * 14, 0);
  });

  it('imposes A6 pages 4-up on an A4 sheet, each in its quarter', () => {
    const pages: Page[] = [1, 2, 3, 4, 5].map((n) => ({ ...A6, boxes: [textBox(fonts, 30, 40, `手册第${n}页`)] }));
    const sheets = nUp(pages, { sheet: 'A4', cols: 2, rows: 2 });
    const p = save(writePdf({ info: { title: '手册' }, pages }, fonts, { sheets }), 'imposed');
    const info = pdfinfo(p);
    expect(info.Pages).toBe('2');
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts/);
    const [first, second] = wordBoxes(p);
    const at = (n: number) => first!.find((w) => w.text === `手册第${n}页`)!;
    expect(at(1).xMin).toBeCloseTo(30, 0);
    expect(at(2).xMin).toBeCloseTo(297.64 + 30, 0);
    expect(at(3).yMax).toBeGreaterThan(420);
    expect(at(4).xMin).toBeGreaterThan(297);
    expect(second!.map((w) => w.text)).toEqual(['手册第5页']);
    expect(renderErrors(p)).toBe('');
  });

  it('rotates pages on a sheet: two A5 pages side by side turned onto an A4 portrait sheet', () => {
    const a5 = { width: 419.53, height: 595.28 };
    const pages: Page[] = [1, 2].map((n) => ({ ...a5, boxes: [textBox(fonts, 40, 60, `第${n}面`)] }));
    const sheets = nUp(pages, { sheet: 'A4', cols: 1, rows: 2, rotate: 90 });
    const p = save(writePdf({ info: { title: 'a5' }, pages }, fonts, { sheets }), 'rotated-sheet');
    expect(pdfinfo(p).Pages).toBe('1');
    expect(pdftotext(p)).toMatch(/第1面[\s\S]*第2面|第2面[\s\S]*第1面/);
    const words = wordBoxes(p)[0]!;
    // Turned clockwise, the text runs downwards near the right edge of each half.
    for (const w of words) {
      expect(w.yMax - w.yMin).toBeGreaterThan(w.xMax - w.xMin);
      expect(w.xMin).toBeGreaterThan(595.28 - 60 - 20);
    }
  });

  it('writes a family without a bold file (bold and regular share one embedded font)', () => {
    const regularOnly = loadFonts({ families: { serif: { regular: fonts.face('serif', false).file } } });
    const pages: Page[] = [{ ...A4, boxes: [textBox(regularOnly, 72, 100, '常规文字'), textBox(regularOnly, 72, 130, '加粗文字', 'serif-bold')] }];
    const p = save(writePdf({ info: { title: 'one face' }, pages }, regularOnly), 'regular-only');
    expect(pdftotext(p)).toMatch(/常规文字\s+加粗文字/);
    expect(pdffontsRows(p)).toHaveLength(1);
    expect(renderErrors(p)).toBe('');
  });

  it('names an unknown face in a clear error', () => {
    const bad = { ...textBox(fonts, 0, 10, '字'), face: 'kai-regular' };
    expect(() => writePdf({ info: { title: 'x' }, pages: [{ ...A4, boxes: [bad] }] }, fonts)).toThrow(TypesetError);
    expect(() => writePdf({ info: { title: 'x' }, pages: [{ ...A4, boxes: [bad] }] }, fonts)).toThrow(/"kai-regular".*serif-regular/);
  });

  it('refuses to print a character the face has no glyph for', () => {
    const box = { ...textBox(fonts, 0, 10, '字字'), text: '字😀', dx: [0, 12] };
    expect(() => writePdf({ info: { title: 'x' }, pages: [{ ...A4, boxes: [box] }] }, fonts)).toThrow(
      /NotoSerifSC-Regular\.otf \(serif-regular\) has no glyph for "😀" \(U\+1F600\)/,
    );
  });

  it('rejects a text box whose offsets do not match its characters', () => {
    const bad = { ...textBox(fonts, 0, 10, '字字'), dx: [0] };
    expect(() => writePdf({ info: { title: 'x' }, pages: [{ ...A4, boxes: [bad] }] }, fonts)).toThrow(/1 offsets \(dx\) for 2 characters/);
  });

  it('refuses a document without pages', () => {
    expect(() => writePdf({ info: { title: 'x' }, pages: [] }, fonts)).toThrow(/no pages to write/);
  });

  it('rejects a sheet that places a page the document does not have', () => {
    const sheets = [{ ...A4, placements: [{ page: 3, transform: [1, 0, 0, 1, 0, 0] as [number, number, number, number, number, number] }] }];
    expect(() => writePdf(sampleDoc(), fonts, { sheets })).toThrow(/Sheet 1 places page 4, but the document has 2 pages/);
  });
});

describe('writePdf with a TrueType font (a user font such as SimSun)', () => {
  const ttf = fileURLToPath(new URL('../fonts/fixtures/DejaVuSans-Latin.ttf', import.meta.url));
  const mixed = loadFonts({
    families: { latin: { regular: ttf }, serif: { regular: fonts.face('serif', false).file } },
    fallback: { latin: ['serif'] },
  });

  it('embeds it as a TrueType subset next to the CFF one, text extractable and drawable', () => {
    const pages: Page[] = [
      { ...A4, boxes: [textBox(mixed, 72, 100, 'Checklist: ☐ open ☑ done', 'latin-regular', 14), textBox(mixed, 72, 130, '中文说明', 'serif-regular', 14)] },
    ];
    const p = save(writePdf({ info: { title: 'ttf' }, pages }, mixed), 'truetype');
    expect(pdftotext(p)).toMatch(/Checklist: ☐ open ☑ done\s+中文说明/);
    const rows = pdffontsRows(p);
    expect(rows.map((r) => r.type).sort()).toEqual(['CID TrueType', 'CID Type 0C']);
    for (const row of rows) expect([row.emb, row.sub, row.uni]).toEqual(['yes', 'yes', 'yes']);
    expect(renderErrors(p)).toBe('');
  });
});
