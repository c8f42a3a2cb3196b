// Word-pasted numbered text (tests/fixtures/import/word-pasted.txt, written for these tests):
// every quirk of the issue, each question checked field by field.
import { describe, expect, test } from 'vitest';
import { fixture, run } from './helpers.js';

const HEADING = '营业网点服务规范试题';

describe('Word-pasted text', () => {
  const r = run(fixture('word-pasted.txt'));
  const at = (line: number) => {
    const i = r.lines.indexOf(line);
    if (i < 0) throw new Error(`no question at line ${line}; lines: ${r.lines.join(', ')}`);
    const { type, stem, options, answer, source, material } = r.questions[i]!;
    return { type, stem, options, answer, source, material };
  };

  test('is detected as numbered text, and every item is accounted for', () => {
    expect(r.format).toBe('text');
    expect(r.failed).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.questions).toHaveLength(22);
    expect(r.detected).toBe(22);
  });

  test.each<[string, number, object]>([
    ['answer after the stem "…宣布成立。B"; a year inside the stem is not numbering', 3, { type: 'single', stem: '中华人民共和国于1949年10月1日宣布成立。', options: ['正确的日期', '开国大典的日期', '无关', '以上都不对'], answer: 'B' }],
    ['lower-case answer in a spaced bracket; options one per line ending with ；and 。 stripped', 5, { type: 'single', stem: '客户经理接待客户时，应当( )。', options: ['坐着不动', '起身相迎', '主动起身问候', '不予理睬'], answer: 'C' }],
    ['answer inside dashes; text brackets （试行） （包括本行网点） stay; "D夏季" with no separator', 10, { type: 'single', stem: '根据《网点服务规范》（试行），网点（包括本行网点）开门时间为( )', options: ['八点', '九点', '十点', '夏季八点半'], answer: 'B' }],
    ['answer inside underscores; "(4)" numbering; （含二人） stays', 12, { type: 'single', stem: '柜员办理业务时（含二人）应当( )', options: ['聊天', '玩手机', '吃东西', '专注办理'], answer: 'D' }],
    ['"（5）" numbering, a stem broken over two lines, an empty bracket and an 答案： line', 14, { type: 'single', stem: '下列关于大堂经理职责的说法，正确的是( )。', options: ['只负责引导', '负责分流、引导、咨询'], answer: 'B' }],
    ['six options, answer (AC), under 多项选择题', 21, { type: 'multiple', options: ['头发整洁', '浓妆艳抹', '指甲干净', '佩戴夸张首饰', '口气清新', '工牌端正'], answer: 'AC' }],
    ['lower case with spaces (ab d e)', 23, { type: 'multiple', stem: '网点晨会内容包括( )。', answer: 'ABDE' }],
    ['"86.." numbering', 25, { stem: '以下属于服务禁语的有( )', answer: 'ABC' }],
    ['"1.49.1999版…": 49.1999 is part of the stem', 28, { type: 'judge', stem: '49.1999版第五套人民币于1999年10月1日发行。( )', answer: true }],
    ['（ × ）', 29, { type: 'judge', stem: '客户经理可以代客户保管存折。( )', answer: false }],
    ['对 after the stem', 30, { type: 'judge', stem: '柜员离柜时应放置暂停服务牌。', answer: true }],
    ['Ⅹ (U+2169) after the stem', 31, { type: 'judge', stem: '网点可以向客户收取排队费。', answer: false }],
    ['（✓）', 32, { type: 'judge', answer: true }],
    ['lower-case x after a space', 33, { type: 'judge', stem: '客户经理下班后可以穿工装去娱乐场所。', answer: false }],
    ['正确 after the stem', 34, { type: 'judge', answer: true }],
    ['错误 after the stem', 35, { type: 'judge', answer: false }],
    ['two options 正确/错误 are a judge question', 36, { type: 'judge', stem: '客户投诉应当在规定时间内反馈。', options: undefined, answer: true }],
    ['填空题 heading: bracket text is the blank', 41, { type: 'fill', stem: '客户意见无法当场答复的，应在___内反馈。', answer: ['三个工作日'] }],
    ['two blanks', 42, { type: 'fill', stem: '网点营业前___分钟完成晨会，营业后___分钟内完成清点。', answer: ['十五', '三十'] }],
  ])('%s', (_what, line, expected) => {
    expect(at(line)).toMatchObject(expected);
  });

  test('案例分析: the case text becomes the material of the questions under it, and a new case starts a new group', () => {
    const first = '客户王女士到网点办理挂失，柜员一边接电话一边办理，王女士等候二十分钟后提出投诉。';
    expect(at(45)).toMatchObject({ type: 'single', stem: '柜员的做法违反了( )。', options: ['专注服务规范', '着装规范'], answer: 'A', material: first });
    expect(at(47)).toMatchObject({ type: 'multiple', answer: 'AB', material: first });
    expect(at(50)).toMatchObject({ type: 'judge', answer: true, material: '客户李先生在自助区操作失败，情绪激动。' });
    expect(at(3).material).toBeUndefined();
  });

  test('numbering that restarts under each heading is not an error, and the source comes from the nearest heading with a warning', () => {
    expect(r.lines.slice(0, 5)).toEqual([3, 5, 10, 12, 14]);
    expect(at(3).source).toBe(HEADING);
    expect(r.warnings.find((w) => w.line === 3 && /出处/.test(w.message))!.message).toBe(`no 教材出处: source taken from the heading at line 1 "${HEADING}"`);
  });

  test('--source wins over the heading; the file name is never used', () => {
    const withSource = run(fixture('word-pasted.txt'), { sourceName: '《营业网点服务规范》' });
    expect(withSource.questions.every((q) => q.source === '《营业网点服务规范》')).toBe(true);
    const bare = run('1.客户经理应着工装上岗。（√）\n');
    expect(bare.questions[0]!.source).toBe('待补充出处');
    expect(bare.warnings.map((w) => w.message)).toContain('no 教材出处: source is "待补充出处"');
  });

  test('解析 after the options becomes the explanation', () => {
    expect(r.questions[r.lines.indexOf(14)]!.explanation).toBe('大堂经理负责分流、引导与咨询。');
  });
});

describe('every item is accounted for (word-accounting.txt)', () => {
  const r = run(fixture('word-accounting.txt'));

  test('imported + duplicates + failed = items detected', () => {
    expect(r.detected).toBe(7);
    expect(r.questions.length + r.duplicates.length + r.failed.length).toBe(7);
  });

  test('same stem, options and key: a duplicate naming its twin', () => {
    expect(r.duplicates).toEqual([{ line: 4, stem: '客户等候时间较长时，大堂经理应( )。', reason: 'repeat of the question at line 2' }]);
  });

  test('same stem and options with another key: a conflict naming both lines', () => {
    expect(r.failed.find((f) => f.line === 6)!.reason).toMatch(/conflict: same stem and options as the question at line 2, whose answer is B, but the answer here is A/);
  });

  test('same stem with other options: a new question, with a warning', () => {
    expect(r.lines).toEqual([2, 8]);
    expect(r.questions[1]).toMatchObject({ options: ['视而不见', '催促柜员', '主动致歉并安抚'], answer: 'C' });
    expect(r.warnings.find((w) => w.line === 8 && /same stem/.test(w.message))!.message).toMatch(/same stem as the question at line 2 with other options/);
  });

  test('no answer, a number with nothing else, an unreadable judge mark: failed with line and reason', () => {
    expect(r.failed.map((f) => f.line)).toEqual([6, 10, 12, 14]);
    expect(r.failed[1]!.reason).toMatch(/options but no answer/);
    expect(r.failed[2]!.reason).toMatch(/no options and no answer/);
    expect(r.failed[3]!.reason).toMatch(/判断题 without a readable mark/);
  });

  test('a forced format that finds nothing is one failure', () => {
    const none = run('这只是一段说明文字。\n', { format: 'text' });
    expect(none.failed).toEqual([{ line: 1, reason: expect.stringMatching(/--format text found no questions/) }]);
  });
});

describe('Word-pasted text, other habits (word-variants.txt)', () => {
  const r = run(fixture('word-variants.txt'));
  const at = (line: number) => {
    const i = r.lines.indexOf(line);
    if (i < 0) throw new Error(`no question at line ${line}`);
    return r.questions[i]!;
  };

  test('正确答案： lines do not make it the seed format; every item accounted for', () => {
    expect(r.format).toBe('text');
    expect(r.lines).toEqual([3, 5, 9, 16, 19, 22, 23, 24, 25, 30]);
    expect(r.detected).toBe(11);
  });

  test('full-width letters and （Ｂ）; 【答案】 and 【解析】; 正确答案：; options with no space between them', () => {
    expect(at(3)).toMatchObject({ type: 'single', stem: '大堂经理的主要职责是( )', options: ['办理业务', '分流引导', '清点现金', '审批贷款'], answer: 'B' });
    expect(at(5)).toMatchObject({ answer: 'B', explanation: '注视面部三角区表示尊重。', options: ['头部', '面部三角区', '脚部', '手部'] });
    expect(at(9)).toMatchObject({ stem: '下列关于着装的说法，错误的是', answer: 'B' });
    expect(at(16)).toMatchObject({ type: 'multiple', stem: '( )属于服务忌语。', options: ['不知道', '没办法', '您好', '请稍等'], answer: 'AB' });
    expect(at(19)).toMatchObject({ type: 'multiple', answer: 'ACD' });
  });

  test('（一） and 第二部分 headings; judge marks after spaces, （对）, 答案：错', () => {
    expect([22, 23, 24, 25].map((l) => at(l).answer)).toEqual([false, true, true, false]);
    expect(at(23).stem).toBe('工牌应佩戴在左胸。');
  });

  test('a stem and an option each broken over two lines', () => {
    expect(at(30)).toMatchObject({ type: 'single', stem: '客户经理在营业时间内应当( )', options: ['随意离岗，只要事先告诉同事即可', '长时间接听私人电话', '坚守岗位'], answer: 'C' });
  });

  test('the title in 《》 is the nearest heading; 四、简答题 is not a source and its items fail with the reason', () => {
    expect(at(25).source).toBe('《商业银行服务礼仪》培训试题');
    expect(r.failed).toEqual([{ line: 28, reason: expect.stringMatching(/under a 简答题 heading: only choice, judge and fill-in/) }]);
  });
});

describe('Word text files as saved on Chinese Windows', () => {
  test('GBK-encoded text and a "[单选题]" first line are read as Word text, not JSON', async () => {
    const { default: iconv } = await import('iconv-lite');
    const { runFile } = await import('./helpers.js');
    const text = '[单选题]\n1)客户经理接待客户时，应当（ B ）。\nA.坐着不动 B.起身相迎\n';
    const r = await runFile(iconv.encode(text, 'gbk'), 'bank.txt');
    expect(r.format).toBe('text');
    expect(r.questions[0]).toMatchObject({ stem: '客户经理接待客户时，应当( )。', options: ['坐着不动', '起身相迎'], answer: 'B', source: '待补充出处' });
  });
});

describe('labels around the questions', () => {
  const text = [
    '出处：《营业网点服务规范》',
    '1.客户经理接待客户时，应当（ B ）。',
    'A.坐着不动',
    'B.起身相迎',
    '解析：起身相迎体现尊重，',
    '也体现专业素养。',
    '第二章 电话礼仪',
    '2.电话铃响应在三声内接听。（√）',
    '3.接听电话可以先不报单位。（×）',
  ].join('\n');
  const r = run(text);

  test('出处 above the questions is their source; a 解析 over two lines is read whole; a heading ends it', () => {
    expect(r.failed).toEqual([]);
    expect(r.questions[0]).toMatchObject({ source: '《营业网点服务规范》', explanation: '起身相迎体现尊重，也体现专业素养。' });
    expect(r.questions[1]).toMatchObject({ type: 'judge', answer: true, source: '第二章 电话礼仪', explanation: '待补充解析' });
  });

  test('an 答案 line with no question above it fails with its line', () => {
    const orphan = run('答案：B\n1.客户经理应着工装上岗。（√）\n');
    expect(orphan.failed).toEqual([{ line: 1, reason: '答案：B with no numbered question above it; skipped' }]);
    expect(orphan.detected).toBe(2);
  });
});

test('"答案B" with no colon at the end of the options line', () => {
  const r = run('1.客户经理接待客户时，应当（ ）。\nA.坐着不动 B.起身相迎 答案B\n');
  expect(r.questions[0]).toMatchObject({ options: ['坐着不动', '起身相迎'], answer: 'B' });
});

describe('an answer key at the end (word-answer-key.txt)', () => {
  const r = run(fixture('word-answer-key.txt'));

  test('answers by section and number: "1-3 BBA", "1.ABD", "1.× 2.√"', () => {
    expect(r.questions.map((q) => [r.lines[r.questions.indexOf(q)], q.type, q.answer])).toEqual([
      [2, 'single', 'B'],
      [4, 'single', 'B'],
      [6, 'single', 'A'],
      [9, 'multiple', 'ABD'],
      [12, 'judge', false],
      [13, 'judge', true],
    ]);
  });

  test('a question the key does not cover fails with its line; the key itself is not an item', () => {
    expect(r.failed).toEqual([{ line: 14, reason: expect.stringMatching(/判断题 without a readable mark/) }]);
    expect(r.detected).toBe(7);
  });

  test('a key with no section headings applies by number when numbers do not repeat', () => {
    const k = run('1.应选（ ）。\nA.甲 B.乙\n2.可以吗？（ ）\n参考答案：1.B 2.对\n');
    expect(k.questions.map((q) => q.answer)).toEqual(['B', true]);
  });
});

test('"参考答案" alone followed by a letter is that question\'s answer, not a key; questions after a key are still read', () => {
  const r = run('1.应选（ ）。\nA.甲 B.乙\n参考答案\nB\n2.可以吗？（ ）\nA.可以 B.不可以\n参考答案：\n2.A\n3.还有一题（√）\n');
  expect(r.questions.map((q) => [q.type, q.answer])).toEqual([['single', 'B'], ['single', 'A'], ['judge', true]]);
  expect(r.failed).toEqual([]);
});

test('"答案：" alone with the letter on the next line', () => {
  const r = run('1.应选（ ）。\nA.甲 B.乙\n答案：\nB\n解析：\n因为乙更好。\n');
  expect(r.questions[0]).toMatchObject({ answer: 'B', explanation: '因为乙更好。' });
});
