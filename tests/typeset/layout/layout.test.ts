import { describe, expect, it } from 'vitest';
import { layoutDocument, chooseOptionColumns } from '../../../src/typeset/layout/index.js';
import { parseMarkup } from '../../../src/typeset/markup/parse.js';
import type { Box, LaidOutDocument, TextBox } from '../../../src/typeset/types.js';
import { fakeFonts, pageText, stubEngine } from './fakes.js';

const fonts = fakeFonts();
const lay = (xml: string): LaidOutDocument => layoutDocument(parseMarkup(xml, 'test.hbs'), fonts, { lineEngine: stubEngine });
const MM = 72 / 25.4;

function texts(boxes: readonly Box[]): TextBox[] {
  return boxes.flatMap((b) => (b.kind === 'text' ? [b] : b.kind === 'group' ? texts(b.boxes) : []));
}

/** Extent of a box in page coordinates (groups are handled by the caller). */
function extent(b: Box): { x0: number; y0: number; x1: number; y1: number } | undefined {
  switch (b.kind) {
    case 'text': {
      const w = b.dx.length ? b.dx[b.dx.length - 1]! + b.size : 0;
      return { x0: b.x, y0: b.y - 0.88 * b.size, x1: b.x + w, y1: b.y + 0.12 * b.size };
    }
    case 'rect':
      return { x0: b.x, y0: b.y, x1: b.x + b.w, y1: b.y + b.h };
    case 'line':
      return { x0: Math.min(b.x1, b.x2), y0: Math.min(b.y1, b.y2), x1: Math.max(b.x1, b.x2), y1: Math.max(b.y1, b.y2) };
    case 'circle':
      return { x0: b.cx - b.r, y0: b.cy - b.r, x1: b.cx + b.r, y1: b.cy + b.r };
    default:
      return undefined;
  }
}

/** A question whose stem starts with 【i】 and whose last option ends with 《i》. */
const question = (i: number, options: string[], stemChars = 30): string =>
  `<keep from="Q-${i}"><p hang="1.5em">${i}. 【${i}】${'题'.repeat(stemChars)}<blank type="bracket"/></p>` +
  `<options>${options.map((o, k) => `<opt>${o}${k === options.length - 1 ? `《${i}》` : ''}</opt>`).join('')}</options></keep>`;

describe('options grid', () => {
  it('picks 4, 2 or 1 per row from the measured widths', () => {
    expect(chooseOptionColumns([20, 30, 25, 28], 400, 10)).toBe(4);
    expect(chooseOptionColumns([20, 30, 25, 95], 400, 10)).toBe(2); // 105 > 100
    expect(chooseOptionColumns([20, 30, 25, 185], 400, 10)).toBe(2);
    expect(chooseOptionColumns([20, 30, 25, 195], 400, 10)).toBe(1);
  });

  function optionRows(opts: string[]): number[][] {
    const doc = lay(`<doc><options>${opts.map((o) => `<opt>${o}</opt>`).join('')}</options></doc>`);
    const labels = texts(doc.pages[0]!.boxes).filter((t) => /^[A-D]$/.test(t.text));
    const rows = new Map<number, number[]>();
    for (const l of labels) rows.set(l.y, [...(rows.get(l.y) ?? []), l.x]);
    return [...rows.values()];
  }

  it('lays short options four to a row with the labels on a grid', () => {
    const rows = optionRows(['调离', '取消', '下调', '解聘']);
    expect(rows).toHaveLength(1);
    const xs = rows[0]!;
    const pitch = xs[1]! - xs[0]!;
    expect(xs[2]! - xs[1]!).toBeCloseTo(pitch);
    expect(xs[3]! - xs[2]!).toBeCloseTo(pitch);
  });

  it('falls back to two and then one per row as options get longer', () => {
    expect(optionRows(['调离原岗位', '取消其客户经理资质', '下调其绩效工资档次与奖金分配比例', '予以解聘'])).toHaveLength(2);
    expect(optionRows(['将客户引导至大堂经理处即可,不再过问客户后续的业务办理情况和感受', '负责解答', '仅解答', '拨打热线'])).toHaveLength(4);
  });
});

describe('pagination invariants', () => {
  const many = Array.from({ length: 60 }, (_, i) =>
    question(i + 1, i % 3 === 0 ? ['甲', '乙', '丙', '丁'] : ['较长的一个选项内容', '较长的一个选项内容', '另一个稍长一点的选项内容在这里', '短'], 20 + ((i * 37) % 90)),
  ).join('');

  it('never splits a keep-together group that fits on a page, in one or two columns', () => {
    for (const cols of ['1', '2']) {
      const doc = lay(`<doc columns="${cols}" size="A4">${many}</doc>`);
      expect(doc.pages.length).toBeGreaterThan(1);
      for (let i = 1; i <= 60; i++) {
        const pageOf = (needle: string): [number, number] => {
          for (const [p, page] of doc.pages.entries()) {
            const all = texts(page.boxes);
            const idx = pageText(all).indexOf(needle);
            if (idx >= 0) {
              let at = 0;
              for (const t of all) {
                if (at + t.text.length > idx) return [p, cols === '2' && t.x > page.width / 2 ? 1 : 0];
                at += t.text.length;
              }
            }
          }
          throw new Error(`${needle} not found`);
        };
        expect(pageOf(`【${i}】`)).toEqual(pageOf(`《${i}》`));
      }
    }
  });

  it('keeps every box inside the margins', () => {
    const doc = lay(`<doc size="A4" margin="20mm 15mm 25mm 15mm" columns="2">${many}<table header-rows="1" widths="3em,*"><row><cell>号</cell><cell>内容</cell></row>${'<row><cell>1</cell><cell>表格内容表格内容表格内容表格内容</cell></row>'.repeat(40)}</table></doc>`);
    for (const page of doc.pages)
      for (const b of page.boxes) {
        const e = extent(b);
        if (!e) continue;
        expect(e.x0).toBeGreaterThanOrEqual(15 * MM - 0.5);
        expect(e.x1).toBeLessThanOrEqual(page.width - 15 * MM + 0.5);
        expect(e.y0).toBeGreaterThanOrEqual(20 * MM - 0.5);
        expect(e.y1).toBeLessThanOrEqual(page.height - 25 * MM + 0.5);
      }
  });

  it('fills <page-count/> with the real page count and <page-number/> with each number', () => {
    const doc = lay(`<doc><footer>第 <page-number/> 页 共 <page-count/> 页</footer>${many}</doc>`);
    const n = doc.pages.length;
    expect(n).toBeGreaterThan(2);
    doc.pages.forEach((page, i) => expect(pageText(page.boxes)).toContain(`第 ${i + 1} 页 共 ${n} 页`));
    // The footer sits below the text area.
    const footer = texts(doc.pages[0]!.boxes).find((t) => t.text === '第')!;
    expect(footer.y).toBeGreaterThan(doc.pages[0]!.height - 20 * MM);
  });

  it('fills only the placeholder elements: "{page}" written in bank text stays as written', () => {
    const doc = lay(`<doc><header>{page} 共{pages}题 <span from="ZD-001">{page}</span></header><footer><page-number/>/<page-count/></footer>${many}</doc>`);
    const n = doc.pages.length;
    doc.pages.forEach((page, i) => {
      expect(pageText(page.boxes)).toContain('{page} 共{pages}题 {page}');
      expect(pageText(page.boxes)).toContain(`${i + 1}/${n}`);
    });
  });

  it('never leaves a heading last on a page', () => {
    const parts: string[] = [];
    for (let i = 0; i < 80; i++) parts.push(`<h2>第${i}节</h2><p>${'正文'.repeat(10 + ((i * 53) % 70))}</p>`);
    const doc = lay(`<doc size="A5">${parts.join('')}</doc>`);
    expect(doc.pages.length).toBeGreaterThan(5);
    for (const page of doc.pages) {
      const body = texts(page.boxes);
      const last = body.reduce((a, b) => (b.y > a.y ? b : a));
      expect(last.face).not.toBe('sans-bold');
    }
  });

  it('never leaves a single line of a paragraph alone at a page end (widows/orphans)', () => {
    const parts = Array.from({ length: 40 }, (_, i) => `<p>${String.fromCharCode(0x4e00 + i).repeat(50 + ((i * 71) % 200))}</p>`);
    const doc = lay(`<doc size="A6">${parts.join('')}</doc>`);
    for (let i = 0; i < 40; i++) {
      const ch = String.fromCharCode(0x4e00 + i);
      const perPage = doc.pages.map((p) => new Set(texts(p.boxes).filter((t) => t.text === ch).map((t) => t.y)).size);
      for (const lines of perPage) expect(lines === 0 || lines >= 2).toBe(true);
    }
  });

  it('warns when a keep group is taller than a page, and splits it', () => {
    const doc = lay(`<doc size="A6"><keep>${'<p>很长的一段话很长的一段话很长的一段话很长的一段话</p>'.repeat(40)}</keep></doc>`);
    expect(doc.pages.length).toBeGreaterThan(1);
    expect(doc.warnings?.[0]?.message).toMatch(/test\.hbs:1:\d+: a <keep> group is \d+pt tall/);
  });
});

describe('overflow', () => {
  it('warns when a single block is taller than a page', () => {
    const doc = lay('<doc size="A6"><qrcode data="x" size="200mm"/></doc>');
    expect(doc.warnings?.map((w) => w.message)).toEqual([expect.stringMatching(/^page 1: a block \d+pt tall does not fit/)]);
  });
});

describe('blocks', () => {
  it('repeats table header rows at the top of each page', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `<row><cell>${i}</cell><cell>内容</cell></row>`).join('');
    const doc = lay(`<doc size="A6"><table header-rows="1"><row><cell>序号</cell><cell>名称</cell></row>${rows}</table></doc>`);
    expect(doc.pages.length).toBeGreaterThan(2);
    for (const page of doc.pages) {
      const t = texts(page.boxes);
      const top = t.reduce((a, b) => (b.y < a.y ? b : a));
      expect(top.text).toBe('序');
    }
  });

  it('spans cells across columns and rows', () => {
    const doc = lay('<doc><table widths="50,50,50"><row><cell colspan="2">甲</cell><cell rowspan="2">乙</cell></row><row><cell>丙</cell><cell>丁</cell></row></table></doc>');
    const rects = doc.pages[0]!.boxes.filter((b): b is Extract<Box, { kind: 'rect' }> => b.kind === 'rect');
    expect(rects.map((r) => Math.round(r.w))).toEqual([100, 50, 50, 50]);
    const [a, b] = rects;
    expect(b!.h).toBeCloseTo(2 * a!.h, 0);
  });

  it('starts a new page at <pagebreak> and switches page size at <page>', () => {
    const doc = lay('<doc size="A4"><p>一</p><pagebreak/><p>二</p><page size="A3" orientation="landscape" columns="2"><p>三</p></page><p>四</p></doc>');
    expect(doc.pages.map((p) => [Math.round(p.width / MM), Math.round(p.height / MM)])).toEqual([[210, 297], [210, 297], [420, 297], [210, 297]]);
    expect(doc.pages.map((p) => pageText(p.boxes))).toEqual(['一', '二', '三', '四']);
  });

  it('flows a <columns> region in two columns and balances it', () => {
    const doc = lay(`<doc><p>标题</p><columns>${'<p>甲乙丙丁</p>'.repeat(10)}</columns><p>之后</p></doc>`);
    const t = texts(doc.pages[0]!.boxes).filter((b) => b.text === '甲');
    const left = t.filter((b) => b.x < doc.pages[0]!.width / 2).length;
    expect(left).toBe(5);
    const after = texts(doc.pages[0]!.boxes).find((b) => b.text === '之')!;
    expect(after.y).toBeGreaterThan(Math.max(...t.map((b) => b.y)));
  });

  it('writes the toc with the real page numbers of headings', () => {
    const doc = lay('<doc size="A6"><toc title="目录"/><pagebreak/><h1>总则</h1><pagebreak/><h2>细则</h2></doc>');
    const t = texts(doc.pages[0]!.boxes);
    const numberOn = (ch: string): string | undefined => {
      const y = t.find((b) => b.text === ch)!.y;
      return t.filter((b) => b.y === y && /^\d+$/.test(b.text)).map((b) => b.text)[0];
    };
    expect(numberOn('总')).toBe('2');
    expect(numberOn('细')).toBe('3');
    expect(t.some((b) => /^\.{5,}$/.test(b.text))).toBe(true);
  });

  it('draws the seal rotated in the binding margin of odd pages only', () => {
    const doc = lay('<doc binding-margin="15mm" margin="20mm"><seal fields="姓名,工号"/><p>一</p><pagebreak/><p>二</p><pagebreak/><p>三</p></doc>');
    const groups = (i: number) => doc.pages[i]!.boxes.filter((b) => b.kind === 'group');
    expect(groups(0).length).toBe(2);
    expect(groups(1).length).toBe(0);
    expect(groups(2).length).toBe(2);
    expect(pageText(groups(0))).toBe('密封线内不要答题姓名\uFF1A工号\uFF1A');
    for (const g of groups(0)) if (g.kind === 'group') expect(g.transform[4]).toBeLessThan(35 * MM);
  });

  it('refuses a seal without room for it', () => {
    expect(() => lay('<doc margin="10mm"><seal/></doc>')).toThrow(/binding-margin/);
  });

  it('draws bubbles, filled ones solid, and a QR code as rectangles', () => {
    const doc = lay('<doc><bubble number="1" choices="ABCD" filled="B"/><qrcode data="https://example.com" size="20mm"/></doc>');
    const boxes = doc.pages[0]!.boxes;
    const circles = boxes.filter((b) => b.kind === 'circle');
    expect(circles).toHaveLength(4);
    expect(circles.filter((c) => c.kind === 'circle' && c.fill)).toHaveLength(1);
    const rects = boxes.filter((b) => b.kind === 'rect');
    expect(rects.length).toBeGreaterThan(50);
    const xs = rects.map((r) => (r.kind === 'rect' ? r.x + r.w : 0));
    expect(Math.max(...xs) - Math.min(...rects.map((r) => (r.kind === 'rect' ? r.x : 0)))).toBeCloseTo(20 * MM, 0);
  });

  it('turns checklist items and inline boxes into drawn squares', () => {
    const doc = lay('<doc><checklist><item>着装整洁</item><item checked="true">微笑</item></checklist><p>是否 <box/> 否 <box checked="true"/></p></doc>');
    expect(doc.pages[0]!.boxes.filter((b) => b.kind === 'rect')).toHaveLength(4);
    expect(pageText(doc.pages[0]!.boxes)).toContain('着装整洁');
  });

  it('puts odd/even running heads only on their pages, in the top margin', () => {
    const doc = lay('<doc><header pages="even" align="right">偶</header><header pages="odd" align="left">奇</header><p>一</p><pagebreak/><p>二</p><pagebreak/><p>三</p></doc>');
    expect(doc.pages.map((p) => pageText(p.boxes).replace(/[一二三]/g, ''))).toEqual(['奇', '偶', '奇']);
    const odd = texts(doc.pages[0]!.boxes).find((t) => t.text === '奇')!;
    expect(odd.y).toBeLessThan(20 * MM);
  });

  it('draws table borders as asked: all, rows, outer, none', () => {
    const table = (border: string) =>
      lay(`<doc><table border="${border}"><row><cell>甲</cell><cell>乙</cell></row><row><cell>丙</cell><cell>丁</cell></row></table></doc>`).pages[0]!.boxes;
    const count = (boxes: Box[], kind: Box['kind']) => boxes.filter((b) => b.kind === kind).length;
    expect(count(table('all'), 'rect')).toBe(4);
    expect(count(table('rows'), 'line')).toBe(3); // top + under each row
    expect(count(table('outer'), 'line')).toBe(6); // sides per row, top, bottom
    expect(count(table('none'), 'line') + count(table('none'), 'rect')).toBe(0);
  });

  it('draws rules with their dash and leaves spacer room', () => {
    const doc = lay('<doc><p>上</p><rule dash="dashed" thickness="1pt"/><spacer height="50pt"/><p>下</p></doc>');
    const rule = doc.pages[0]!.boxes.find((b) => b.kind === 'line');
    expect(rule).toMatchObject({ width: 1, dash: [4, 3] });
    const [up, down] = ['上', '下'].map((c) => texts(doc.pages[0]!.boxes).find((t) => t.text === c)!.y);
    expect(down! - up!).toBeGreaterThan(50);
  });

  it('passes document info through', () => {
    expect(lay('<doc title="考试" author="培训部"><p>x</p></doc>').info).toEqual({ title: '考试', author: '培训部', lang: 'zh-CN' });
  });
});
