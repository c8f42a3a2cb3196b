// The seed document: the same ~two dozen questions written three ways (labelled blocks,
// one-line items, answer-in-stem copies), with blocks cut and shuffled.
import { describe, expect, test } from 'vitest';
import { normalizeStem } from '../../../src/bank/import/index.js';
import { QuestionSchema } from '../../../src/bank/schema.js';
import { find, fixture, run } from './helpers.js';

const SOURCE = '《关于组织实施个人客户服务精细化管理项目的通知》(工银个金[2009]89号)';

// tests/fixtures/import/seed.txt is a copy of /work/shared/seed/000_09163df8a97db0f7.txt.
describe('importing the seed document', () => {
  const text = fixture('seed.txt');
  const r = run(text, { sourceName: '《个人客户经理学习资料》' });

  test('is detected as the block format', () => {
    expect(r.format).toBe('block');
  });

  test('finds 24 distinct questions: 22 imported, 2 whose options the file lost', () => {
    expect(r.questions).toHaveLength(22);
    const lostStems = r.failed.filter((f) => f.line === 591 || f.line === 661);
    expect(lostStems).toHaveLength(2);
    const keys = new Set(r.questions.map((q) => normalizeStem(q.stem)));
    expect(keys.size).toBe(22);
    // Every skipped copy repeats one of the 24 (a cut-short copy begins one of them).
    const all = [...keys, normalizeStem('对于客户提出的意见和问题'), normalizeStem('通过组织客户活动')];
    for (const d of r.duplicates) {
      const k = normalizeStem(d.stem);
      expect(all.some((a) => a === k || a.startsWith(k) || k.startsWith(a)), d.stem).toBe(true);
    }
  });

  test('every imported question passes the bank schema and has a unique id', () => {
    for (const q of r.questions) expect(QuestionSchema.safeParse(q).success).toBe(true);
    expect(new Set(r.questions.map((q) => q.id)).size).toBe(22);
    expect(r.questions[0]!.id).toBe('IMP-001');
  });

  test('the 15-20,5-10 question gets its own options back from a stray group, with topic, difficulty and source', () => {
    const { q, line } = find(r, '电话约访');
    expect(q).toMatchObject({
      type: 'single',
      stem: '贵宾理财中心理财经理每天按名单主动开展电话约访( )个,每天安排( )名客户到访。',
      options: ['10-15,1-5', '15-20,5-10', '15-30,10-15', '15-20,10-15'],
      answer: 'B',
      topic: 'fuwu-liucheng',
      difficulty: 2,
      source: SOURCE,
      explanation: '待补充解析',
    });
    expect(line).toBe(698);
    expect(r.warnings.filter((w) => w.id === q.id).map((w) => w.message).join('\n')).toMatch(/taken from line 320/);
  });

  test('the PBMS 客户等级 question: inline options, answer named by text in the bracket → C', () => {
    const { q, line } = find(r, 'PBMS系统业务负责人角色');
    expect(q.stem).toBe('PBMS系统业务负责人角色可以查询客户的( )。');
    expect(q.options).toEqual(['总资产', '产品信息', '客户等级', '账户信息']);
    expect(q.answer).toBe('C');
    expect(line).toBe(215);
  });

  test('a labelled block with no junk keeps its own options; 知识点 name becomes the topic id', () => {
    const { q } = find(r, '对于严重违反规章制度');
    expect(q).toMatchObject({ stem: '对于严重违反规章制度及年度考核不合格的个人客户经理,必须( )。', answer: 'A', topic: 'zhidu-guanli', difficulty: 2 });
    expect(q.options).toEqual(['调离原岗位', '取消其客户经理资质', '下调其绩效工资档次', '予以解聘']);
    expect(q.source).toBe('《个人客户经理学习资料》');
  });

  test('a block given the wrong options is repaired from the answer-in-stem copy (两, not 业务申请书)', () => {
    const two = find(r, '因严重违反规章制度以及年度考核').q;
    expect(two.options).toEqual(['一', '两', '三', '四']);
    expect(two.answer).toBe('B');
    const hold = find(r, '个人客户经理可以持有').q;
    expect(hold.options).toEqual(['银行现金', '定期存单', '账务核算权限卡', '业务申请书']);
    expect(hold.answer).toBe('D');
  });

  test('options split in two places (A–C and "D、2,2,1") are joined and checked against 3,1,1', () => {
    const { q } = find(r, '贵宾专属服务区');
    expect(q.stem).toBe('在贵宾理财中心贵宾专属服务区,应配置理财经理( )名(含)以上、大堂经理( )名(含)以上、营销经理(含)( )名以上。');
    expect(q.options).toEqual(['3,2,1', '2,1,1', '3,1,1', '2,2,1']);
    expect(q.answer).toBe('C');
    expect(q.topic).toBe('qudao-guanli');
    // The source lost its opening 《; the importer restores it.
    expect(q.source).toBe(SOURCE);
  });

  test('a stem spread over two paragraphs is read whole, and repeats of its options fill in 难度 and 出处', () => {
    const { q } = find(r, '应至少每');
    expect(q.stem).toContain('合理调整。一般而言,理财经理');
    expect(q.answer).toBe('B');
    expect(q.difficulty).toBe(1);
    expect(q.source).toBe(SOURCE);
  });

  test('answer-in-stem copies are reported as duplicates of their block twins, with lines', () => {
    const d = r.duplicates.find((x) => x.line === 115)!;
    expect(d.reason).toBe('answer-in-stem copy of the question at line 535');
    expect(r.duplicates.find((x) => x.line === 667)!.reason).toBe('repeat of the question at line 339');
    expect(r.duplicates.find((x) => x.line === 145)!.reason).toMatch(/cut short of the question at line 661/);
  });

  test('failures name the line and what a person must do', () => {
    expect(r.failed.map((f) => f.line)).toEqual([578, 591, 661, 738]);
    expect(r.failed[1]!.reason).toMatch(/options \(line 595\) are those of the question at line 698/);
    expect(r.failed[2]!.reason).toMatch(/no options or answer/);
    expect(r.failed[3]!.reason).toMatch(/answer C: 三个工作日内/);
  });

  test('warnings list what needs a human: defaulted 难度, missing 解析, missing 知识点', () => {
    const { q } = find(r, '个人客户经理若长期离岗');
    const msgs = r.warnings.filter((w) => w.id === q.id).map((w) => w.message);
    expect(msgs).toContain('no 题目难度: set to 3');
    expect(msgs).toContain('no 解析: explanation is "待补充解析"');
    expect(q.difficulty).toBe(3);
    expect(r.warnings.find((w) => w.line === 215)!.message).toMatch(/no 知识点/);
  });

  test('with a default topic, items without 知识点 take it', () => {
    const withTopic = run(text, { topic: 'kehu-guanxi' });
    expect(find(withTopic, '以下哪项不属于客户关系管理').q.topic).toBe('kehu-guanxi');
    expect(find(withTopic, '电话约访').q.topic).toBe('fuwu-liucheng');
  });
});
