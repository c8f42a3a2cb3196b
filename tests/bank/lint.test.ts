import { describe, expect, it } from 'vitest';
import { lintBank, formatProblem } from '../../src/bank/lint.js';
import { loadBank } from '../../src/bank/load.js';
import { makeBank, validQuestions } from './makeBank.js';

type Q = Record<string, unknown>;

function lint(mutate: (qs: Q[]) => Q[]) {
  const { bank, problems } = loadBank(makeBank({ questions: mutate(validQuestions()) }));
  expect(problems).toEqual([]);
  return lintBank(bank);
}

const rulesOf = (ps: { rule: string; severity: string }[], severity = 'error') => ps.filter((p) => p.severity === severity).map((p) => p.rule);

describe('lintBank', () => {
  it('finds nothing wrong in a valid bank', () => {
    expect(lint((qs) => qs)).toEqual([]);
  });

  it.each<[string, (qs: Q[]) => Q[], string, RegExp]>([
    ['duplicate-id', (qs) => [...qs, { ...qs[0], stem: '另一道题目，内容完全不同，考查名片的递接（ ）。' }], 'DH-001', /already used/],
    ['duplicate-stem', (qs) => [...qs, { ...qs[0], id: 'DH-009', stem: '电话铃响后 , 应在（  ）之内接听' }], 'DH-009', /same stem as DH-001/],
    ['near-duplicate-stem', (qs) => [...qs, { ...qs[0], id: 'DH-009', stem: '电话铃响后，应该在（ ）之内接听。' }], 'DH-009', /nearly the same/],
    ['single-answer', (qs) => [{ ...qs[0], answer: 'AB' }, ...qs.slice(1)], 'DH-001', /2 answers/],
    ['multiple-answer', (qs) => [qs[0]!, { ...qs[1], answer: 'A' }, ...qs.slice(2)], 'DH-002', /only one answer/],
    ['answer-not-option', (qs) => [{ ...qs[0], answer: 'E' }, ...qs.slice(1)], 'DH-001', /not among the 4 options/],
    ['fill-blanks', (qs) => [...qs.slice(0, 3), { ...qs[3], answer: ['三'] }], 'DH-004', /2 blank\(s\).*lists 1/],
    ['answer-shape', (qs) => [...qs.slice(0, 2), { ...qs[2], answer: 'B' }, qs[3]!], 'DH-003', /true or false/],
    ['options', (qs) => [...qs.slice(0, 2), { ...qs[2], options: ['对', '错'] }, qs[3]!], 'DH-003', /no options/],
    ['unknown-topic', (qs) => [{ ...qs[0], topic: 'banquet' }, ...qs.slice(1)], 'DH-001', /not in topics.yaml/],
    ['unknown-norm', (qs) => [{ ...qs[0], norms: ['phone-nope'] }, ...qs.slice(1)], 'DH-001', /phone-nope is not defined/],
    ['duplicate-option', (qs) => [{ ...qs[0], options: ['一声', '三声', '一声', '十声'] }, ...qs.slice(1)], 'DH-001', /repeats an earlier option/],
    ['fixed-order', (qs) => [{ ...qs[0], fixedOrder: ['F'] }, ...qs.slice(1)], 'DH-001', /not an option/],
  ])('reports %s', (rule, mutate, id, message) => {
    const problems = lint(mutate);
    const hit = problems.find((p) => p.rule === rule);
    expect(hit, `${rule} in ${problems.map(formatProblem).join('\n')}`).toBeDefined();
    expect(hit!.severity).toBe('error');
    expect(hit!.id).toBe(id);
    expect(hit!.message).toMatch(message);
    expect(hit!.line).toBeGreaterThan(1);
  });

  it('does not call a negated stem a near duplicate', () => {
    const problems = lint((qs) => [...qs, { ...qs[0], id: 'DH-009', stem: '电话铃响后，不应在（ ）之内接听。' }]);
    expect(rulesOf(problems)).not.toContain('near-duplicate-stem');
  });

  it('reports duplicate norm ids across chapters', () => {
    const dir = makeBank({
      raw: { 'norms/02-copy.yaml': 'chapter:\n  id: ch-copy\n  title: 副本\n  sections:\n    - id: copy\n      title: 副本\n      norms:\n        - id: phone-greet\n          text: 重复的编号。\n' },
    });
    const { bank } = loadBank(dir);
    const p = lintBank(bank).find((x) => x.rule === 'duplicate-id');
    expect(p?.id).toBe('phone-greet');
    expect(p?.file).toContain('02-copy.yaml');
  });

  describe('warnings', () => {
    const singles = (answers: string[], longestIsAnswer: boolean): Q[] =>
      answers.map((answer, i) => {
        const options = ['甲方案', '乙方案', '丙方案', '丁方案'];
        const k = 'ABCD'.indexOf(answer);
        if (longestIsAnswer) options[k] = `${options[k]}(最完整、最详细的一项)`;
        return {
          id: `W-${String(i).padStart(3, '0')}`, type: 'single', stem: `第${i}号题考查的是第${'一二三四五六七八九十'[i % 10]}种${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}情形（ ）。`,
          options, answer, difficulty: 2, source: '测试', explanation: '测试。', norms: i % 2 ? [] : ['phone-greet'],
        };
      });

    it('warns (not errors) on a skewed answer-letter distribution, the longest option too often right, and questions with no norm', () => {
      const problems = lint(() => singles(['A', 'A', 'A', 'A', 'A', 'A', 'B', 'C', 'A', 'A'], true));
      expect(rulesOf(problems)).toEqual([]);
      const warnings = rulesOf(problems, 'warning');
      expect(warnings).toContain('answer-skew');
      expect(warnings).toContain('longest-answer');
      expect(warnings).toContain('no-norm');
    });

    it('stays quiet on a balanced set', () => {
      const problems = lint(() => singles(['A', 'B', 'C', 'D', 'B', 'C', 'D', 'A', 'C', 'B'], false));
      expect(rulesOf(problems, 'warning').filter((r) => r === 'answer-skew' || r === 'longest-answer')).toEqual([]);
    });
  });
});
