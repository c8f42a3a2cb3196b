// JSON/JSON5 from small exam apps, Moodle XML, QTI 2.1, GIFT extras and .docx: fixtures
// written here, checked field by field.
import { describe, expect, test } from 'vitest';
import { byLine, fixture, run, runFile } from './helpers.js';
import { makeDocx, zip } from './ooxml.js';

describe('JSON and JavaScript literals', () => {
  const JS = `// exported from a quiz app
var questionBank = [
  { question: '客户经理接待客户时应（ ）。', options: ['坐着不动', '起身相迎', '视而不见'], answer: 1, analysis: '起身相迎&nbsp;体现<b>尊重</b>。' },
  { question: "递交名片时，应（ ）。", options: [{ text: '双手递送', correct: true }, { text: '随手丢给对方', correct: false }, { text: '文字朝向对方', isCorrect: true }] },
  { question: '网点晨会内容包括（ ）。', options: ['服务要点', '个人私事', '风险提示'], answer: [0, 2], },
  { question: '客户经理可以收受客户礼品。', options: ['是', '否'], answer: 1 },
  { 题干: '客户意见应在（ ）个工作日内反馈。', 答案: '三|3', 题型: '填空' },
  {
    材料: '客户王女士办理挂失时，柜员一边接电话一边办理，王女士等候二十分钟后提出投诉。',
    子题: [
      { 题干: '柜员的做法违反了（ ）。', 选项: { A: '专注服务规范', B: '着装规范' }, 答案: 'A' },
      { 题干: '大堂经理首先应当（ ）。', 选项: { A: '安抚客户', B: '了解诉求', C: '指责柜员' }, 答案: 'AB' },
    ],
  },
  { question: '&lt;p&gt;这一题没有答案&lt;/p&gt;', options: ['甲', '乙'] },
];
`;

  test('an export prefix, unquoted keys, single quotes and trailing commas are read', async () => {
    const r = await runFile(JS, 'bank.js');
    expect(r.format).toBe('json');
    expect(r.detected).toBe(8);
    expect(r.questions).toHaveLength(7);
  });

  test('0-based index answers (a 0 appears in the file); HTML and entities made plain', async () => {
    const r = await runFile(JS, 'bank.js');
    expect(byLine(r, 3)).toMatchObject({ type: 'single', stem: '客户经理接待客户时应( )。', options: ['坐着不动', '起身相迎', '视而不见'], answer: 'B', explanation: '起身相迎 体现尊重。' });
    expect(byLine(r, 5)).toMatchObject({ type: 'multiple', answer: 'AC' });
  });

  test('a correct flag per option', async () => {
    const r = await runFile(JS, 'bank.js');
    expect(byLine(r, 4)).toMatchObject({ type: 'multiple', options: ['双手递送', '随手丢给对方', '文字朝向对方'], answer: 'AC' });
  });

  test('是/否 options are a judge question; a 填空 with alternatives', async () => {
    const r = await runFile(JS, 'bank.js');
    expect(byLine(r, 6)).toMatchObject({ type: 'judge', options: undefined, answer: false });
    expect(byLine(r, 7)).toMatchObject({ type: 'fill', stem: '客户意见应在___个工作日内反馈。', answer: ['三|3'] });
  });

  test('a case group: each sub-question carries the shared material', async () => {
    const r = await runFile(JS, 'bank.js');
    const material = '客户王女士办理挂失时，柜员一边接电话一边办理，王女士等候二十分钟后提出投诉。';
    expect(byLine(r, 11)).toMatchObject({ type: 'single', options: ['专注服务规范', '着装规范'], answer: 'A', material });
    expect(byLine(r, 12)).toMatchObject({ type: 'multiple', options: ['安抚客户', '了解诉求', '指责柜员'], answer: 'AB', material });
  });

  test('an item with no answer fails with its line', async () => {
    const r = await runFile(JS, 'bank.js');
    expect(r.failed).toEqual([{ line: 15, reason: expect.stringMatching(/^<p>这一题没有答案<\/p>|这一题没有答案.*no answer/) }]);
  });

  test('1-based index answers when one equals the option count; a {data: [...]} wrapper', async () => {
    const json = JSON.stringify({ code: 0, data: [
      { title: '电话铃响几声内接听？', choices: ['一声', '三声', '五声'], answer: 2 },
      { title: '递名片应用几只手？', choices: ['一只', '两只'], answer: 2 },
    ] }, null, 1);
    const r = await runFile(json, 'app.json');
    expect(r.questions.map((q) => q.answer)).toEqual(['B', 'B']);
  });

  test('{"多选题": [...], "判断题": [...]}: the key gives the type of its questions', async () => {
    const r = await runFile(JSON.stringify({ 多选题: [{ 题干: '晨会内容包括（ ）。', 选项: ['服务要点', '产品知识', '私事'], 答案: 'AB' }], 判断题: [{ 题干: '可以收受礼品。', 答案: 'B', 选项: ['对', '错'] }, { 题干: '应微笑服务。', 答案: '1' }] }), 'by-type.json');
    expect(r.failed).toEqual([]);
    expect(r.questions.map((q) => [q.type, q.answer])).toEqual([['multiple', 'AB'], ['judge', false], ['judge', true]]);
  });

  test('ambiguous indices are read as 0-based with a note', async () => {
    const r = await runFile('[{"question":"甲乙丙选哪个？","options":["甲","乙","丙"],"answer":1}]', 'x.json');
    expect(r.questions[0]!.answer).toBe('B');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/read as 0-based/);
  });

  test('an object among the questions with no question key is reported, not dropped', async () => {
    const r = await runFile('[\n{"question": "甲乙选哪个？", "options": ["甲", "乙"], "answer": "A"},\n{"questoin": "拼错了键名", "answer": "B"}\n]', 'typo.json');
    expect(r.questions).toHaveLength(1);
    expect(r.failed).toEqual([{ line: 3, reason: 'an object with no question key (keys: questoin, answer); name it with --map 题干=KEY' }]);
    const mapped = await runFile('[{"questoin": "拼错了键名？", "opts": ["对", "错"], "answer": "B"}]', 'typo.json', { map: { 题干: 'questoin', 选项: 'opts' } });
    expect(mapped.questions[0]).toMatchObject({ type: 'judge', answer: false });
  });

  test('{q, a}: a lone "a" beside no "b" is the answer, as flashcard apps write it', async () => {
    const r = await runFile('[{"q": "握手时应由谁先伸手？", "options": ["尊者", "晚辈"], "a": "A"}, {"q": "握手时可以戴手套。", "a": "×"}]', 'cards.json');
    expect(r.questions.map(({ type, options, answer }) => ({ type, options, answer }))).toEqual([
      { type: 'single', options: ['尊者', '晚辈'], answer: 'A' },
      { type: 'judge', options: undefined, answer: false },
    ]);
  });

  test('"const bank = [...]; export default bank;", a numeric type code, digit-string answers', async () => {
    const js = "const bank = [\n  { type: 1, content: '应选哪个（ ）？', options: [{ key: 'A', value: '甲' }, { key: 'B', value: '乙' }], answer: '0' },\n];\nexport default bank;\n";
    const r = await runFile(js, 'bank.mjs');
    expect(r.failed).toEqual([]);
    expect(r.questions[0]).toMatchObject({ type: 'single', options: ['甲', '乙'], answer: 'A' });
    expect(r.warnings.map((w) => w.message)).toContain('题型 "1" not understood: the type was taken from the options and answer');
  });

  test('unreadable JSON fails with its line', async () => {
    const r = await runFile('[\n{"question": "甲",\n "answer": }\n]', 'bad.json');
    expect(r.failed[0]!.line).toBe(3);
    expect(r.failed[0]!.reason).toMatch(/not readable as JSON/);
  });
});

const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/电话礼仪</text></category>
  </question>
  <question type="multichoice">
    <name><text>q1</text></name>
    <questiontext format="html"><text><![CDATA[<p>电话铃响后，应在&nbsp;<b>几声</b>之内接听？</p>]]></text></questiontext>
    <generalfeedback format="html"><text>铃响三声之内接听。</text></generalfeedback>
    <single>true</single>
    <answer fraction="0"><text>一声</text></answer>
    <answer fraction="100"><text>三声</text></answer>
    <answer fraction="0"><text>五声</text></answer>
  </question>
  <question type="multichoice">
    <questiontext format="html"><text>接听客户来电时，正确的做法有（ ）。</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>先问候</text></answer>
    <answer fraction="-100"><text>边吃东西边接听</text></answer>
    <answer fraction="50"><text>报出单位和姓名</text></answer>
  </question>
  <question type="truefalse">
    <questiontext format="moodle_auto_format"><text>接听电话时可以先不报单位。</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <questiontext format="html"><text>电话铃响___声之内应接听。</text></questiontext>
    <answer fraction="100"><text>三</text></answer>
    <answer fraction="100"><text>3</text></answer>
    <answer fraction="50"><text>四</text></answer>
  </question>
  <question type="essay">
    <questiontext format="html"><text>谈谈你对电话礼仪的理解。</text></questiontext>
  </question>
</quiz>
`;

describe('Moodle XML', async () => {
  const r = await runFile(MOODLE, 'moodle.xml');

  test('is detected; the category is the topic; every question accounted for', () => {
    expect(r.format).toBe('moodle');
    expect(r.detected).toBe(5);
    expect(r.questions.every((q) => q.topic === 'dianhua-liyi')).toBe(true);
  });

  test('multichoice single: HTML and entities made plain, general feedback as the explanation', () => {
    expect(byLine(r, 6)).toMatchObject({ type: 'single', stem: '电话铃响后，应在 几声之内接听？', options: ['一声', '三声', '五声'], answer: 'B', explanation: '铃响三声之内接听。' });
  });

  test('multichoice multiple: positive fractions are right', () => {
    expect(byLine(r, 15)).toMatchObject({ type: 'multiple', options: ['先问候', '边吃东西边接听', '报出单位和姓名'], answer: 'AC' });
  });

  test('truefalse and shortanswer (full-credit answers as alternatives)', () => {
    expect(byLine(r, 22)).toMatchObject({ type: 'judge', answer: false });
    expect(byLine(r, 27)).toMatchObject({ type: 'fill', stem: '电话铃响___声之内应接听。', answer: ['三|3'] });
  });

  test('an essay is reported, not dropped', () => {
    expect(r.failed).toEqual([{ line: 33, reason: expect.stringMatching(/Moodle essay questions are not supported/) }]);
  });
});

const QTI = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q1" title="接听" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>B</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>电话铃响后，应在几声之内接听？</prompt>
      <simpleChoice identifier="A">一声</simpleChoice>
      <simpleChoice identifier="B">三声</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>
`;
const QTI_MORE = `<?xml version="1.0" encoding="UTF-8"?>
<items>
<assessmentItem identifier="q2" title="多选">
  <responseDeclaration identifier="R" cardinality="multiple" baseType="identifier">
    <correctResponse><value>c1</value><value>c3</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <p>接听客户来电时，正确的做法有（ ）。</p>
    <choiceInteraction responseIdentifier="R" maxChoices="0">
      <simpleChoice identifier="c1">先问候</simpleChoice>
      <simpleChoice identifier="c2">边吃东西边接听</simpleChoice>
      <simpleChoice identifier="c3">报出<b>单位</b>和姓名</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>
<assessmentItem identifier="q3" title="填空">
  <responseDeclaration identifier="B1" cardinality="single" baseType="string">
    <correctResponse><value>三</value></correctResponse>
    <mapping defaultValue="0"><mapEntry mapKey="三" mappedValue="1"/><mapEntry mapKey="3" mappedValue="1"/><mapEntry mapKey="四" mappedValue="0.5"/></mapping>
  </responseDeclaration>
  <itemBody><p>电话铃响<textEntryInteraction responseIdentifier="B1" expectedLength="2"/>声之内应接听。</p></itemBody>
</assessmentItem>
<assessmentItem identifier="q4" title="排序">
  <itemBody><orderInteraction responseIdentifier="O"><simpleChoice identifier="a">甲</simpleChoice></orderInteraction></itemBody>
</assessmentItem>
</items>
`;

describe('QTI 2.1', () => {
  test('a single-response choice item', async () => {
    const r = await runFile(QTI, 'item.xml');
    expect(r.format).toBe('qti');
    expect(byLine(r, 2)).toMatchObject({ type: 'single', stem: '电话铃响后，应在几声之内接听？', options: ['一声', '三声'], answer: 'B' });
  });

  test('multiple response, text entry with its mapped alternatives, an unsupported interaction reported', async () => {
    const r = await runFile(QTI_MORE, 'items.xml');
    expect(byLine(r, 3)).toMatchObject({ type: 'multiple', stem: '接听客户来电时，正确的做法有( )。', options: ['先问候', '边吃东西边接听', '报出单位和姓名'], answer: 'AC' });
    expect(byLine(r, 16)).toMatchObject({ type: 'fill', stem: '电话铃响___声之内应接听。', answer: ['三|3'] });
    expect(r.failed).toEqual([{ line: 23, reason: expect.stringMatching(/orderInteraction is not supported/) }]);
    expect(r.detected).toBe(3);
  });
});

describe('QTI content package (.zip)', () => {
  test('every item of every XML entry, numbered through the package; failures name their entry', async () => {
    const pkg = zip({ 'imsmanifest.xml': '<manifest/>', 'items/a.xml': QTI, 'items/b.xml': QTI_MORE });
    const r = await runFile(pkg, 'package.zip');
    expect(r.format).toBe('qti');
    expect(r.detected).toBe(4);
    expect(r.lines).toEqual([1, 2, 3]);
    expect(r.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'fill']);
    expect(r.failed).toEqual([{ line: 4, reason: expect.stringMatching(/^items\/b\.xml: 排序: QTI orderInteraction/) }]);
  });
});

describe('GIFT extras', () => {
  test('[html] text is made plain; escapes; multiple response with weights', () => {
    const r = run('::q1::[html]<p>电话铃响后，应在<b>几声</b>之内接听\\: 请选择</p>{~一声 =三声 ~五声}\n\n::q2::[plain]递名片的做法有 {~%50%双手递送 ~%50%文字朝向对方 ~%-100%单手丢给对方}\n');
    expect(r.format).toBe('gift');
    expect(r.questions[0]).toMatchObject({ type: 'single', stem: '电话铃响后，应在几声之内接听: 请选择', options: ['一声', '三声', '五声'], answer: 'B' });
    expect(r.questions[1]).toMatchObject({ type: 'multiple', options: ['双手递送', '文字朝向对方', '单手丢给对方'], answer: 'AB' });
  });
});

describe('.docx', () => {
  test('paragraphs read as Word text; the line is the paragraph number', async () => {
    const bytes = makeDocx(['服务礼仪试题', '一、单项选择题', '1.客户经理接待客户时，应当（ B ）。', 'A.坐着不动', 'B.起身相迎', '二、判断题', '1.柜员可以与客户争吵。（×）']);
    const r = await runFile(bytes, 'bank.docx');
    expect(r.format).toBe('docx');
    expect(byLine(r, 3)).toMatchObject({ type: 'single', stem: '客户经理接待客户时，应当( )。', options: ['坐着不动', '起身相迎'], answer: 'B', source: '服务礼仪试题' });
    expect(byLine(r, 7)).toMatchObject({ type: 'judge', answer: false });
  });

  test('the seed pack as a Word document gives the same questions as the text', async () => {
    const text = fixture('seed.txt');
    const fromDocx = await runFile(makeDocx(text.split('\n')), 'seed.docx');
    const fromText = run(text);
    expect(fromDocx.questions.map((q) => [q.type, q.stem, q.options, q.answer])).toEqual(fromText.questions.map((q) => [q.type, q.stem, q.options, q.answer]));
    expect([fromDocx.duplicates.length, fromDocx.failed.length]).toEqual([fromText.duplicates.length, fromText.failed.length]);
  });

  test('a .docx that is not a zip is one clear error', async () => {
    const { importFile } = await import('../../../src/bank/import/file.js');
    const r = await importFile(Buffer.from('not a zip'), 'x.docx', { topics: [], existingStems: [] });
    expect(r).toEqual({ error: expect.stringMatching(/not a docx file/) });
  });
});

describe('true/false written as two options is a judge question in every format', () => {
  test.each([
    ['gift', '::t:: 客户经理可以代客户保管存折。{~正确 =错误}\n', 'x.gift'],
    ['aiken', '客户经理可以代客户保管存折。\nA. 对\nB. 错\nANSWER: B\n', 'x.txt'],
    ['seed block', '题目类型:单选\n题干:客户经理可以代客户保管存折。\n备选项:\nA、是\nB、否\n正确答案:B\n', 'x.txt'],
    ['Word text', '1.客户经理可以代客户保管存折。B\nA.正确 B.不正确\n', 'x.txt'],
    ['csv', '题干,选项A,选项B,答案\n客户经理可以代客户保管存折。,对,错,B\n', 'x.csv'],
    ['json', '[{"question":"客户经理可以代客户保管存折。","options":["正确","错误"],"answer":"B"}]', 'x.json'],
  ])('%s', async (_format, text, name) => {
    const r = await runFile(text, name);
    expect(r.failed).toEqual([]);
    expect(r.questions.map(({ type, stem, options, answer }) => ({ type, stem, options, answer }))).toEqual([{ type: 'judge', stem: '客户经理可以代客户保管存折。', options: undefined, answer: false }]);
  });
});
