// The entry point with the real fonts, line engine and PDF writer; the PDF is read back
// with pdf.js (tests/support/pdf.ts) the way a user would see it.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARKUP_SPEC, parseMarkup, renderPdf, typeset, TypesetError } from '../../src/typeset/index.js';
import type { ElementNode } from '../../src/typeset/types.js';
import type { Box } from '../../src/typeset/types.js';
import { openPdf, pdfProblems, type PdfFile } from '../support/pdf.js';

const sample = readFileSync(new URL('../fixtures/sample.xml', import.meta.url), 'utf8');

function allText(boxes: readonly Box[]): string {
  return boxes.map((b) => (b.kind === 'text' ? b.text : b.kind === 'group' ? allText(b.boxes) : '')).join('');
}

describe('the sample document', () => {
  it('uses every element of the markup', () => {
    const seen = new Set<string>();
    const walk = (n: ElementNode): void => {
      seen.add(n.name);
      for (const c of n.children) if (c.type === 'element') walk(c);
    };
    walk(parseMarkup(sample, 'sample.xml'));
    expect([...Object.keys(MARKUP_SPEC)].filter((name) => !seen.has(name))).toEqual([]);
  });
});

describe('typeset (real fonts and line engine)', () => {
  const doc = typeset(sample, { template: 'sample.xml' });

  it('lays the sample out on A4 portrait pages and one A4 landscape answer-sheet page', () => {
    const mm = (pt: number) => Math.round((pt * 25.4) / 72);
    expect(doc.pages.map((p) => `${mm(p.width)}x${mm(p.height)}`)).toEqual(['210x297', '210x297', '297x210', '210x297']);
    expect(doc.info.title).toBe('银行个人客户经理岗位考试\uFF08A 卷\uFF09');
    expect(doc.warnings).toBeUndefined();
  });

  it('numbers the footer with the real page total', () => {
    // The line engine drops the space between 页 and 共 from the text (it sets it as spacing).
    doc.pages.forEach((p, i) => expect(allText(p.boxes)).toMatch(new RegExp(`第 ?${i + 1} ?页 ?共 ?${doc.pages.length} ?页`)));
  });

  it('names the template line and the bank question when no font can draw a character', () => {
    const xml = '<doc>\n<keep from="ZD-001">\n  <p>古字\u{20000}</p>\n</keep></doc>';
    let err: unknown;
    try {
      typeset(xml, { template: 'paper.hbs' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypesetError);
    expect((err as TypesetError).message).toMatch(/^paper\.hbs:3:3 \(question ZD-001\): .*U\+20000/);
    expect((err as TypesetError).from).toBe('ZD-001');
  });

  it('rejects bad markup before layout, located', () => {
    expect(() => typeset('<doc><options><p>x</p></options></doc>', { template: 'paper.hbs' })).toThrow(/paper\.hbs:1:15: <p> is only allowed inside/);
  });
});

describe('an A3 landscape two-column paper (real line engine)', () => {
  const question = (i: number): string =>
    `<keep from="Q-${i}"><p hang="1.5em" space-before="0.3em">${i}. 【${i}】客户经理在营业网点接待前来咨询的客户时,${'首先应当做到的是'.repeat((i % 4) + 1)}<blank type="bracket"/>。</p>` +
    `<options><opt>起身迎接</opt><opt>${i % 3 ? '递送名片并详细介绍产品的收益和风险情况' : '递送名片'}</opt><opt>推荐理财产品</opt><opt>查询资产《${i}》</opt></options></keep>`;
  const xml = `<doc size="A3" orientation="landscape" columns="2" column-gap="16mm" binding-margin="15mm"><seal fields="姓名,工号"/>
    <footer>第 <page-number/> 页 共 <page-count/> 页</footer><h1>银行个人客户经理岗位考试</h1><h2>一、单项选择题</h2>${Array.from({ length: 70 }, (_, i) => question(i + 1)).join('')}</doc>`;
  const doc = typeset(xml, { template: 'a3.hbs' });

  it('keeps every question with its options in one column of one page', () => {
    expect(doc.pages.length).toBeGreaterThan(1);
    const where = (needle: string): string => {
      for (const [p, page] of doc.pages.entries()) {
        const hit = textBoxes(page.boxes).find((b) => b.text.includes(needle));
        if (hit) return `${p}:${hit.x < page.width / 2 ? 'L' : 'R'}`;
      }
      return 'missing';
    };
    for (let i = 1; i <= 70; i++) {
      const start = where(`【${i}】`);
      expect(start, `question ${i}`).not.toBe('missing');
      expect(where(`《${i}》`), `question ${i}`).toBe(start);
    }
  });

  it('keeps all text inside the margins, the binding on the inner side (the seal and footer live outside by design)', () => {
    const mm = 72 / 25.4;
    for (const [i, page] of doc.pages.entries()) {
      const odd = i % 2 === 0;
      const left = (odd ? 35 : 20) * mm;
      const right = page.width - (odd ? 20 : 35) * mm;
      for (const b of page.boxes) {
        if (b.kind !== 'text') continue;
        if (b.y > page.height - 20 * mm) continue; // the footer
        expect(b.x).toBeGreaterThanOrEqual(left - 0.5);
        expect(b.x + b.dx[b.dx.length - 1]! + b.size).toBeLessThanOrEqual(right + 0.5);
        expect(b.y - b.size).toBeGreaterThanOrEqual(20 * mm - 0.5);
      }
    }
  });
});

function textBoxes(boxes: readonly Box[]): Array<Extract<Box, { kind: 'text' }>> {
  return boxes.flatMap((b) => (b.kind === 'text' ? [b] : b.kind === 'group' ? textBoxes(b.boxes) : []));
}

describe('renderPdf (read back with pdf.js)', () => {
  let pdf: Buffer;
  let file: PdfFile;
  let text = '';

  beforeAll(async () => {
    pdf = await renderPdf(sample, { template: 'sample.xml' });
    file = await openPdf(pdf);
    // Content-stream order, which layout writes in reading order.
    text = await file.text();
  });

  it('has the real page count, A4 pages and the landscape answer sheet', async () => {
    expect(file.numPages).toBe(4);
    expect(file.info.Title).toBe('银行个人客户经理岗位考试\uFF08A 卷\uFF09');
    const sizes = (await file.pages()).map((p) => `${p.size.width.toFixed(1)}x${p.size.height.toFixed(1)}`);
    expect(sizes).toEqual(['595.3x841.9', '595.3x841.9', '841.9x595.3', '595.3x841.9']);
  });

  it('renders every page without a complaint from pdf.js or our xref check', async () => {
    expect(await pdfProblems(pdf)).toEqual([]);
  });

  it('reads in exam order: title, instructions, sections, questions, options', () => {
    const flat = text.replace(/\s+/g, '');
    const order = ['银行个人客户经理岗位考试', '考生须知', '一、单项选择题', '1.对于严重违反', 'A.调离原岗位', 'D.予以解聘', '2.根据', '二、判断题', '三、填空题', '四、简答题', '答题卡', '营业前准备检查表', '附录目录', '附录仪容仪表规范摘录'];
    const at = order.map((s) => flat.indexOf(s));
    for (const [i, pos] of at.entries()) expect(pos, order[i]).toBeGreaterThanOrEqual(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(flat).toContain('第1页共4页');
    expect(flat).toContain('第4页共4页');
  });

  it('embeds only subset fonts: 宋体-style body, 黑体-style headings', async () => {
    const used = await file.fonts();
    expect(used.length).toBeGreaterThanOrEqual(2);
    for (const font of used) {
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
      expect([font.embedded, font.toUnicode]).toEqual([true, true]);
    }
    expect(used.some((f) => /Serif/.test(f.name))).toBe(true);
    expect(used.some((f) => /Sans/.test(f.name))).toBe(true);
  });
});
