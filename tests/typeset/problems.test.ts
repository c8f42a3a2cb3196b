// Typesetting reports every character no font can draw at once, as values, each located at
// its element and question, like the bank linter; typeset() throws them as one error.
import { describe, expect, it } from 'vitest';
import { typeset, typesetChecked, TypesetError } from '../../src/typeset/index.js';

// Ethiopic (ሀ U+1200, ለ U+1208) and a private-use character: no bundled font has them.
const markup = `<doc title="t" size="A4">
  <keep from="ZD-001"><p>客户经理ሀ应当（）。</p></keep>
  <keep from="JD-003"><p>正确ለ的打“√”，错误的打“×”。</p>
    <options><opt label="A">第一\uE000项</opt><opt label="B">第二项</opt></options></keep>
  <p>页脚ሀ</p>
</doc>`;

describe('a template with several characters no font draws', () => {
  it('gives every one, located, with its question, and no document', () => {
    const { doc, problems } = typesetChecked(markup, { template: 'paper.hbs' });
    expect(doc).toBeUndefined();
    expect(problems.map((p) => [p.pos?.line, p.from, /"(.)" \(U\+([0-9A-F]+)\)/u.exec(p.message)?.[2]])).toEqual([
      [2, 'ZD-001', '1200'],
      [3, 'JD-003', '1208'],
      [4, 'JD-003', 'E000'],
      [5, undefined, '1200'],
    ]);
    for (const p of problems) expect(p.message).toMatch(/^paper\.hbs:\d+:\d+( \(question [A-Z]+-\d+\))?: character ".+" \(U\+[0-9A-F]+\) is not covered by serif: .*NotoSerifSC-Regular\.otf/);
  });

  it('typeset() throws them all as one error, one per line', () => {
    expect(() => typeset(markup, { template: 'paper.hbs' })).toThrow(TypesetError);
    try {
      typeset(markup, { template: 'paper.hbs' });
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(4);
    }
  });

  it('a markup error is still the one problem (what follows it is not what the template meant)', () => {
    const { doc, problems } = typesetChecked('<doc title="t"><p>一<b>二</p></doc>', { template: 'x.hbs' });
    expect(doc).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^x\.hbs:1:/);
  });

  it('a sound template gives the document and no problems', () => {
    const { doc, problems } = typesetChecked('<doc title="t"><p>一切正常。</p></doc>', { template: 'x.hbs' });
    expect(problems).toEqual([]);
    expect(doc?.pages).toHaveLength(1);
  });
});
