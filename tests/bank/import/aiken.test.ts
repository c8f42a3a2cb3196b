import { describe, expect, test } from 'vitest';
import { fixture, find, run } from './helpers.js';

describe('Aiken import (tests/fixtures/import/aiken.txt)', () => {
  const r = run(fixture('aiken.txt'), { topic: 'jiedai-baifang', sourceName: '《礼仪题库》' });

  test('is detected as Aiken', () => {
    expect(r.format).toBe('aiken');
  });

  test('reads "A." options and ANSWER: B as a single-choice question', () => {
    const { q, line } = find(r, '钻石级');
    expect(q).toMatchObject({ type: 'single', options: ['0.5米左右', '1米左右', '2米左右', '3米左右'], answer: 'B', topic: 'jiedai-baifang', source: '《礼仪题库》', difficulty: 3 });
    expect(line).toBe(1);
  });

  test('reads "A)" options and strips numbering "1、" from the stem', () => {
    const { q } = find(r, '男职员的发型');
    expect(q.stem).toBe('男职员的发型要求是( )。');
    expect(q.options).toEqual(['前发可覆额', '侧发不掩耳', '后发可及领']);
  });

  test('reads "(A)" options and ANSWER: A,B as a multiple-choice question', () => {
    const { q } = find(r, '递交文件');
    expect(q).toMatchObject({ type: 'multiple', answer: 'AB' });
  });

  test('two options 正确/错误 become a judge question', () => {
    const { q } = find(r, '眉骨与鼻梁');
    expect(q).toMatchObject({ type: 'judge', answer: true });
    expect(q.options).toBeUndefined();
  });

  test('reads "A:" options and a lower-case answer letter', () => {
    expect(find(r, '上排牙齿').q.answer).toBe('B');
  });

  test('malformed items fail with their line and the fix', () => {
    expect(r.failed).toEqual([
      { line: 26, reason: expect.stringMatching(/no "ANSWER: <letter>" line/) },
      { line: 33, reason: expect.stringMatching(/ANSWER C but the options stop at B/) },
      { line: 37, reason: expect.stringMatching(/option C where B was expected/) },
      { line: 40, reason: expect.stringMatching(/at least two options/) },
    ]);
    expect(r.questions).toHaveLength(5);
  });

  test('each question carries the warnings a person must clear', () => {
    expect(r.warnings.filter((w) => w.line === 1).map((w) => w.message)).toEqual(['no 题目难度: set to 3', 'no 解析: explanation is "待补充解析"']);
  });
});

test('a Chinese question over two lines is joined without a space', () => {
  const r = run('客户经理邀请的钻石级以上客户来访时,\n应主动出门迎接( )。\nA. 是\nB. 否\nC. 视情况\nANSWER: A\n');
  expect(r.questions[0]!.stem).toBe('客户经理邀请的钻石级以上客户来访时,应主动出门迎接( )。');
});
