// The workspace's file rules without a browser: what may be downloaded, and how an edit is
// written back into a question file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldsFromForm, fileHash, readQuestion, saveQuestion } from '../../src/app/questions.js';
import { inStaging } from '../../src/app/staging.js';
import { outputFile } from '../../src/web/outputs.js';
import { oneAtATime } from '../../src/web/state.js';

const dir = mkdtempSync(join(tmpdir(), 'exampress-web-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outputFile', () => {
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'standard-A-paper.pdf'), '%PDF');
  writeFileSync(join(dir, 'secret.pdf'), '%PDF secret');
  symlinkSync(join(dir, 'secret.pdf'), join(out, 'link.pdf'));

  it('gives a plain name of the folder, and nothing else however it is written', () => {
    expect(outputFile(out, 'standard-A-paper.pdf')).toEqual({ file: join(out, 'standard-A-paper.pdf') });
    for (const name of ['..%2Fsecret.pdf', '%2e%2e%2fsecret.pdf', '%252e%252e%252fsecret.pdf', '..', '%2E%2E', '..%5Csecret.pdf', `${encodeURIComponent(join(dir, 'secret.pdf'))}`, 'C%3A%5Cx.pdf', '.hidden.pdf', 'a%00.pdf', 'link.pdf', 'notes.txt', '%E0%A4%A']) {
      expect(outputFile(out, name), name).toEqual({ refused: 'bad-name' });
    }
    expect(outputFile(out, 'standard-B-paper.pdf')).toEqual({ refused: 'missing' });
  });

  it('a failed staged build leaves the earlier files as they were; a good one replaces them', async () => {
    const failed = await inStaging(out, async (staging) => {
      writeFileSync(join(staging, 'standard-A-paper.pdf'), 'half');
      return { ok: false };
    });
    expect(failed.moved).toEqual([]);
    expect(readFileSync(join(out, 'standard-A-paper.pdf'), 'utf8')).toBe('%PDF');
    const good = await inStaging(out, async (staging) => {
      writeFileSync(join(staging, 'standard-A-paper.pdf'), '%PDF new');
      return { ok: true };
    });
    expect(good.moved).toEqual(['standard-A-paper.pdf']);
    expect(readFileSync(join(out, 'standard-A-paper.pdf'), 'utf8')).toBe('%PDF new');
  });
});

describe('saveQuestion', () => {
  const text = `# header comment
topic: t
questions:
  # the first question
  - id: Q-1
    type: single # kind
    stem: 下列正确的是（ ）。
    options: [甲, 乙, 丙, 丁] # four
    answer: B
    difficulty: 2
    source: 《手册》
    explanation: 旧的解析。
    norms: [n-1]
`;
  const file = join(dir, 'q.yaml');

  it('writes only what changed, keeping comments, key order and flow style', () => {
    writeFileSync(file, text);
    const q = readQuestion(file, 'Q-1')!;
    const fields = fieldsFromForm({ type: 'single', stem: '下列正确的是（ ）。', options: '甲\n乙\n丙\n戊', answer: 'b', difficulty: '2', source: '《手册》', explanation: '新的解析。', norms: 'n-1', tags: 'seed' });
    const r = saveQuestion(file, 'Q-1', q.hash, fields);
    expect(r.saved).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('丁] # four', '戊] # four').replace('旧的解析', '新的解析') + '    tags: [seed]\n');
  });

  it('refuses a stale hash and a value the schema refuses, writing nothing', () => {
    writeFileSync(file, text);
    const stale = saveQuestion(file, 'Q-1', fileHash('something else'), fieldsFromForm({ type: 'single', stem: 'x（ ）', options: 'a\nb', answer: 'A', difficulty: '1', source: 's', explanation: 'e' }));
    expect(stale).toMatchObject({ saved: false, conflict: true });
    const bad = saveQuestion(file, 'Q-1', fileHash(text), fieldsFromForm({ type: 'single', stem: 'x（ ）', options: 'a\nb', answer: 'A', difficulty: '9', source: 's', explanation: 'e' }));
    expect(bad).toMatchObject({ saved: false, conflict: false });
    expect(bad.saved === false && !bad.conflict && bad.problems.map((p) => p.message).join()).toContain('difficulty');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('oneAtATime', () => {
  it('refuses a second build while one runs, and takes the next one after', async () => {
    const builds = oneAtATime();
    let release!: () => void;
    const first = builds.run('paper', () => new Promise<string>((r) => (release = () => r('first'))));
    expect(builds.busy).toBe('paper');
    expect(await builds.run('handbook', async () => 'second')).toBeNull();
    release();
    expect(await first).toBe('first');
    expect(builds.busy).toBeNull();
    expect(await builds.run('handbook', async () => 'third')).toBe('third');
    // A build that throws frees the lock too.
    await expect(builds.run('paper', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(builds.busy).toBeNull();
  });
});
