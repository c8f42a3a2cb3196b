import { describe, expect, it } from 'vitest';
import { chinesePunctuation } from '../../src/bank/punctuation.js';

describe('chinesePunctuation (the bank house style for imports)', () => {
  it.each([
    ['\u5bf9\u4e8e\u4e2a\u4eba\u5ba2\u6237\u7ecf\u7406,\u5fc5\u987b( )\u3002', '\u5bf9\u4e8e\u4e2a\u4eba\u5ba2\u6237\u7ecf\u7406\uff0c\u5fc5\u987b\uff08 \uff09\u3002'],
    ['\u5fc5\u987b(  \u4e24 )\u5e74', '\u5fc5\u987b\uff08\u4e24\uff09\u5e74'],
    ['\u8425\u9500\u7ecf\u7406(\u542b)(1 )\u540d\u4ee5\u4e0a', '\u8425\u9500\u7ecf\u7406\uff08\u542b\uff09\uff08\u0031\uff09\u540d\u4ee5\u4e0a'],
    ['\u90e8; \u633a', '\u90e8\uff1b\u633a'],
    ['\u9898\u5e72:\u5ba2\u6237?', '\u9898\u5e72\uff1a\u5ba2\u6237\uff1f'],
  ])('%s → %s', (input, expected) => {
    expect(chinesePunctuation(input)).toBe(expected);
  });

  it('leaves Latin and numeric text alone', () => {
    expect(chinesePunctuation('15-20,5-10')).toBe('15-20,5-10');
    expect(chinesePunctuation('AFP or CFP (2)')).toBe('AFP or CFP (2)');
    expect(chinesePunctuation('f(x): a, b')).toBe('f(x): a, b');
  });
});

describe('questionInHouseStyle', () => {
  it('writes the case material in the house style too', async () => {
    const { questionInHouseStyle } = await import('../../src/bank/punctuation.js');
    const q = questionInHouseStyle({ id: 'A-1', type: 'judge', stem: '柜员做法正确。', answer: false, difficulty: 1, source: '《规范》', explanation: '不正确。', norms: [], material: '客户王女士到网点,柜员一边接电话一边办理。' });
    expect(q.material).toBe('客户王女士到网点，柜员一边接电话一边办理。');
  });
});
