// Pages → sheets: pages of a candidate's sheet are joined, a page 2 without its page 1 and a
// missing page are reported, never dropped silently.
import { describe, expect, test } from 'vitest';
import type { SheetGeometry } from '../../src/documents/index.js';
import type { PageReading } from '../../src/grading/read.js';
import { combinePages, responseRows } from '../../src/grading/sheets.js';
import type { Manifest } from '../../src/assemble/manifest.js';

const geometry = {
  pages: 2,
  paper: { id: 'p1', title: 't', variant: 'A', candidate: null },
  questions: [
    { number: 1, id: 'Q1', type: 'single', page: 1, choices: 'AB', bubbles: [] },
    { number: 2, id: 'Q2', type: 'single', page: 2, choices: 'AB', bubbles: [] },
  ],
} as unknown as SheetGeometry;

const page = (n: number, answer: string | null, id = ''): PageReading =>
  ({ geometry, page: n, qr: `exampress:p1:A::${n}`, turned: false, transform: [], scale: 1, candidateId: id, answers: new Map([[n, answer]]), doubts: [], marks: new Map(), measures: new Map() }) as PageReading;

const manifest = { variants: [{ label: 'A', sections: [{ questions: [{}, {}] }] }] } as unknown as Manifest;

describe('joining pages', () => {
  test('page 2 joins the page 1 before it; a "?" answer stays "?"', () => {
    const { sheets, unreadable } = combinePages([
      { source: 's#1', reading: page(1, 'A', '101') },
      { source: 's#2', reading: page(2, null) },
      { source: 's#3', reading: page(1, 'B', '102') },
      { source: 's#4', reading: page(2, 'A') },
    ]);
    expect(unreadable).toEqual([]);
    expect(responseRows(sheets, manifest)).toEqual([
      ['candidate', 'name', 'variant', 'source', '1', '2'],
      ['101', '', 'A', 's#1 s#2', 'A', '?'],
      ['102', '', 'A', 's#3 s#4', 'B', 'A'],
    ]);
  });

  test('a page 2 with no page 1 before it is listed; a sheet missing its page 2 says so and its questions are "?"', () => {
    const { sheets, unreadable } = combinePages([
      { source: 'x#1', reading: page(2, 'A') },
      { source: 'x#2', reading: page(1, 'B', '') },
    ]);
    expect(unreadable).toEqual([{ source: 'x#1', problem: 'page 2 of variant A with no page 1 before it; scan each sheet\'s pages together, page 1 first' }]);
    expect(sheets[0]!.problems).toEqual(['page 2 of 2 was not among the scans; its questions are "?"', 'no candidate number filled in; type it into responses.csv']);
    expect(responseRows(sheets, manifest)[1]).toEqual(['', '', 'A', 'x#2', 'B', '?']);
  });
});
