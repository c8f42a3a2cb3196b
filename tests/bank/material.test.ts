// The material field of case groups: the schema accepts it, lint checks the groups hold together.
import { describe, expect, it } from 'vitest';
import { lintBank } from '../../src/bank/lint.js';
import { loadBank } from '../../src/bank/load.js';
import { makeBank, validQuestions } from './makeBank.js';

const CASE = '客户张先生到网点办理业务，等候二十分钟后情绪激动，大声指责大堂经理服务太慢。';

function lint(materials: (string | undefined)[], stems?: string[]) {
  const base = validQuestions()[0]!;
  const qs = materials.map((material, i) => ({
    ...base,
    id: `AL-${i + 1}`,
    stem: stems?.[i] ?? `第${i + 1}问：面对这种情况，大堂经理首先应当怎样做，第${'一二三四五'[i]}种说法（ ）。`,
    norms: [],
    ...(material === undefined ? {} : { material }),
  }));
  const { bank, problems } = loadBank(makeBank({ questions: qs }));
  expect(problems).toEqual([]);
  return { bank, problems: lintBank(bank).filter((p) => p.rule.startsWith('material') || p.rule.includes('stem')) };
}

describe('material (case groups)', () => {
  it('is loaded with the question and a group of two or more is fine', () => {
    const { bank, problems } = lint([CASE, CASE, undefined]);
    expect(bank.questions.filter((q) => q.material === CASE)).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  it('warns about a material only one question carries', () => {
    const { problems } = lint([CASE, undefined]);
    expect(problems.map((p) => [p.rule, p.id, p.severity])).toEqual([['material-alone', 'AL-1', 'warning']]);
  });

  it('warns when two materials differ by a typo, naming the other question', () => {
    const { problems } = lint([CASE, CASE, CASE.replace('二十', '三十')]);
    expect(problems.map((p) => [p.rule, p.id])).toEqual([['material-variant', 'AL-3']]);
    expect(problems[0]!.message).toMatch(/like that of AL-1/);
  });

  it('the same stem under two different materials is not a duplicate; under the same material it is', () => {
    const stem = '你认为大堂经理的做法是否妥当（ ）。';
    const other = '客户李女士在柜台办理挂失时，柜员一边接电话一边办理，李女士非常不满并要求投诉。';
    expect(lint([CASE, CASE, other, other], [stem, '另问一句，与上题不同的问法（ ）。', stem, '还有一道完全不同的题目（ ）。']).problems).toEqual([]);
    const same = lint([CASE, CASE], [stem, stem]).problems;
    expect(same.map((p) => p.rule)).toEqual(['duplicate-stem']);
  });
});
