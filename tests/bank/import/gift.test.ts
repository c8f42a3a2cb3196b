import { describe, expect, test } from 'vitest';
import { fixture, find, run } from './helpers.js';

describe('GIFT import (tests/fixtures/import/gift.txt)', () => {
  const r = run(fixture('gift.txt'), { sourceName: '《礼仪题库》' });

  test('is detected as GIFT', () => {
    expect(r.format).toBe('gift');
  });

  test('{~wrong =right} is single choice; the right answer’s feedback (not a wrong one’s) is the explanation; $CATEGORY names the topic', () => {
    const { q, line } = find(r, '铃响');
    expect(q).toMatchObject({
      type: 'single',
      stem: '电话铃响后,应在铃响( )声之内接听。',
      options: ['一', '三', '五', '七'],
      answer: 'B',
      explanation: '三声之内接听体现效率',
      topic: 'dianhua-liyi',
    });
    expect(line).toBe(4);
  });

  test('weighted ~%50% answers over several lines are multiple choice: positive weights are right', () => {
    const { q } = find(r, '接听电话时');
    expect(q).toMatchObject({ type: 'multiple', options: ['先问候并自报单位', '左手持听筒右手记录', '边吃东西边接听'], answer: 'AB' });
  });

  test('{T}/{FALSE}/{TRUE} are judge questions; the second T/F feedback or the #### general feedback explains', () => {
    expect(find(r, '挂断').q).toMatchObject({ type: 'judge', answer: true, explanation: '对:体现对客户的尊重' });
    expect(find(r, '账户余额').q).toMatchObject({ type: 'judge', answer: false, explanation: '待补充解析' });
    expect(find(r, '名片的文字').q).toMatchObject({ type: 'judge', answer: true, explanation: '名片文字朝向对方,便于对方阅读' });
  });

  test('{=a =b} in the middle of the text is a fill blank with alternatives joined by |', () => {
    const { q } = find(r, '握手时');
    expect(q).toMatchObject({ type: 'fill', stem: '握手时,应由___先伸手。', answer: ['尊者|长者'], topic: 'shangwu-liyi' });
  });

  test('a short answer at the end puts the blank at the end', () => {
    expect(find(r, '主人一般坐在').q).toMatchObject({ type: 'fill', stem: '中餐宴请中主人一般坐在什么位置?___', answer: ['面对正门的位置'], explanation: '主位面门' });
  });

  test('escaped \\{ \\} \\= \\~ \\# are literal text', () => {
    expect(find(r, '座次以').q.stem).toBe('会谈时座次以{右}为尊,这句话里的花括号是转义的 = ~ #。');
  });

  test('comments and $CATEGORY lines are not questions; unsupported and malformed items fail with their line', () => {
    expect(r.questions).toHaveLength(8);
    expect(r.failed.map((f) => [f.line, f.reason.replace(/^.*?: /, '')])).toEqual([
      [26, 'matching questions (->) are not supported'],
      [28, 'numerical questions {#…} are not supported'],
      [30, 'essay questions {} are not supported (no answer to grade)'],
      [32, 'no answer block {…}; GIFT descriptions are not questions'],
      [34, '2 answers marked "="; use ~%50%a ~%50%b for a multiple-choice question'],
      [36, 'answer block { is never closed with }'],
    ]);
    expect(r.failed[0]!.reason).toMatch(/^"M1"/);
  });
});
