import { describe, expect, test } from 'vitest';
import { parseCsv, parseRoster } from '../../src/assemble/roster.js';

describe('roster CSV', () => {
  test('BOM, header row, CRLF and Chinese names', () => {
    const { candidates, problems } = parseRoster('\uFEFF考号,姓名\r\n2026001,张三\r\n2026002,李四\r\n');
    expect(problems).toEqual([]);
    expect(candidates).toEqual([
      { id: '2026001', name: '张三' },
      { id: '2026002', name: '李四' },
    ]);
  });

  test('quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('id,name\n"A-1","王,五"\n"A-2","赵""六"""\n"A-3","多\n行"\n').map((r) => r.fields)).toEqual([
      ['id', 'name'],
      ['A-1', '王,五'],
      ['A-2', '赵"六"'],
      ['A-3', '多\n行'],
    ]);
  });

  test('no header is fine; duplicates and empty ids are reported with their line', () => {
    const { candidates, problems } = parseRoster('001,甲\n\n002,乙\n001,丙\n,丁\n');
    expect(candidates.map((c) => c.id)).toEqual(['001', '002']);
    expect(problems).toEqual([
      { line: 4, message: 'candidate id 001 is also on line 1; ids must be unique' },
      { line: 5, message: 'the candidate id (column 1) is empty' },
    ]);
  });

  test('an empty roster is a problem', () => {
    expect(parseRoster('id,name\n').problems[0]!.message).toMatch(/no candidates/);
  });
});

describe('a candidate id names files', () => {
  test('an id that cannot be part of a file name is a located roster problem', () => {
    const { candidates, problems } = parseRoster('工号,姓名\n../../../../x,甲\nA/B,乙\n.hidden,丙\nA B,丁\n10007,李喆\nZH-007_b,王\n');
    expect(candidates.map((c) => c.id)).toEqual(['10007', 'ZH-007_b']);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(problems[0]!.message).toMatch(/candidate id "\.\.\/\.\.\/\.\.\/\.\.\/x" names the candidate's files and cannot: it holds a slash/);
    expect(problems[1]!.message).toMatch(/"A\/B".*slash/);
    expect(problems[2]!.message).toMatch(/starts with "\."/);
    expect(problems[3]!.message).toMatch(/a space/);
  });
});
