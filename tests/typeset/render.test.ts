// The entry point with the real fonts and the real line engine (no PDF).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { typeset, TypesetError } from '../../src/typeset/index.js';
import type { Box } from '../../src/typeset/types.js';

const sample = readFileSync(new URL('../fixtures/sample.xml', import.meta.url), 'utf8');

function allText(boxes: readonly Box[]): string {
  return boxes.map((b) => (b.kind === 'text' ? b.text : b.kind === 'group' ? allText(b.boxes) : '')).join('');
}

describe('typeset (real fonts and line engine)', () => {
  const doc = typeset(sample, { template: 'sample.xml' });

  it('lays the sample out on A4 portrait pages and one A4 landscape answer-sheet page', () => {
    const mm = (pt: number) => Math.round((pt * 25.4) / 72);
    expect(doc.pages.map((p) => `${mm(p.width)}x${mm(p.height)}`)).toEqual(['210x297', '210x297', '297x210', '210x297']);
    expect(doc.info.title).toBe('银行个人客户经理岗位考试(A 卷)');
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
