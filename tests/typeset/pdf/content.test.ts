import { describe, expect, it } from 'vitest';
import { pdfColor, pdfNumber, writeBoxes, type GlyphEncoder } from '../../../src/typeset/pdf/index.js';
import { TypesetError } from '../../../src/typeset/types.js';

// Glyph codes and widths from a fake font: every glyph 1000 units wide, code "ab".
const fake: GlyphEncoder = { font: () => ({ resource: 'F9', code: () => 'ab', width: () => 1000 }) };
const ops = (boxes: Parameters<typeof writeBoxes>[0]) => {
  const out: string[] = [];
  writeBoxes(boxes, fake, out);
  return out.join('\n');
};

describe('content stream pieces', () => {
  it('formats numbers with at most 3 decimals, never -0 or an exponent', () => {
    expect(pdfNumber(12)).toBe('12');
    expect(pdfNumber(0.1 + 0.2)).toBe('0.3');
    expect(pdfNumber(-0.0001)).toBe('0');
    expect(pdfNumber(1e-7)).toBe('0');
    expect(pdfNumber(-12.34567)).toBe('-12.346');
  });

  it('turns #rgb and #rrggbb into fractions, and names a bad colour', () => {
    expect(pdfColor('#ff0000')).toBe('1 0 0');
    expect(pdfColor('#08f')).toBe('0 0.533 1');
    expect(() => pdfColor('red')).toThrow(TypesetError);
  });

  it('writes a justified line as one TJ: common spacing as Tc, exceptions as adjustments', () => {
    // size 10: glyphs 10 pt wide; gaps 12, 12, 5 (a squeezed one), 12.
    const text = ops([{ kind: 'text', x: 50, y: 100, face: 'f', size: 10, text: '一二三四五', dx: [0, 12, 24, 29, 41] }]);
    expect(text).toBe(['BT', '/F9 10 Tf', '1 0 0 -1 50 100 Tm', '2 Tc', '[(ababab)700(abab)] TJ', 'ET'].join('\n'));
  });

  it('moves from one text box to the next with Td (y up in text space), and rounding never accumulates', () => {
    const box = (x: number, y: number) => ({ kind: 'text' as const, x, y, face: 'f', size: 10, text: '一', dx: [0] });
    expect(ops([box(50, 100), box(60.5, 116.275), box(50, 100)])).toBe(
      ['BT', '/F9 10 Tf', '1 0 0 -1 50 100 Tm', '[(ab)] TJ', '10.5 -16.275 Td', '[(ab)] TJ', '-10.5 16.275 Td', '[(ab)] TJ', 'ET'].join('\n'),
    );
    // 1,000 boxes 0.0004 pt apart: each Td rounds to 0 or 0.001, and the sum stays within 0.0005 pt.
    const many = ops(Array.from({ length: 1000 }, (_, i) => box(10 + i * 0.0004, 20)));
    let x = 10;
    for (const m of many.matchAll(/^(-?[\d.]+) (-?[\d.]+) Td$/gm)) x += Number(m[1]);
    expect(Math.abs(x - (10 + 999 * 0.0004))).toBeLessThanOrEqual(0.0005);
  });

  it('shifts a first glyph that does not sit at x', () => {
    expect(ops([{ kind: 'text', x: 0, y: 0, face: 'f', size: 10, text: '一', dx: [3] }])).toContain('[-300(ab)] TJ');
  });

  it('sets state only when it changes, and restores it after a group', () => {
    const text = ops([
      { kind: 'line', x1: 0, y1: 0, x2: 10, y2: 0, width: 0.5, dash: [2, 1] },
      { kind: 'line', x1: 0, y1: 5, x2: 10, y2: 5, width: 0.5, dash: [2, 1] },
      { kind: 'group', transform: [1, 0, 0, 1, 5, 5], boxes: [{ kind: 'rect', x: 0, y: 0, w: 4, h: 4, fill: '#ff0000' }] },
      { kind: 'rect', x: 0, y: 0, w: 4, h: 4, fill: '#000000', stroke: '#000000' },
    ]);
    expect(text.match(/0\.5 w/g)).toHaveLength(1);
    expect(text.match(/\[2 1\] 0 d/g)).toHaveLength(1);
    expect(text).toContain('q 1 0 0 1 5 5 cm\n1 0 0 rg\n0 0 4 4 re f\nQ');
    // After Q the fill is black again, so none is set; the stroke gets a solid dash and width 1.
    expect(text.endsWith('1 w\n[] 0 d\n0 0 4 4 re B')).toBe(true);
  });
});
