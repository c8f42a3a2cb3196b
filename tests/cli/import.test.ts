import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBank } from '../../src/bank/load.js';
import { makeBank } from '../bank/makeBank.js';
import { run } from './run.js';

const aiken = `电话铃响后,应在几声之内接听?
A. 一声
B. 三声
C. 五声
D. 十声
ANSWER: B

递送名片时，文字应朝向哪一方？
A) 自己
B) 对方
ANSWER: B

这一题没有答案行
A. 甲
B. 乙
`;

function aikenFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-import-'));
  const file = join(dir, 'phone-quiz.txt');
  writeFileSync(file, aiken);
  return file;
}

describe('exampress bank import', () => {
  it('writes the parsed questions to a question file the loader accepts, and exits 1 when some failed', async () => {
    const bank = makeBank();
    const out = join(bank, 'questions', 'new.yaml');
    const res = await run('bank', 'import', aikenFile(), '--bank', bank, '--topic', 'phone', '--out', out);
    expect(res.stdout).toMatch(/aiken format: parsed 2, duplicates 0, failed 1/);
    expect(res.stdout).toMatch(/phone-quiz\.txt:\d+ failed: /);
    expect(res.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
    // Written in the bank's house style: the Aiken file's ASCII punctuation becomes full-width.
    expect(readFileSync(out, 'utf8')).toContain('\u7535\u8bdd\u94c3\u54cd\u540e\uff0c\u5e94\u5728\u51e0\u58f0\u4e4b\u5185\u63a5\u542c\uff1f');
    const { bank: loaded, problems } = loadBank(bank);
    expect(problems).toEqual([]);
    expect(loaded.questions).toHaveLength(6);
  });

  it('never overwrites without --force, and writes nothing on --dry-run', async () => {
    const bank = makeBank();
    const out = join(bank, 'questions', 'phone.yaml');
    const before = readFileSync(out, 'utf8');
    const res = await run('bank', 'import', aikenFile(), '--bank', bank, '--out', out);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already exists; pass --force/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    const dry = await run('bank', 'import', aikenFile(), '--bank', bank, '--dry-run', '--out', join(bank, 'questions', 'dry.yaml'));
    expect(dry.stdout).toMatch(/dry run: nothing written/);
    expect(existsSync(join(bank, 'questions', 'dry.yaml'))).toBe(false);
  });

  it('skips questions already in the bank and prints JSON', async () => {
    const bank = makeBank();
    const file = join(mkdtempSync(join(tmpdir(), 'exampress-import-')), 'again.txt');
    writeFileSync(file, '电话铃响后，应在（ ）之内接听。\nA. 一声\nB. 三声\nC. 五声\nD. 十声\nANSWER: B\n');
    const res = await run('bank', 'import', file, '--bank', bank, '--json', '--dry-run');
    const json = JSON.parse(res.stdout);
    expect(json).toMatchObject({ parsed: 0, duplicates: 1, failed: [] });
    expect(res.code).toBe(0);
  });

  it('says in one line that the file is missing or binary', async () => {
    const missing = await run('bank', 'import', '/no/such/file.txt', '--bank', makeBank());
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^exampress bank import: \/no\/such\/file\.txt: file not found$/);
    const bin = join(mkdtempSync(join(tmpdir(), 'exampress-import-')), 'x.gift');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0xff]));
    const res = await run('bank', 'import', bin, '--bank', makeBank());
    expect(res.stderr).toMatch(/binary file/);
  });

  it('imports the seed pack without writing when asked for a dry run', async () => {
    const seed = join('..', 'shared', 'seed', '000_09163df8a97db0f7.txt');
    if (!existsSync(seed)) return;
    const res = await run('bank', 'import', seed, '--bank', makeBank(), '--dry-run', '--json');
    const json = JSON.parse(res.stdout);
    expect(json.parsed).toBeGreaterThanOrEqual(20);
    expect(json.written).toBeNull();
  });
});
