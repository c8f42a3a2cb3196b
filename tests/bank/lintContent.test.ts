// The content rules (src/bank/lintContent.ts), each on the valid fixture bank broken one way.
import { describe, expect, it } from 'vitest';
import { formatProblem, lintBank } from '../../src/bank/lint.js';
import { offStyleRanges } from '../../src/bank/lintContent.js';
import { loadBank } from '../../src/bank/load.js';
import { makeBank, NORMS, validQuestions } from './makeBank.js';

type Q = Record<string, unknown>;

function lint(mutate: (qs: Q[]) => Q[], norms: unknown = NORMS, options = {}) {
  const { bank, problems } = loadBank(makeBank({ questions: mutate(validQuestions()), norms }));
  expect(problems.map(formatProblem)).toEqual([]);
  return lintBank(bank, options);
}

const extra = (id: string, over: Q = {}): Q => ({
  id, type: 'judge', stem: `第${id}题：接听电话时先报单位再问候，顺序不影响服务效果（ ）。`, answer: false, difficulty: 2,
  source: '《客户经理服务礼仪手册》', explanation: '先问候，再报单位和姓名。', norms: ['phone-greet'], ...over,
});

describe('content rules', () => {
  it('the valid fixture bank has none of these problems', () => {
    expect(lint((qs) => qs).map(formatProblem)).toEqual([]);
  });

  it.each<[string, (qs: Q[]) => Q[], string, RegExp, 'error' | 'warning']>([
    ['norm-overtested', (qs) => [...qs, extra('DH-101')], 'phone-greet', /tested by 3 questions \(DH-003, DH-004, DH-101\), more than 2/, 'warning'],
    ['one-wrong-option', (qs) => [qs[0]!, { ...qs[1], answer: 'ACD' }, ...qs.slice(2)], 'DH-002', /only one of the 4 options is wrong/, 'warning'],
    ['source-no-document', (qs) => [{ ...qs[0], source: 'exampress 礼仪手册 7.1' }, ...qs.slice(1)], 'DH-001', /names no document/, 'warning'],
    ['number-range', (qs) => [{ ...qs[0], explanation: '每天约访15-20个客户，安排5至10名到访。' }, ...qs.slice(1)], 'DH-001', /"15-20", "5至10".*"15～20", "5～10"/, 'warning'],
    ['unknown-enemy', (qs) => [{ ...qs[0], enemies: ['DH-404'] }, ...qs.slice(1)], 'DH-001', /DH-404, which is not a question/, 'error'],
  ])('reports %s', (rule, mutate, id, message, severity) => {
    const problems = lint(mutate);
    const hit = problems.find((p) => p.rule === rule);
    expect(hit, `${rule} in ${problems.map(formatProblem).join('\n')}`).toBeDefined();
    expect(hit!.severity).toBe(severity);
    expect(hit!.id).toBe(id);
    expect(hit!.message).toMatch(message);
    expect(hit!.line).toBeGreaterThan(1);
  });

  it('takes the per-norm limit as an option', () => {
    const rules = (max: number) => lint((qs) => [...qs, extra('DH-101')], NORMS, { maxQuestionsPerNorm: max }).map((p) => p.rule);
    expect(rules(3)).not.toContain('norm-overtested');
    expect(rules(1)).toContain('norm-overtested');
  });

  it('holds the range style in the handbook too, and accepts 15～20 and other spellings after the first in a fill answer', () => {
    const norms = structuredClone(NORMS);
    norms.chapter.sections[0]!.norms[0]!.text = '铃响3-4声之内接听。';
    const problems = lint((qs) => [...qs.slice(0, 3), { ...qs[3], answer: ['三～四|3-4', '问候'] }], norms);
    expect(problems.map((p) => `${p.id} ${p.rule}`)).toEqual(['phone-three-rings number-range']);
  });

  it('holds the range style in a section table', () => {
    const norms = structuredClone(NORMS) as typeof NORMS & { chapter: { sections: Record<string, unknown>[] } };
    norms.chapter.sections[0]!.table = { header: ['事项', '要求'], rows: [['接听', '铃响2至3声内']] };
    const hit = lint((qs) => qs, norms).find((p) => p.rule === 'number-range');
    expect(hit?.id).toBe('phone-answer');
    expect(hit?.message).toMatch(/"2至3".*"2～3"/);
  });

  it('reads ranges the way a trainer writes them', () => {
    expect(offStyleRanges('15-20个，5至10名，30%～50%，6到8颗，2~3天，ZD-006，工银个金〔2009〕89号')).toEqual(['15-20', '5至10', '6到8', '2~3']);
  });

  it('reports an enemy that is the question itself', () => {
    const hit = lint((qs) => [{ ...qs[0], enemies: ['DH-001'] }, ...qs.slice(1)]).find((p) => p.rule === 'unknown-enemy');
    expect(hit?.message).toMatch(/the question itself/);
  });
});
