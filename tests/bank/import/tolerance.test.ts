// What real exports contain: every option-mark and numbering style, judge and multiple-answer
// spellings, junk inside labels, answer brackets with spaces, answers written into the stem.
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../../src/bank/import/index.js';
import { find, run } from './helpers.js';

const MARKS = ['A.', 'A、', 'A:', 'A：', '(A)', '（A）', 'A)', 'A）', 'A．'];

describe('option marks', () => {
  test.each(MARKS)('"%s" on one line after the stem', (mark) => {
    const m = (l: string) => mark.replace('A', l);
    const r = run(`题干:客户经理应( B )。${m('A')}着便装 ${m('B')}着行服 ${m('C')}着运动装 ${m('D')}随意`, { format: 'inline' });
    expect(r.failed).toEqual([]);
    expect(r.questions[0]).toMatchObject({ type: 'single', stem: '客户经理应( )。', options: ['着便装', '着行服', '着运动装', '随意'], answer: 'B' });
  });

  test.each(MARKS)('"%s" at the start of lines', (mark) => {
    const m = (l: string) => mark.replace('A', l);
    const r = run(`题干:客户经理应( C )。\n${m('A')} 着便装\n${m('B')} 着运动装\n${m('C')} 着行服\n`);
    expect(r.questions[0]).toMatchObject({ options: ['着便装', '着运动装', '着行服'], answer: 'C' });
  });
});

describe('numbering before stems', () => {
  test.each(['1.', '1、', '(1)', '（1）', '一、', '12．', '第3题'])('"%s" is stripped', (num) => {
    const r = run(`${num}男职员必须理短发,做到前发不覆额( A )。\nA、对应\nB、不对应\n`);
    expect(r.failed).toEqual([]);
    expect(r.questions[0]!.stem).toBe('男职员必须理短发,做到前发不覆额( )。');
  });

  test('after a 题干 label too, and a decimal is not numbering', () => {
    const r = run('题干:2.客户经理应( A )。A、甲 B、乙\n题干:3.5%的年化收益率属于( B )。A、高 B、低');
    expect(r.questions.map((q) => q.stem)).toEqual(['客户经理应( )。', '3.5%的年化收益率属于( )。']);
  });

  test('numbered prose without an answer bracket or options is not a question', () => {
    const r = run('2.客户经理应保持良好的个人卫生习惯。\n3.客户经理应具备良好的学习能力(含理财知识)。\n题干:客户经理应( A )。A、甲 B、乙');
    expect(r.questions).toHaveLength(1);
    expect(r.failed).toEqual([]);
  });
});

describe('judge questions', () => {
  const TRUE = ['√', '✓', '对', '正确', 'T', 'true', 'TRUE', 'Ｔ'];
  const FALSE = ['×', 'X', '错', '错误', 'F', 'false', 'FALSE'];
  test.each([...TRUE.map((w) => [w, true] as const), ...FALSE.map((w) => [w, false] as const)])('"%s" in the stem bracket → %s', (word, value) => {
    const r = run(`1、客户经理可以代客户操作网上银行。( ${word} )\n`, { format: 'inline' });
    expect(r.questions[0]).toMatchObject({ type: 'judge', stem: '客户经理可以代客户操作网上银行。( )', answer: value });
  });

  test.each([
    ['正确', true],
    ['错误', false],
    ['√', true],
    ['×', false],
  ] as const)('block 正确答案 "%s"', (word, value) => {
    const r = run(`题目类型:\n判断\n题干:\n与客户握手时应注视对方的眼睛。( )\n正确答案:\n${word}\n题目涉及知识点\n商务交往礼仪\n题目难度\n1\n`);
    expect(r.questions[0]).toMatchObject({ type: 'judge', answer: value, topic: 'shangwu-liyi', difficulty: 1 });
  });

  test('a judge block with an unreadable answer fails with its line', () => {
    const r = run('\n题目类型:判断\n题干:握手时应摘下手套。\n正确答案:也许\n');
    expect(r.failed).toEqual([{ line: 2, reason: expect.stringMatching(/判断题 without a readable answer/) }]);
  });
});

describe('multiple-choice answers', () => {
  test.each(['ABD', 'A,B,D', 'A、B、D', 'A，B，D', 'A B D', 'abd', 'DBA'])('正确答案 "%s" → ABD', (written) => {
    const r = run(`题目类型:多选\n题干:递交名片时应( )。\n备选项:\nA、双手递送\nB、文字朝向对方\nC、随手丢给对方\nD、面带微笑\n正确答案:${written}\n`);
    expect(r.questions[0]).toMatchObject({ type: 'multiple', answer: 'ABD' });
  });

  test('"( A B D )" in the stem bracket, no type label → multiple', () => {
    const r = run('题干:递交名片时应( A B D )。A、双手递送 B、文字朝向对方 C、随手丢给对方 D、面带微笑');
    expect(r.questions[0]).toMatchObject({ type: 'multiple', answer: 'ABD', stem: '递交名片时应( )。' });
  });

  test('a 多项选择题 heading makes a one-letter answer a multiple-choice question', () => {
    const r = run('二、多项选择题\n1、下列属于仪态礼仪的有( B )。\nA、着装\nB、站姿\n');
    expect(r.questions[0]).toMatchObject({ type: 'multiple', answer: 'B' });
  });

  test('题目类型 单选 with answer ABD fails and says so', () => {
    const r = run('题目类型:单选\n题干:应( )。\n备选项:\nA、甲\nB、乙\nC、丙\n正确答案:AB\n');
    expect(r.failed[0]!.reason).toMatch(/题目类型 says 单选 but the answer is AB/);
  });
});

describe('junk inside labels and odd spaces', () => {
  test('zero-width, spaced, ideographic-spaced and garbled labels still read; full-width colons; values on the label line', () => {
    const text = [
      '题\u200B目 类型：单选',
      '题\u3000干:',
      '\u00A0对于严重违反规章制度的个人客户经理,必须(\u3000)。',
      '备选ቤተ መጻሕፍቲ ባይዱ:',
      'A、调离原岗位',
      'B、予以解聘',
      '正 确 答 案：A',
      '题目涉及知识点：制度管理',
      '题目难度：2',
      '教材出处(页码)或文件依据：《个人客户经理管理办法》P12',
      '解析：严重违规须调离原岗位。',
    ].join('\n');
    const r = run(text);
    expect(r.failed).toEqual([]);
    expect(r.questions[0]).toMatchObject({
      type: 'single',
      stem: '对于严重违反规章制度的个人客户经理,必须( )。',
      options: ['调离原岗位', '予以解聘'],
      answer: 'A',
      topic: 'zhidu-guanli',
      difficulty: 2,
      source: '《个人客户经理管理办法》P12',
      explanation: '严重违规须调离原岗位。',
    });
    expect(r.warnings).toEqual([]);
  });

  test('an unknown 知识点 falls back to the default topic with a warning', () => {
    const r = run('题干:应( A )。A、甲 B、乙\n', { topic: 'zhidu-guanli' });
    expect(r.questions[0]!.topic).toBe('zhidu-guanli');
    const r2 = run('题目类型:单选\n题干:应( )。\n备选项:\nA、甲\nB、乙\n正确答案:A\n题目涉及知识点:外汇管理\n', { topic: 'zhidu-guanli' });
    expect(r2.questions[0]!.topic).toBe('zhidu-guanli');
    expect(r2.warnings.map((w) => w.message)).toContain('知识点 "外汇管理" is not a known topic; used zhidu-guanli');
  });
});

describe('answers written into the stem', () => {
  test('with no twin, it becomes a fill-in question; (含) is kept as text', () => {
    const r = run('题干:贵宾理财中心理财经理每天安排( 5-10 )名客户到访。\n题干:应配置理财经理( 3 )名(含)以上。\n');
    expect(r.questions[0]).toMatchObject({ type: 'fill', stem: '贵宾理财中心理财经理每天安排___名客户到访。', answer: ['5-10'] });
    expect(r.questions[1]).toMatchObject({ type: 'fill', stem: '应配置理财经理___名(含)以上。', answer: ['3'] });
  });

  test('with a twin in the same file, it is a duplicate of the twin and checks its answer', () => {
    const r = run('题干:个人客户经理可以持有(业务申请书)。\n\n题干:个人客户经理可以持有( )。A、银行现金 B、业务申请书\n题干:个人客户经理可以持有( D )。A、银行现金 B、定期存单 C、权限卡 D、业务申请书\n');
    expect(r.questions).toHaveLength(1);
    expect(r.questions[0]).toMatchObject({ answer: 'B', options: ['银行现金', '业务申请书'] });
    expect(r.duplicates.map((d) => [d.line, d.reason])).toEqual([
      [1, 'answer-in-stem copy of the question at line 3'],
      [4, 'repeat of the question at line 3'],
    ]);
  });

  test('a block whose options contradict the written answer falls back to a fill-in question and says so', () => {
    const r = run('题干:调离岗位的,(一)年内不得从事原岗位。\n题目类型:单选\n题干:调离岗位的,( )年内不得从事原岗位。\n备选项:\nA、两\nB、三\n正确答案:A\n');
    expect(r.questions[0]).toMatchObject({ type: 'fill', stem: '调离岗位的,___年内不得从事原岗位。', answer: ['一'] });
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/单选 form at line 2 has no usable options/);
    expect(r.failed).toEqual([{ line: 4, reason: expect.stringMatching(/options AB \(answer A: 两\) belong to no stem/) }]);
  });

  test('a 填空 block turns its ( ) into a blank and splits answers at ;', () => {
    const r = run('题目类型:填空\n题干:客户经理应在( )个工作日内、( )小时内回复。\n正确答案:三;24\n');
    expect(r.questions[0]).toMatchObject({ type: 'fill', stem: '客户经理应在___个工作日内、___小时内回复。', answer: ['三', '24'] });
  });
});

describe('format detection', () => {
  test.each([
    ['题目类型:单选\n题干:\n应( )。\n备选项:\nA、甲\nB、乙\n正确答案:\nA\n', 'block'],
    ['题干:应( A )。A、甲 B、乙\n题干:应( B )。A、甲 B、乙\n', 'inline'],
    ['1、应( A )。A、甲 B、乙\n', 'text'],
    ['1、客户经理可以代客户操作网上银行。( × )\n', 'text'],
    ['1、应( A )。\nA、甲\nB、乙\n2、可( B )。\nA、甲\nB、乙\n', 'text'],
    ['应选哪个?\nA. 甲\nB. 乙\nANSWER: A\n', 'aiken'],
    ['::q:: 应选哪个 {=甲 ~乙}\n', 'gift'],
    ['握手应先伸手。{T}\n', 'gift'],
  ])('%j → %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });

  test('text in no known format fails at line 1 and says how to fix it', () => {
    const r = run('这只是一段普通的文字。\n');
    expect(r.questions).toEqual([]);
    expect(r.failed[0]).toEqual({ line: 1, reason: expect.stringMatching(/no questions recognised/) });
  });
});

describe('answers written after the stem', () => {
  test.each(['C', 'C、客户等级', 'C.客户等级', '客户等级'])('正确答案 "%s" names option C', (written) => {
    const r = run(`题目类型:单选\n题干:PBMS可以查询客户的( )。\n备选项:A、总资产 B、产品信息 C、客户等级 D、账户信息\n正确答案:${written}\n`);
    expect(r.failed).toEqual([]);
    expect(r.questions[0]).toMatchObject({ answer: 'C', options: ['总资产', '产品信息', '客户等级', '账户信息'] });
  });

  test('"答案:" and "解析:" on the same line as the options', () => {
    const r = run('1、客户经理应( )。A、着便装 B、着行服 答案:B 解析:工作时间着行服。\n');
    expect(r.questions[0]).toMatchObject({ options: ['着便装', '着行服'], answer: 'B', explanation: '工作时间着行服。' });
  });

  test('"答案:×" after a stem with no options is a judge question; a text answer makes a fill question', () => {
    const r = run('题干:客户经理可以代客户操作网上银行。答案:×\n题干:客户意见无法当场回复的,须在( )反馈客户。答案:三个工作日内\n');
    expect(r.questions[0]).toMatchObject({ type: 'judge', answer: false });
    expect(r.questions[1]).toMatchObject({ type: 'fill', stem: '客户意见无法当场回复的,须在___反馈客户。', answer: ['三个工作日内'] });
  });
});

describe('a clean block file', () => {
  const text = [
    '\uFEFF题目类型:',
    '多选',
    '题干:',
    '客户经理仪态礼仪包括( )。',
    '备选项:',
    'A、站姿',
    'B、坐姿',
    'C、发型',
    '正确答案:',
    'AB',
    '题目涉及知识点',
    '仪态礼仪',
    '题目难度',
    '2',
    '题目类型:',
    '判断',
    '题干:',
    '接听电话应在铃响三声之内。( )',
    '正确答案:',
    '对',
    '题目类型:',
    '填空',
    '题干:',
    '握手时应由( )先伸手。',
    '正确答案:',
    '尊者',
    '教材出处(页码)或文件依据',
    '《商务礼仪》P20',
  ].join('\r\n');
  const r = run(text, { topic: 'shangwu-liyi' });

  test('reads every block with its own fields; nothing leaks into the next block (BOM and CRLF tolerated)', () => {
    expect(r.failed).toEqual([]);
    expect(r.lines).toEqual([1, 15, 21]);
    expect(r.questions.map(({ id, type, stem, options, answer, topic, difficulty, source }) => ({ id, type, stem, options, answer, topic, difficulty, source }))).toEqual([
      { id: 'IMP-001', type: 'multiple', stem: '客户经理仪态礼仪包括( )。', options: ['站姿', '坐姿', '发型'], answer: 'AB', topic: 'yitai-liyi', difficulty: 2, source: '待补充出处' },
      { id: 'IMP-002', type: 'judge', stem: '接听电话应在铃响三声之内。( )', options: undefined, answer: true, topic: 'shangwu-liyi', difficulty: 3, source: '待补充出处' },
      { id: 'IMP-003', type: 'fill', stem: '握手时应由___先伸手。', options: undefined, answer: ['尊者'], topic: 'shangwu-liyi', difficulty: 3, source: '《商务礼仪》P20' },
    ]);
    expect(r.warnings.filter((w) => w.id === 'IMP-001').map((w) => w.message)).toEqual(['no 教材出处: source is "待补充出处"', 'no 解析: explanation is "待补充解析"']);
  });
});
