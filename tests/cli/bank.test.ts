import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../../src/bank/schema.js';
import { makeBank, validQuestions } from '../bank/makeBank.js';
import { run } from './run.js';

describe('exampress bank lint', () => {
  it('exits 0 on a valid bank and 1 with FILE:LINE:COL ID lines on errors', async () => {
    expect((await run('bank', 'lint', '--bank', makeBank())).code).toBe(0);
    const qs = validQuestions();
    qs.push({ ...qs[0], stem: '另一道完全不同的题目，考查名片的递接方式（ ）。' });
    const res = await run('bank', 'lint', '--bank', makeBank({ questions: qs }));
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^\S+phone\.yaml:\d+:\d+ DH-001 error duplicate-id: /m);
    expect(res.stderr).toMatch(/1 error/);
  });

  it('exits 0 when there are only warnings', async () => {
    const qs = validQuestions().map((q) => ({ ...q, norms: [] }));
    const res = await run('bank', 'lint', '--bank', makeBank({ questions: qs }));
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/warning no-norm/);
  });

  it('takes the per-norm limit from --max-per-norm', async () => {
    expect((await run('bank', 'lint', '--bank', makeBank())).stdout).not.toMatch(/norm-overtested/);
    const res = await run('bank', 'lint', '--max-per-norm', '1', '--bank', makeBank());
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/phone-three-rings warning norm-overtested: tested by 2 questions \(DH-001, DH-004\), more than 1/);
  });

  it('says in one line that a bank folder is missing', async () => {
    const res = await run('bank', 'lint', '--bank', '/no/such/bank');
    expect(res.code).toBe(1);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(res.stdout).toMatch(/bank folder not found/);
  });

  it('reports malformed YAML without a stack trace', async () => {
    const res = await run('bank', 'lint', '--bank', makeBank({ raw: { 'questions/bad.yaml': 'topic: phone\nquestions: [\n' } }));
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/bad\.yaml:\d+:\d+ error yaml: invalid YAML/);
    expect(res.stdout + res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('exampress bank stats', () => {
  it('prints counts as JSON', async () => {
    const res = await run('bank', 'stats', '--json', '--bank', makeBank());
    expect(res.code).toBe(0);
    const stats = JSON.parse(res.stdout);
    expect(stats).toMatchObject({
      questions: 4,
      norms: 3,
      untestedNorms: [],
      maxQuestionsPerNorm: 2,
      byType: { single: 1, multiple: 1, judge: 1, fill: 1 },
      byTopic: { phone: 4, dress: 0 },
    });
    expect(stats.matrix.phone.fill).toEqual([0, 0, 1, 0, 0]);
  });

  it('prints a table by topic', async () => {
    const res = await run('bank', 'stats', '--bank', makeBank());
    expect(res.stdout).toMatch(/电话礼仪 \(phone\)\s+1\s+1\s+1\s+1\s+4/);
  });
});

describe('the CLI', () => {
  it('exits 1 with a hint on an unknown command', async () => {
    const res = await run('frobnicate');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/exampress: /);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('bank/schema', () => {
  it('holds the JSON Schemas generated from src/bank/schema.ts (run exampress bank schema after changing it)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(readFileSync(join('bank', 'schema', name), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });
});

describe('usage mistakes', () => {
  it.each([
    [['bank', 'stats', '--bogus'], /Unknown argument: bogus/],
    [['bank'], /name a bank command/],
    [['start', '--bogus'], /Unknown argument: bogus/],
  ])('%j exits 1 with a hint and runs nothing', async (argv, message) => {
    const res = await run(...argv);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });
});
