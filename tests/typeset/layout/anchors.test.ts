// Page lookups by name and running heads that follow the chapters: what a handbook needs to
// cite "第 14 页" and to print the chapter name above the text.
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { typeset } from '../../../src/typeset/index.js';
import type { Page, TextBox } from '../../../src/typeset/types.js';

const fonts = loadFonts();
const lay = (xml: string) => typeset(xml, { template: 't.xml', fonts });
const para = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `<p>第 ${from + i + 1} 段：客户经理在营业时间内保持仪容整洁，举止端庄，用语文明。</p>`).join('');
const texts = (p: Page) => p.boxes.filter((b): b is TextBox => b.kind === 'text').map((b) => ({ text: b.text, y: b.y }));

describe('anchor', () => {
  it('reports the page where each named block starts, for paragraphs, keeps and table rows', () => {
    const doc = lay(`<doc size="A6" margin="10mm">
      <p anchor="first">开头</p>${para(30)}
      <keep anchor="group"><p>甲</p><p>乙</p></keep>${para(30, 30)}
      <table widths="*"><row anchor="row-1"><cell>一</cell></row><row anchor="row-2"><cell>二</cell></row></table>
    </doc>`);
    const a = doc.anchors!;
    expect(a.get('first')).toBe(1);
    const page = (name: string) => doc.pages.findIndex((p) => texts(p).some((t) => t.text.includes(name))) + 1;
    expect(a.get('group')).toBe(page('甲'));
    expect(a.get('group')).toBeGreaterThan(1);
    expect(a.get('row-1')).toBe(page('一'));
    expect(a.get('row-2')).toBe(page('二'));
    expect(a.get('row-2')).toBe(doc.pages.length);
  });

  it('names a <page> by its first block', () => {
    const doc = lay(`<doc size="A6">${para(3)}<page anchor="back"><p>封底</p></page></doc>`);
    expect(doc.anchors!.get('back')).toBe(doc.pages.length);
    expect(doc.pages.length).toBe(2);
  });

  it('is for blocks only: an inline with an anchor is a markup error', () => {
    expect(() => lay('<doc><p>甲<b anchor="x">乙</b></p></doc>')).toThrow(/anchor/);
  });

  it('is absent when no block is named', () => {
    expect(lay('<doc><p>无</p></doc>').anchors).toBeUndefined();
  });
});

describe('running heads', () => {
  const doc = lay(`<doc size="A6" margin="15mm">
    <header align="right" heading-pages="false"><running-title/></header>
    <footer><page-number/></footer>
    <page running="false"><p>封面</p></page>
    <h1 running="着装">第一章 着装规范</h1>${para(25)}
    <pagebreak/><h1 toc="2　仪容">第二章 仪容</h1>${para(25, 25)}
  </doc>`);
  const head = (n: number) => texts(doc.pages[n - 1]!).filter((t) => t.y < 15 * 2.835).map((t) => t.text).join('');
  const foot = (n: number) => texts(doc.pages[n - 1]!).filter((t) => t.y > doc.pages[0]!.height - 15 * 2.835).map((t) => t.text).join('');

  it('print the running title of the chapter the page is in, but not on the page where it starts', () => {
    const second = doc.pages.findIndex((p) => texts(p).some((t) => t.text.includes('第二章'))) + 1;
    expect(second).toBeGreaterThan(3);
    expect(head(2)).toBe(''); // chapter 1 starts here
    expect(head(3)).toBe('着装');
    expect(head(second)).toBe('');
    expect(head(second + 1)).toBe('2　仪容'); // no `running`: the toc entry
  });

  it('leave pages of a <page running="false"> bare, numbering goes on', () => {
    expect(head(1)).toBe('');
    expect(foot(1)).toBe('');
    expect(foot(2)).toBe('2');
  });
});
