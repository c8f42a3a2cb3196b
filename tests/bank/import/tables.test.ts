// Excel and CSV: headers mapped from the names people use, --map overrides, the row number as
// the line, packed options cells, encodings. Fixtures are built here, field by field.
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { byLine, runFile } from './helpers.js';
import { makeXlsx } from './ooxml.js';

const CSV_ROWS = [
  '题型,题干,选项A,选项B,选项C,选项D,选项E,答案,解析,难度,知识点,出处',
  '单选,客户经理接待客户时应（ ）。,坐着不动,起身相迎,视而不见,,,B,起身相迎体现尊重。,2,服务流程与规范,《网点服务规范》',
  '多选,"递交名片时,应（ ）。",双手递送,文字朝向对方,随手丢给对方,面带微笑,单手递送,abd,,易,商务交往礼仪,',
  '判断,客户经理可以代客户保管存折。,正确,错误,,,,B,,3,,',
  '是非,柜员离柜应放置暂停服务牌。,,,,,,√,,,,',
  '填空,客户意见应在（ ）个工作日内、（ ）小时内反馈。,,,,,,三；24,,,,',
  '不定项,"网点晨会内容包括（ ）。",服务要点,产品知识,风险提示,,,A、C,,,,',
  ',,,,,,,,,,,',
  '单选,这一题的答案不在选项里（ ）。,甲,乙,,,,E,,,,',
  '单选,"一个选项跨两行：",第一行',
  ',没有答案的题目（ ）。,甲,乙,,,,,,,,',
];

describe('CSV (UTF-8 with BOM, Chinese headers)', async () => {
  const r = await runFile(`\uFEFF${CSV_ROWS.join('\r\n')}\r\n`, 'bank.csv');

  test('every row is accounted for, by row number', () => {
    expect(r.format).toBe('csv');
    expect(r.lines).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.failed.map((f) => f.line)).toEqual([9, 10, 11]);
    expect(r.detected).toBe(9);
  });

  test('single with 解析, 难度, 知识点 and 出处', () => {
    expect(byLine(r, 2)).toEqual({
      type: 'single', stem: '客户经理接待客户时应( )。', options: ['坐着不动', '起身相迎', '视而不见'], answer: 'B',
      explanation: '起身相迎体现尊重。', difficulty: 2, topic: 'fuwu-liucheng', source: '《网点服务规范》', material: undefined,
    });
  });

  test('a quoted comma; lower-case answer; 易 as difficulty; five options', () => {
    expect(byLine(r, 3)).toMatchObject({ type: 'multiple', stem: '递交名片时,应( )。', options: ['双手递送', '文字朝向对方', '随手丢给对方', '面带微笑', '单手递送'], answer: 'ABD', difficulty: 1, topic: 'shangwu-liyi' });
  });

  test('判断 with options 正确/错误 and answer B → false; 是非 with √ → true', () => {
    expect(byLine(r, 4)).toMatchObject({ type: 'judge', options: undefined, answer: false });
    expect(byLine(r, 5)).toMatchObject({ type: 'judge', answer: true });
  });

  test('填空 with two answers separated by ；', () => {
    expect(byLine(r, 6)).toMatchObject({ type: 'fill', stem: '客户意见应在___个工作日内、___小时内反馈。', answer: ['三', '24'] });
  });

  test('不定项 is multiple; "A、C" reads as AC', () => {
    expect(byLine(r, 7)).toMatchObject({ type: 'multiple', answer: 'AC' });
  });

  test('stems are written with ( ) as every import does (the CLI then writes the bank\'s （ ）)', () => {
    expect(byLine(r, 7).stem).toBe('网点晨会内容包括( )。');
  });

  test('failures name the row and the fix; an empty row is not an item', () => {
    expect(r.failed[0]!.reason).toMatch(/answer E but the options stop at B/);
    expect(r.failed[1]!.reason).toMatch(/一个选项跨两行：: no answer/);
    expect(r.failed[2]!.reason).toMatch(/no answer/);
  });
});

describe('CSV encodings and packed options', () => {
  const rows = ['题目,选项,正确答案,类型', '"客户经理着装应（ ）。","**A:整洁**B:随意**C:花哨",A,单选', '大堂经理应主动迎候客户。,正确/错误,正确,判断'];

  test('GBK (as Chinese Excel saves) is decoded; a **A:…**B:… cell is split', async () => {
    const r = await runFile(iconv.encode(rows.join('\n'), 'gbk'), 'gbk.csv');
    expect(byLine(r, 2)).toMatchObject({ type: 'single', stem: '客户经理着装应( )。', options: ['整洁', '随意', '花哨'], answer: 'A' });
    expect(byLine(r, 3)).toMatchObject({ type: 'judge', answer: true });
  });

  test('UTF-16 with a BOM, tab-separated', async () => {
    const tsv = rows.map((l) => l.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t')).join('\n');
    const r = await runFile(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]), 'u16.csv');
    expect(r.failed).toEqual([]);
    expect(byLine(r, 2)).toMatchObject({ options: ['整洁', '随意', '花哨'], answer: 'A' });
  });

  test('UTF-8 without BOM', async () => {
    const r = await runFile(rows.join('\n'), 'plain.csv');
    expect(r.questions).toHaveLength(2);
  });
});

describe('--map', () => {
  const rows = ['编号,列一,列二,列三,列四,列五', '1,客户经理接待客户时应（ ）。,坐着不动|起身相迎,其他,无关,B'];

  test('names the columns by letter when the headers are not ones we know', async () => {
    const r = await runFile(rows.join('\n'), 'm.csv', { map: { 题干: 'B', 选项: 'C', 答案: 'F' } });
    expect(byLine(r, 2)).toMatchObject({ stem: '客户经理接待客户时应( )。', options: ['坐着不动', '起身相迎'], answer: 'B' });
    expect(r.warnings.find((w) => /not imported/.test(w.message))!.message).toMatch(/D "列三", E "列四"/);
  });

  test('without it, the missing header is one failure that says what to pass', async () => {
    const r = await runFile(rows.join('\n'), 'm.csv');
    expect(r.failed).toEqual([{ line: 1, reason: expect.stringMatching(/--map 题干=B,答案=F/) }]);
  });
});

describe('Excel (.xlsx)', () => {
  test('a five-column sheet from the head office: 序号 试题内容 选项(lines) 答案 题型', async () => {
    const bytes = await makeXlsx([
      ['序号', '试题内容', '选项', '答案', '题型'],
      [1, '客户等候时间较长时，大堂经理应( )。', 'A.视而不见\nB.主动致歉并安抚\nC.催促柜员', 'B', '单选题'],
      [2, '网点晨会内容包括( )。', 'A、服务要点 B、产品知识 C、个人私事 D、风险提示', 'ABD', '多选题'],
      [3, '客户经理可以收受客户礼品。', '', '×', '判断题'],
      [4, '这一行题型写错了。', 'A.甲 B.乙', 'A', '问答'],
    ]);
    const r = await runFile(bytes, 'head-office.xlsx');
    expect(r.format).toBe('xlsx');
    expect(byLine(r, 2)).toMatchObject({ type: 'single', options: ['视而不见', '主动致歉并安抚', '催促柜员'], answer: 'B' });
    expect(byLine(r, 3)).toMatchObject({ type: 'multiple', options: ['服务要点', '产品知识', '个人私事', '风险提示'], answer: 'ABD' });
    expect(byLine(r, 4)).toMatchObject({ type: 'judge', answer: false });
    expect(r.failed).toEqual([{ line: 5, reason: expect.stringMatching(/题型 "问答" is not 单选/) }]);
    expect(r.detected).toBe(4);
  });

  test('a merged 材料 cell gives its case text to every question it spans; a sheet with no header is skipped with a note', async () => {
    const bytes = await makeXlsx(
      [
        ['题干', 'A', 'B', 'C', '答案', '材料'],
        ['柜员的做法违反了( )。', '专注服务规范', '着装规范', '', 'A', '客户王女士办理挂失时，柜员一边接电话一边办理。'],
        ['大堂经理首先应当( )。', '安抚客户', '了解诉求', '指责柜员', 'AB', null],
      ],
      { merges: ['F2:F3'], sheets: [{ name: '说明', rows: [['本题库供内部培训使用']] }] },
    );
    const r = await runFile(bytes, 'case.xlsx');
    const material = '客户王女士办理挂失时，柜员一边接电话一边办理。';
    // The 说明 sheet's one row comes first: 题库's rows 2 and 3 are lines 3 and 4.
    expect(byLine(r, 3)).toMatchObject({ type: 'single', options: ['专注服务规范', '着装规范'], answer: 'A', material });
    expect(byLine(r, 4)).toMatchObject({ type: 'multiple', answer: 'AB', material });
    expect(r.warnings.filter((w) => w.message.startsWith('sheet')).map((w) => w.message)).toEqual(['sheet "说明" has no question header row; not imported', 'sheet "题库": its rows 1–3 are lines 2–4']);
  });

  test('one sheet per type: every sheet is read, the sheet name gives the type, lines continue across sheets', async () => {
    const bytes = await makeXlsx([['题干', '答案'], ['客户经理可以收受礼品。', '错'], ['柜员应微笑服务。', '对']], {
      sheets: [{ name: '多选题', rows: [['题干', '选项', '答案'], ['网点晨会内容包括（ ）。', 'A.服务要点 B.产品知识 C.个人私事', 'A']] }],
    });
    const r = await runFile(bytes, 'by-type.xlsx');
    expect(r.lines).toEqual([2, 4, 5]);
    expect(r.questions.map((q) => [q.type, q.answer])).toEqual([['single', 'A'], ['judge', false], ['judge', true]]);
    expect(r.warnings.map((w) => w.message)).toContain('题型 多选 with one right answer: imported as a single-choice question');
  });

  test('a forced --format that finds nothing fails', async () => {
    const r = await runFile(await makeXlsx([['说明'], ['无题目']]), 'empty.xlsx', { format: 'xlsx' });
    expect(r.questions).toEqual([]);
    expect(r.failed[0]!.line).toBe(1);
  });
});

describe('answers as numbers in cells', () => {
  test('option numbers (1-based in tables) and 1/0 for a judge', async () => {
    const csv = ['题型,题干,选项A,选项B,选项C,答案', '单选,应选哪个（ ）。,甲,乙,丙,2', '多选,应选哪些（ ）。,甲,乙,丙,"1,3"', '判断,这是对的。,,,,1', '判断,这是错的。,,,,0'].join('\n');
    const r = await runFile(csv, 'n.csv');
    expect(r.questions.map((q) => q.answer)).toEqual(['B', 'AC', true, false]);
  });
});

describe('header names people use', () => {
  test.each([
    ['试题题干', 'stem'], ['题目', 'stem'], ['Question', 'stem'], ['选项 A', 'option'], ['Option B', 'option'], ['备选答案', 'options'],
    ['正确答案', 'answer'], ['答案解析', 'explanation'], ['解题思路', 'explanation'], ['所属章节', 'topic'], ['难度等级', 'difficulty'],
    ['参考依据', 'source'], ['案例材料', 'material'], ['试题类型', 'type'], ['序号', 'id'],
  ])('%s → %s', async (header, field) => {
    const { fieldOf } = await import('../../../src/bank/import/records.js');
    expect(fieldOf(header)?.field).toBe(field);
  });
});
