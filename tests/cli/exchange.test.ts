// The CLI side of issue 12: importing structured files, --map, --source, the accounting line,
// a forced format that finds nothing, and bank export round-tripping through bank import.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBank } from '../../src/bank/load.js';
import { makeBank } from '../bank/makeBank.js';
import { makeXlsx } from '../bank/import/ooxml.js';
import { run } from './run.js';

function tempFile(name: string, data: string | Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'exampress-exchange-')), name);
  writeFileSync(file, data);
  return file;
}

describe('exampress bank import (files)', () => {
  it('imports an .xlsx by its extension and says how the items add up', async () => {
    const xlsx = await makeXlsx([
      ['题干', '选项A', '选项B', '答案', '知识点'],
      ['接听电话时应先（ ）。', '问候', '沉默', 'A', '电话礼仪'],
      ['没有答案的一行（ ）。', '甲', '乙', '', ''],
    ]);
    const bank = makeBank();
    const out = join(bank, 'questions', 'x.yaml');
    const res = await run('bank', 'import', tempFile('head-office.xlsx', xlsx), '--bank', bank, '--out', out);
    expect(res.stdout).toMatch(/xlsx format: parsed 1, duplicates 0, failed 1/);
    expect(res.stdout).toMatch(/2 item\(s\) detected = 1 imported \+ 0 duplicate\(s\) \+ 1 failed/);
    expect(res.stdout).toMatch(/head-office\.xlsx:3 failed: .*no answer/);
    expect(res.code).toBe(1);
    const { bank: loaded, problems } = loadBank(bank);
    expect(problems).toEqual([]);
    expect(loaded.questions.find((q) => q.stem.startsWith('接听电话时应先'))).toMatchObject({ answer: 'A', topic: 'phone', stem: '接听电话时应先（ ）。' });
  });

  it('--map names columns; --source fills a missing 出处; the file name is never the source', async () => {
    const csv = tempFile('季度题库.csv', '列1,列2,列3,列4\n递名片时应用（ ）。,双手|单手,A,x\n');
    const res = await run('bank', 'import', csv, '--bank', makeBank(), '--map', '题干=A,选项=B,答案=C', '--dry-run', '--json');
    const json = JSON.parse(res.stdout);
    expect(json).toMatchObject({ detected: 1, parsed: 1 });
    expect(json.questions[0].source).toBe('待补充出处');
    expect(json.questions[0].source).not.toMatch(/季度题库/);
    const withSource = JSON.parse((await run('bank', 'import', csv, '--bank', makeBank(), '--map', '题干=A,选项=B,答案=C', '--source', '《名片礼仪》', '--dry-run', '--json')).stdout);
    expect(withSource.questions[0].source).toBe('《名片礼仪》');
  });

  it('a bad --map is one line naming the fix', async () => {
    const res = await run('bank', 'import', tempFile('a.csv', 'x\n'), '--bank', makeBank(), '--map', '题干');
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^exampress bank import: --map "题干": write FIELD=COLUMN/);
  });

  it('a forced --format that finds nothing exits 1', async () => {
    const notes = tempFile('notes.txt', '这只是一段说明文字。\n');
    const res = await run('bank', 'import', notes, '--bank', makeBank(), '--format', 'text', '--dry-run');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/notes\.txt:1 failed: --format text found no questions/);
    const xml = await run('bank', 'import', tempFile('other.xml', '<root><a>1</a></root>'), '--bank', makeBank(), '--format', 'moodle', '--dry-run');
    expect(xml.code).toBe(1);
    expect(xml.stdout).toMatch(/other\.xml:1 failed: --format moodle found no questions/);
    // Aiken finds a question without its ANSWER line: a failure, exit 1 too.
    expect((await run('bank', 'import', notes, '--bank', makeBank(), '--format', 'aiken', '--dry-run')).code).toBe(1);
  });
});

describe('exampress bank export', () => {
  it.each(['aiken', 'gift', 'moodle-xml', 'csv', 'xlsx'])('--format %s writes a file that bank import reads back with nothing new', async (format) => {
    const bank = makeBank();
    const out = join(mkdtempSync(join(tmpdir(), 'exampress-export-')), `bank.${format === 'moodle-xml' ? 'xml' : format === 'aiken' ? 'txt' : format}`);
    const res = await run('bank', 'export', '--bank', bank, '--format', format, '--out', out);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/wrote \d+ question\(s\)/);
    expect(existsSync(out)).toBe(true);
    const back = JSON.parse((await run('bank', 'import', out, '--bank', bank, '--dry-run', '--json')).stdout);
    // Everything exported is already in the bank it came from.
    expect(back.parsed).toBe(0);
    expect(back.failed).toEqual([]);
    expect(back.duplicates).toBe(back.detected);
  });

  it('never overwrites without --force', async () => {
    const out = tempFile('keep.csv', 'mine');
    const res = await run('bank', 'export', '--bank', makeBank(), '--format', 'csv', '--out', out);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already exists; pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });
});
