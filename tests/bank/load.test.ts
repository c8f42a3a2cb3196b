import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../../src/bank/load.js';
import { makeBank, validQuestions } from './makeBank.js';

describe('loadBank', () => {
  it('loads topics, questions with their file topic and location, and numbered norms', () => {
    const dir = makeBank();
    const { bank, problems } = loadBank(dir);
    expect(problems).toEqual([]);
    expect(bank.topics.map((t) => t.id)).toEqual(['phone', 'dress']);
    expect(bank.questions.map((q) => q.id)).toEqual(['DH-001', 'DH-002', 'DH-003', 'DH-004']);
    const q = bank.questions[1]!;
    expect(q.topic).toBe('phone');
    expect(q.loc.file).toContain(join('questions', 'phone.yaml'));
    expect(q.loc.line).toBeGreaterThan(1);
    expect(bank.norms.get('phone-greet')?.number).toBe('1.1.2');
    expect(bank.sections.get('phone-answer')?.number).toBe('1.1');
  });

  it('reports a schema problem at the line of the bad field and keeps the other questions', () => {
    const qs = validQuestions();
    qs[2] = { ...qs[2], difficulty: 9 };
    const { bank, problems } = loadBank(makeBank({ questions: qs }));
    expect(bank.questions.map((q) => q.id)).toEqual(['DH-001', 'DH-002', 'DH-004']);
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p.id).toBe('DH-003');
    expect(p.message).toMatch(/^difficulty: /);
    // The YAML line that says "difficulty: 9".
    expect(p.line).toBeGreaterThan(1);
  });

  it.each([
    ['malformed YAML', 'questions/bad.yaml', 'topic: phone\nquestions:\n  - id: [unclosed\n', /invalid YAML/],
    ['an empty file', 'questions/empty.yaml', '\n# nothing yet\n', /is empty/],
    ['a binary file', 'questions/photo.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), /binary file/],
    ['a file that is not a question file', 'questions/list.yaml', '- a\n- b\n', /topic|questions/],
  ])('gives one clear located line for %s', (_what, rel, content, pattern) => {
    const { problems } = loadBank(makeBank({ raw: { [rel]: content } }));
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]!.file).toContain(rel.split('/')[1]);
    expect(problems[0]!.message).toMatch(pattern);
    expect(problems[0]!.message).not.toMatch(/\n|    at /);
  });

  it('reports a missing folder instead of throwing', () => {
    const dir = makeBank();
    rmSync(dir, { recursive: true });
    const { problems } = loadBank(dir);
    expect(problems.map((p) => p.rule)).toEqual(['missing-folder']);
  });
});
