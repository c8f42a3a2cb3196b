// Scores, item statistics and KR-20 on a small fixed data set, checked against values worked
// out by hand (the arithmetic is in the comments).
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/assemble/manifest.js';
import { formatCsv, parseCsv } from '../../src/grading/csv.js';
import { itemStats, kr20, paperStats } from '../../src/grading/items.js';
import { scoreResponses } from '../../src/grading/score.js';
import { itemRows, scoreRows } from '../../src/grading/tables.js';

const manifest = {
  format: 1,
  tool: { name: 'exampress', version: '0.0.0-test' },
  bank: { sha256: '', questions: 5 },
  blueprint: { file: 'tiny.yaml', sha256: '', content: { title: '小测', sections: [{ type: 'multiple', count: 1, points: 4, partialCredit: 2, instruction: '' }] } },
  seed: 1,
  mode: 'shuffle',
  variants: [
    {
      index: 0,
      label: 'A',
      totalPoints: 11,
      sections: [
        { type: 'single', title: '单选', instruction: '', points: 2, questions: [{ id: 'Q1', points: 2, order: 'BCAD', answer: 'C' }, { id: 'Q2', points: 2, answer: 'A' }] },
        { type: 'multiple', title: '多选', instruction: '', points: 4, questions: [{ id: 'Q3', points: 4, answer: 'AC' }] },
        { type: 'judge', title: '判断', instruction: '', points: 1, questions: [{ id: 'Q4', points: 1, answer: true }] },
        { type: 'fill', title: '填空', instruction: '', points: 2, questions: [{ id: 'Q5', points: 2, answer: ['两|2', '十'] }] },
      ],
    },
  ],
} as unknown as Manifest;

const CSV = [
  'candidate,name,variant,source,1,2,3,4,5',
  'c1,甲,A,s1,C,A,AC,T,2;十', // 2+2+4+1+2 = 11, all right
  'c2,乙,A,s2,C,B,A,对,两；九', // 2+0+2 (subset)+1+1 = 6
  'c3,丙,A,s3,D,A,AB,F,', // 0+2+0 (wrong letter)+0+0 = 2
  'c4,丁,A,s4,c,a,"C,A",×,二;十', // 2+2+4+0+1 = 9 (二 is not 两|2)
  'c5,戊,A,s5,A,,,T,2;10', // 0+0+0+1+1 = 2
].join('\n');

function scored() {
  const parsed = parseCsv(CSV);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return scoreResponses(parsed.rows, manifest);
}

describe('scoring', () => {
  test('each rule of the blueprint: all or nothing, partial credit for a correct subset, fill-in alternatives', () => {
    const { results, problems } = scored();
    expect(problems).toEqual([]);
    expect(results.map((r) => r.total)).toEqual([11, 6, 2, 9, 2]);
    expect(results.map((r) => r.max)).toEqual([11, 11, 11, 11, 11]);
    expect(results[1]!.sections.map((s) => s.earned)).toEqual([2, 2, 1, 1]);
    // Shuffled options: printed C of Q1 is the bank's A.
    expect(results[0]!.items[0]).toMatchObject({ response: 'C', original: 'A', key: 'A', correct: true });
  });

  test('a "?" left from review, a letter the question does not have, an unknown variant, a candidate nobody can name: located problems', () => {
    const bad = [CSV.split('\n')[0]!, 'x,,A,,?,A,AC,T,2;十', 'y,,A,,E,A,AC,T,', 'z,,Q,,A,A,A,T,', '1?3,,A,,A,A,A,T,', ',,A,,A,A,A,T,'].join('\n');
    const parsed = parseCsv(bad) as { rows: string[][] };
    const { problems } = scoreResponses(parsed.rows, manifest);
    expect(problems).toEqual([
      { line: 2, message: 'question 1 is still "?"; decide it with review.html and type the letters in' },
      { line: 3, message: 'question 1: "E" has letter(s) E but the question has options ABCD' },
      { line: 4, message: 'variant "Q" is not in the manifest (it has A)' },
      { line: 5, message: 'candidate number "1?3" still has "?" digits; read them off the sheet (review.html)' },
      { line: 6, message: 'no candidate number and no name: type one in, so the score belongs to someone' },
    ]);
  });
});

describe('statistics', () => {
  test('difficulty, discrimination (27 % groups), point-biserial, option shares and flags', () => {
    const { results } = scored();
    const items = itemStats(results);
    // Right (full points): c1 11111, c2 10010, c3 01000, c4 11100, c5 00010.
    expect(items.map((i) => i.difficulty)).toEqual([0.6, 0.6, 0.4, 0.6, 0.2]);
    // 27 % of 5 → groups of 1: upper c1 (11), lower c5 (2; ties keep file order, c3 before c5).
    expect(items.map((i) => i.discrimination)).toEqual([1, 1, 1, 0, 1]);
    // Q4: x = 1,1,0,0,1; totals 11,6,2,9,2: Sxy = 1, Sxx = 1.2, Syy = 66 → 1/√79.2.
    expect(items[3]!.pointBiserial).toBeCloseTo(1 / Math.sqrt(79.2), 10);
    // Q1 in the bank's letters (printed BCAD): chosen A,A,D,A,B.
    expect(items[0]!.options.map((o) => [o.letter, o.share])).toEqual([['A', 0.6], ['B', 0.2], ['C', 0], ['D', 0.2]]);
    expect(items[0]!.flags).toEqual(['distractor C chosen by nobody']);
    expect(items[1]!.blank).toBe(0.2);
    expect(items[3]!.options.map((o) => [o.letter, o.share])).toEqual([['T', 0.6], ['F', 0.4]]);
    expect(items[3]!.flags).toEqual([]);
  });

  test('negative discrimination and a distractor the top group prefers are flagged', () => {
    const { results } = scored();
    // Turn the data round for Q2: the best candidate picks B, the weakest the key.
    const flipped = results.map((r) => ({ ...r, items: r.items.map((i) => (i.id !== 'Q2' ? i : r.candidate === 'c1' ? { ...i, response: 'B', original: 'B', correct: false, earned: 0 } : r.candidate === 'c5' ? { ...i, response: 'A', original: 'A', correct: true, earned: 2 } : i)) }));
    const q2 = itemStats(flipped)[1]!;
    expect(q2.discrimination).toBe(-1);
    expect(q2.flags).toContain('negative discrimination');
    expect(q2.flags).toContain('top group prefers B to the key');
  });

  test('KR-20 and the paper figures', () => {
    const { results } = scored();
    // Σpq = 4·0.24 + 0.16 = 1.12; number right 5,2,1,3,1: variance 2.24 → 5/4·(1 − 0.5).
    expect(kr20(results)).toBeCloseTo(0.625, 12);
    const paper = paperStats(results, 0.6);
    expect(paper).toMatchObject({ candidates: 5, mean: 6, median: 6, max: 11, passMark: 6.6, passRate: 0.4 });
    expect(paper.sd).toBeCloseTo(Math.sqrt(13.2), 12);
    expect(paper.sections.map((s) => [s.title, s.mean])).toEqual([['单选', 2.4], ['多选', 2], ['判断', 0.6], ['填空', 1]]);
    expect(paper.kr20).toEqual([{ candidates: 5, items: 5, value: expect.closeTo(0.625, 12) }]);
  });

  test('scores.csv ranks ties equally; items.csv has a column per option; both open in Excel (BOM)', () => {
    const { results } = scored();
    const paper = paperStats(results, 0.6);
    const scores = scoreRows(results, paper);
    expect(scores[0]).toEqual(['rank', 'candidate', 'name', 'variant', '单选', '多选', '判断', '填空', 'total', 'max', 'pass']);
    expect(scores.slice(1).map((r) => [r[0], r[1], r[8], r[10]])).toEqual([[1, 'c1', '11', 'yes'], [2, 'c4', '9', 'yes'], [3, 'c2', '6', 'no'], [4, 'c3', '2', 'no'], [4, 'c5', '2', 'no']]);
    const items = itemRows(itemStats(results), new Map([['Q1', 1], ['Q2', 2], ['Q3', 3], ['Q4', 4], ['Q5', 5]]));
    expect(items[0]).toContain('share_D');
    // Q1: x = 1,1,0,1,0 → Sxy = 2 + 0 + 2.4 + 1.2 + 2.4 = 8 → 8/√79.2 = 0.899.
    expect(items[1]!.slice(0, 8)).toEqual([1, 'Q1', 'single', 5, 'A', '0.6', '1', '0.899']);
    const text = formatCsv(scores);
    expect(text.startsWith('\uFEFFrank,')).toBe(true);
    expect(parseCsv(formatCsv([['a,b', 'say "hi"', '']]))).toEqual({ rows: [['a,b', 'say "hi"', '']] });
  });

  test('parallel variants (different questions): each question over the candidates who had it, one KR-20 per set', () => {
    const parallel = {
      ...manifest,
      variants: [
        { index: 0, label: 'A', totalPoints: 2, sections: [{ type: 'judge', title: '判断', instruction: '', points: 1, questions: [{ id: 'J1', points: 1, answer: true }, { id: 'J2', points: 1, answer: false }] }] },
        { index: 1, label: 'B', totalPoints: 2, sections: [{ type: 'judge', title: '判断', instruction: '', points: 1, questions: [{ id: 'J3', points: 1, answer: true }, { id: 'J2', points: 1, answer: false }] }] },
      ],
    } as unknown as Manifest;
    const rows = (parseCsv(['candidate,name,variant,source,1,2', 'a,,A,,T,F', 'b,,A,,F,F', 'c,,B,,T,T', 'd,,B,,T,F', 'e,,B,,F,T'].join('\n')) as { rows: string[][] }).rows;
    const { results, problems } = scoreResponses(rows, parallel);
    expect(problems).toEqual([]);
    const items = itemStats(results);
    expect(items.map((i) => [i.id, i.n, i.difficulty])).toEqual([['J1', 2, 0.5], ['J2', 5, 0.6], ['J3', 3, 2 / 3]]);
    const paper = paperStats(results, 0.6);
    // A: right counts 2,1 → variance 0.25, Σpq = 0.25 + 0 → 2·(1 − 1) = 0. B: counts 1,2,0 → σ² = 2/3, Σpq = 2/9 + 2/9.
    expect(paper.kr20.map((k) => [k.candidates, k.items])).toEqual([[2, 2], [3, 2]]);
    expect(paper.kr20[0]!.value).toBeCloseTo(0, 12);
    expect(paper.kr20[1]!.value).toBeCloseTo(2 * (1 - 4 / 9 / (2 / 3)), 12);
  });
});

describe('what a reviewer saw', () => {
  const rows = (...lines: string[]) => (parseCsv([CSV.split('\n')[0]!, ...lines].join('\n')) as { rows: string[][] }).rows;

  test('a double mark on a single-choice or true/false item is recorded as marked, scores 0, and is its own row of the option shares', () => {
    const { results, problems } = scoreResponses(rows('d1,,A,s1,CD,A,AC,TF,', 'd2,,A,s2,C,A,AC,√×,', 'd3,,A,s3,C,A,AC,T,'), manifest);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.items[0]!.earned)).toEqual([0, 2, 2]);
    expect(results.map((r) => r.items[3]!.earned)).toEqual([0, 0, 1]);
    expect(results[0]!.items[0]).toMatchObject({ response: 'CD', original: 'AD' });
    expect(results[0]!.items[3]).toMatchObject({ response: 'TF' });
    const items = itemStats(results);
    const q1 = items.find((i) => i.id === 'Q1')!;
    expect(q1.double).toBeCloseTo(1 / 3);
    // The double mark chose neither A nor D: two right answers in three are A, none is D.
    expect(q1.options.find((o) => o.letter === 'A')!.share).toBeCloseTo(2 / 3);
    expect(q1.options.find((o) => o.letter === 'D')!.share).toBe(0);
    const q4 = items.find((i) => i.id === 'Q4')!;
    expect(q4.double).toBeCloseTo(2 / 3);
    expect(q4.options.map((o) => [o.letter, o.share])).toEqual([['T', 1 / 3], ['F', 0]]);
    const table = itemRows(items, new Map());
    const header = table[0]!;
    expect(table.find((r) => r[1] === 'Q4')![header.indexOf('share_double')]).toBe('0.667');
  });

  test('an explicit blank ("-", 空) is a blank, not a mistake', () => {
    const { results, problems } = scoreResponses(rows('e1,,A,s1,-,空,—,空白,-'), manifest);
    expect(problems).toEqual([]);
    expect(results[0]!.items.map((i) => i.response)).toEqual(['', '', '', '', '']);
    expect(results[0]!.total).toBe(0);
  });

  test('formula-like cells are neutralised when written and read back as they were', () => {
    const text = formatCsv([['candidate', 'name'], ['=HYPERLINK("x")', '+SUM(A1)'], ['-0.12', '@cmd'], ['\tx', '-']]);
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(`'+SUM(A1)`);
    expect(text).toContain(',-0.12,'.slice(1, -1));
    expect(text).not.toContain(`'-0.12`);
    expect(text).toContain(`'@cmd`);
    expect((parseCsv(text) as { rows: string[][] }).rows).toEqual([['candidate', 'name'], ['=HYPERLINK("x")', '+SUM(A1)'], ['-0.12', '@cmd'], ['\tx', '-']]);
  });
});
