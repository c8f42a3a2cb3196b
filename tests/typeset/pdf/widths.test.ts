// The glyph widths of a CID font (PDF 1.7, 9.7.4.3) as the fast writer states them.
import { describe, expect, it } from 'vitest';
import { cidWidths } from '../../../src/typeset/pdf/file.js';

describe('CID font widths', () => {
  it('leaves out 1000-wide glyphs (the default /DW) and lists the others in runs', () => {
    const w = ['1000', '1000', '562', '557', '1000', '1000', '256', '1000'];
    expect(cidWidths(w)).toBe('/W [2 [562 557] 6 [256]]');
  });

  it('makes the commonest width the default when it is not 1000 (a Latin face)', () => {
    expect(cidWidths(['600', '600', '600', '1000', '600'])).toBe('/DW 600\n/W [3 [1000]]');
  });

  it('states three or more equal widths in a row as a range', () => {
    expect(cidWidths(['1000', '500', '500', '500', '1000', '300', '250', '1000', '1000'])).toBe('/W [1 3 500 5 [300 250]]');
  });

  it('writes nothing for a font whose glyphs are all 1000 wide', () => {
    expect(cidWidths(['1000', '1000'])).toBe('');
  });

  it('gives every glyph the width it had in the full list', () => {
    const widths = Array.from({ length: 300 }, (_, i) => String([1000, 1000, 1000, 500, 500, 500, 500, 333, 278][(i * 7) % 9]));
    const spec = cidWidths(widths);
    const dw = /\/DW (\d+)/.exec(spec)?.[1] ?? '1000';
    const read = widths.map(() => dw);
    const body = /\/W \[(.*)\]$/.exec(spec)?.[1] ?? '';
    for (const m of body.matchAll(/(\d+) (?:\[([^\]]*)\]|(\d+) (\d+))/g)) {
      if (m[2] !== undefined) m[2].split(' ').forEach((w, k) => (read[Number(m[1]) + k] = w));
      else for (let c = Number(m[1]); c <= Number(m[3]); c++) read[c] = m[4]!;
    }
    expect(read).toEqual(widths);
  });
});
