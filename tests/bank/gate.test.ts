// The one gate from a bank to papers: any lint error means no bank; warnings pass.
import { describe, expect, test } from 'vitest';
import { loadBankForPapers } from '../../src/bank/gate.js';
import { makeBank, validQuestions } from './makeBank.js';

describe('loadBankForPapers', () => {
  test('a clean bank passes, warnings included', () => {
    const questions = validQuestions().map((q, i) => (i === 0 ? { ...q, norms: [] } : q));
    const { bank, problems } = loadBankForPapers(makeBank({ questions }));
    expect(bank?.questions).toHaveLength(4);
    expect(problems.map((p) => `${p.severity} ${p.rule}`)).toEqual(['warning no-norm']);
  });

  test('any error, from loading or from lint, means no bank, with every problem listed', () => {
    const questions = validQuestions();
    questions.push({ ...questions[0]!, stem: '另一个题干，完全不同的内容（ ）。' });
    questions[1] = { ...questions[1]!, answer: 'AE' };
    const { bank, problems } = loadBankForPapers(makeBank({ questions, raw: { 'questions/bad.yaml': 'topic: phone\nquestions: [\n' } }));
    expect(bank).toBeNull();
    const rules = problems.filter((p) => p.severity === 'error').map((p) => p.rule).sort();
    expect(rules).toEqual(['answer-not-option', 'duplicate-id', 'yaml']);
  });

  test('a missing folder or a bank without questions is no bank', () => {
    expect(loadBankForPapers('/nonexistent/bank').bank).toBeNull();
    const empty = loadBankForPapers(makeBank({ raw: { 'questions/phone.yaml': 'topic: phone\nquestions: []\n' } }));
    expect(empty.bank).toBeNull();
    expect(empty.problems.some((p) => p.severity === 'error')).toBe(true);
  });
});
