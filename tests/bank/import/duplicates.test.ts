// Duplicates against the bank and inside the file, and ids that never collide.
import { describe, expect, test } from 'vitest';
import { normalizeStem } from '../../../src/bank/import/index.js';
import { fixture, run } from './helpers.js';

const AIKEN = '以下可以聘用为个人客户经理的是( )。\nA. 有违规记录的\nB. 无严重违规违纪等不良记录\nANSWER: B\n\n客户经理可以持有( )。\nA. 银行现金\nB. 业务申请书\nANSWER: B\n';

describe('normalizeStem', () => {
  test('ignores numbering, bracket contents, blanks, punctuation, width and spacing', () => {
    const key = normalizeStem('对于严重违反规章制度的个人客户经理,必须( )。');
    expect(normalizeStem('1、对于严重违反规章制度的个人客户经理，必须（调离原岗位）。')).toBe(key);
    expect(normalizeStem('对于严重违反规章制度的个人客户经理 必须___')).toBe(key);
    expect(normalizeStem('对于严重违反规章制度的个人客户经理,必须( A )。')).toBe(key);
  });

  test('keeps words: a different stem has a different key', () => {
    expect(normalizeStem('以下属于履职规范的是( )。')).not.toBe(normalizeStem('以下不属于履职规范的是( )。'));
    expect(normalizeStem('AFP人数')).toBe(normalizeStem('ＡＦＰ 人数'));
  });
});

describe('duplicates', () => {
  test('a stem already in the bank is skipped, with the bank id when known', () => {
    const r = run(AIKEN, { existingStems: [{ id: 'ZD-007', stem: '以下可以聘用为个人客户经理的是(  )。' }] });
    expect(r.questions.map((q) => q.stem)).toEqual(['客户经理可以持有( )。']);
    expect(r.duplicates).toEqual([{ line: 1, id: 'ZD-007', stem: '以下可以聘用为个人客户经理的是( )。', reason: 'already in the bank' }]);
  });

  test('plain stems work too, compared after normalisation (an answer-in-stem bank stem matches)', () => {
    const r = run(AIKEN, { existingStems: ['客户经理可以持有(业务申请书)。'] });
    expect(r.duplicates.map((d) => [d.line, d.reason, d.id])).toEqual([[6, 'already in the bank', undefined]]);
  });

  test('a question repeated inside an Aiken file is kept once', () => {
    const r = run(`${AIKEN}\n${AIKEN.replace('( )', '(  )')}`);
    expect(r.questions).toHaveLength(2);
    expect(r.duplicates.map((d) => [d.line, d.reason])).toEqual([
      [11, 'repeat of the question at line 1'],
      [16, 'repeat of the question at line 6'],
    ]);
  });

  test('a GIFT question repeated with different punctuation is kept once', () => {
    const r = run('::a:: 握手时应由尊者先伸手。{T}\n\n::b:: 握手时, 应由尊者先伸手 {TRUE}\n');
    expect(r.questions).toHaveLength(1);
    expect(r.duplicates).toEqual([{ line: 3, stem: '握手时, 应由尊者先伸手', reason: 'repeat of the question at line 1' }]);
  });

  test('importing the seed into a bank that already holds its questions adds nothing', () => {
    const first = run(fixture('seed.txt'));
    const again = run(fixture('seed.txt'), { existingStems: first.questions.map((q) => ({ id: q.id, stem: q.stem })) });
    expect(again.questions).toEqual([]);
    expect(again.duplicates.filter((d) => d.reason === 'already in the bank')).toHaveLength(22);
  });
});

describe('ids', () => {
  test('IMP-001… by default, skipping ids the bank already has', () => {
    const r = run(AIKEN, { existingIds: ['IMP-001', 'IMP-003'] });
    expect(r.questions.map((q) => q.id)).toEqual(['IMP-002', 'IMP-004']);
  });

  test('idPrefix sets the prefix', () => {
    expect(run(AIKEN, { idPrefix: 'ZD' }).questions.map((q) => q.id)).toEqual(['ZD-001', 'ZD-002']);
  });

  test('nextId is asked per question with its topic; an id it repeats is not used twice', () => {
    const asked: (string | undefined)[] = [];
    const r = run(AIKEN, { topic: 'zhidu-guanli', existingIds: ['ZD-100'], nextId: (t) => (asked.push(t), 'ZD-100') });
    expect(asked[0]).toBe('zhidu-guanli');
    expect(r.questions.map((q) => q.id)).toEqual(['IMP-001', 'IMP-002']);
    let n = 100;
    const r2 = run(AIKEN, { existingIds: ['ZD-101'], nextId: () => `ZD-${++n}` });
    expect(r2.questions.map((q) => q.id)).toEqual(['ZD-102', 'ZD-103']);
  });

  test('warnings carry the new id and line', () => {
    const r = run(AIKEN, { topic: 'zhidu-guanli' });
    expect(r.warnings[0]).toEqual({ line: 1, id: 'IMP-001', message: 'no 题目难度: set to 3' });
  });
});

describe('against bank questions with options and key', () => {
  const bankQ = { id: 'ZD-007', stem: '以下可以聘用为个人客户经理的是( )。', options: ['有违规记录的', '无严重违规违纪等不良记录'], answer: 'B' as const };

  test('same stem, options and key: a duplicate with the bank id', () => {
    const r = run(AIKEN, { existingStems: [bankQ] });
    expect(r.duplicates).toEqual([{ line: 1, id: 'ZD-007', stem: '以下可以聘用为个人客户经理的是( )。', reason: 'already in the bank' }]);
  });

  test('same stem and options, another key: a conflict naming the bank question', () => {
    const r = run(AIKEN, { existingStems: [{ ...bankQ, answer: 'A' }] });
    expect(r.failed).toEqual([{ line: 1, reason: expect.stringMatching(/conflict: same stem and options as ZD-007 in the bank, whose answer is A, but the answer here is B/) }]);
    expect(r.questions).toHaveLength(1);
  });

  test('options that differ only by a slip in a long option are the same question', () => {
    const r = run(AIKEN, { existingStems: [{ ...bankQ, options: ['有违规记录的', '无严重违规违纪等不良的记录'] }] });
    expect(r.duplicates).toEqual([{ line: 1, id: 'ZD-007', stem: '以下可以聘用为个人客户经理的是( )。', reason: 'already in the bank; its options differ only slightly ("无严重违规违纪等不良的记录" there, "无严重违规违纪等不良记录" here)' }]);
  });

  test('a stem that differs only by a slip, with the same options and key, is the same question', () => {
    const corrected = { ...bankQ, stem: '以下可以聘用为个人客户经理人员的是( )。' };
    const r = run(AIKEN, { existingStems: [corrected] });
    expect(r.duplicates).toEqual([{ line: 1, id: 'ZD-007', stem: '以下可以聘用为个人客户经理的是( )。', reason: 'already in the bank; its stem differs only slightly ("以下可以聘用为个人客户经理人员的是( )。" there)' }]);
    // Another key, or a negation more or less, is another question.
    expect(run(AIKEN, { existingStems: [{ ...corrected, answer: 'A' as const }] }).duplicates).toEqual([]);
    expect(run(AIKEN, { existingStems: [{ ...corrected, stem: '以下不可以聘用为个人客户经理的是( )。' }] }).duplicates).toEqual([]);
  });

  test('importing the seed into the bundled bank (which fixed typos in its options and stems) adds nothing', async () => {
    const { loadBank } = await import('../../../src/bank/load.js');
    const { fileURLToPath } = await import('node:url');
    const { bank } = loadBank(fileURLToPath(new URL('../../../bank', import.meta.url)));
    const r = run(fixture('seed.txt'), { existingStems: bank.questions.map(({ id, stem, options, answer }) => ({ id, stem, answer, ...(options ? { options } : {}) })) });
    expect(r.questions).toEqual([]);
  });

  test('same stem, other options: a new question with a warning', () => {
    const r = run(AIKEN, { existingStems: [{ ...bankQ, options: ['甲', '乙'] }] });
    expect(r.questions).toHaveLength(2);
    expect(r.warnings.find((w) => w.line === 1 && /same stem/.test(w.message))!.message).toMatch(/same stem as ZD-007 in the bank with other options/);
  });
});
