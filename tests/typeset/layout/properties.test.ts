// Pagination invariants over random documents (fast-check): whatever the mix of blocks,
// page size and columns, the rules a reader can see hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../../src/typeset/layout/index.js';
import { parseMarkup } from '../../../src/typeset/markup/parse.js';
import type { Box, TextBox } from '../../../src/typeset/types.js';
import { fakeFonts, stubEngine } from './fakes.js';

const fonts = fakeFonts();
const MM = 72 / 25.4;

type Block = { kind: 'h2' | 'p'; chars: number } | { kind: 'keep'; chars: number; options: number } | { kind: 'table'; rows: number };

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constant('h2' as const), chars: fc.integer({ min: 2, max: 12 }) }),
  fc.record({ kind: fc.constant('p' as const), chars: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('keep' as const), chars: fc.integer({ min: 5, max: 120 }), options: fc.integer({ min: 2, max: 4 }) }),
  fc.record({ kind: fc.constant('table' as const), rows: fc.integer({ min: 1, max: 25 }) }),
);

/** Each block's characters are one distinct ideograph, so boxes can be traced back to it. */
function markup(blocks: Block[]): string {
  return blocks
    .map((b, i) => {
      const ch = String.fromCharCode(0x4e00 + i);
      switch (b.kind) {
        case 'h2':
          return `<h2>${ch.repeat(b.chars)}</h2>`;
        case 'p':
          return `<p>${ch.repeat(b.chars)}</p>`;
        case 'keep':
          return `<keep><p>${ch.repeat(b.chars)}</p><options>${`<opt>${ch.repeat(3)}</opt>`.repeat(b.options)}</options></keep>`;
        case 'table':
          return `<table header-rows="1"><row><cell>${ch}</cell><cell>头</cell></row>${`<row><cell>${ch}</cell><cell>${ch.repeat(5)}</cell></row>`.repeat(b.rows)}</table>`;
      }
    })
    .join('');
}

function texts(boxes: readonly Box[]): TextBox[] {
  return boxes.flatMap((b) => (b.kind === 'text' ? [b] : b.kind === 'group' ? texts(b.boxes) : []));
}

describe('pagination properties', () => {
  it('holds for random documents', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 40 }), fc.constantFrom('A5', 'A6'), fc.constantFrom('1', '2'), (blocks, size, columns) => {
        const xml = `<doc size="${size}" margin="12mm" columns="${columns}"><footer><page-number/>/<page-count/></footer>${markup(blocks)}</doc>`;
        const doc = layoutDocument(parseMarkup(xml, 'prop.hbs'), fonts, { lineEngine: stubEngine });
        const n = doc.pages.length;
        const columnOf = (page: number, t: TextBox): string => `${page}:${columns === '2' && t.x > doc.pages[page]!.width / 2 ? 1 : 0}`;

        doc.pages.forEach((page, p) => {
          const all = texts(page.boxes);
          // <page-count/> is the real total.
          expect(all.map((t) => t.text).join('')).toContain(`${p + 1}/${n}`);
          const body = all.filter((t) => t.y < page.height - 12 * MM);
          for (const t of body) {
            expect(t.x).toBeGreaterThanOrEqual(12 * MM - 0.5);
            expect(t.y).toBeLessThanOrEqual(page.height - 12 * MM + 0.5);
          }
          // No heading ends a column.
          for (const col of columns === '2' ? [0, 1] : [0]) {
            const inCol = body.filter((t) => (columns === '2' && t.x > page.width / 2 ? 1 : 0) === col);
            if (!inCol.length) continue;
            const last = inCol.reduce((a, b) => (b.y > a.y ? b : a));
            const isLastPage = p === n - 1;
            if (!isLastPage) expect(last.face).not.toBe('sans-bold');
          }
        });

        // A keep group that fits in a column is never split.
        const columnHeight = (size === 'A5' ? 210 : 148) * MM - 24 * MM - 20; // generous: stem + options well under it
        blocks.forEach((b, i) => {
          if (b.kind !== 'keep') return;
          const ch = String.fromCharCode(0x4e00 + i);
          const where = new Set<string>();
          doc.pages.forEach((page, p) => texts(page.boxes).filter((t) => t.text === ch).forEach((t) => where.add(columnOf(p, t))));
          const lines = Math.ceil(b.chars / 10) + b.options + 2;
          if (lines * 16 < columnHeight / 2) expect([...where]).toHaveLength(1);
        });
      }),
      { numRuns: 60, seed: 20261128 },
    );
  });
});
