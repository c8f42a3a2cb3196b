// init, build and config.yaml as a trainer uses them, through the real bundled CLI
// (dist/exampress.mjs, made by `npm run build`, which `npm test` runs first).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { openPdf } from '../support/pdf.js';
import { documentsIn } from './run.js';
import { squash } from '../documents/standard.js';

const CLI = join(packageRoot(), 'dist', 'exampress.mjs');
const cli = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('exampress init, then build in the new workspace', () => {
  test('prints papers, keys, sheets and coverage tables at once, with the organisation given', async () => {
    const root = mkdtempSync(join(tmpdir(), 'exampress-ws-'));
    const ws = join(root, '某分行培训');
    const init = cli(root, 'init', ws, '--organisation', '某分行个人金融部');
    expect(init.code, init.stderr).toBe(0);
    const build = cli(ws, 'build');
    expect(build.code, build.stderr).toBe(0);
    const out = readdirSync(join(ws, 'output')).filter((f) => f.endsWith('.pdf')).sort();
    expect(out).toEqual(['handbook-imposed.pdf', 'handbook.pdf', 'sample-A-key.pdf', 'sample-A-paper.pdf', 'sample-A-sheet.pdf', 'sample-A-spec.pdf', 'sample-B-key.pdf', 'sample-B-paper.pdf', 'sample-B-sheet.pdf', 'sample-B-spec.pdf']);
    const text = squash(await (await openPdf(join(ws, 'output', 'sample-A-paper.pdf'))).text());
    expect(text).toContain('某分行个人金融部');
    expect(text).toContain('服务规范知识测验');
    expect(build.stdout).toMatch(/output\/sample-A-paper\.pdf\s+\d+ pages?\s+\d+ KB/);
    expect(build.stderr).toMatch(/built in \d+\.\d s/);
    expect(cli(root, 'init', ws).code).toBe(1); // not over an existing workspace
  });
});

describe('bank/config.yaml', () => {
  const workspace = () => {
    const root = mkdtempSync(join(tmpdir(), 'exampress-cfg-'));
    execFileSync(process.execPath, [CLI, 'init', join(root, 'ws')]);
    return join(root, 'ws');
  };

  test('its settings apply, and flags override them', async () => {
    const ws = workspace();
    const config = join(ws, 'bank', 'config.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8').replace('size: a4', 'size: a3')}\ntheme:\n  paper:\n    candidateFields: [姓名, 部门]\n`);
    expect(cli(ws, 'paper', '--only', 'paper').code).toBe(0);
    const a3 = await openPdf(join(ws, 'output', 'sample-A-paper.pdf'));
    expect((await a3.page(1)).size.width).toBeCloseTo(1190.55, 1);
    expect(squash(await a3.text())).toMatch(/姓名：.*部门：/);
    expect(cli(ws, 'paper', '--only', 'paper', '--size', 'b5').code).toBe(0);
    expect((await (await openPdf(join(ws, 'output', 'sample-A-paper.pdf'))).page(1)).size.width).toBeCloseTo(498.9, 1);
  });

  test('a wrong key or value is one located line (exit 1)', () => {
    const ws = workspace();
    const config = join(ws, 'bank', 'config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('size: a4', 'size: a2').replace('output: ../output', 'outptu: ../output'));
    const r = cli(ws, 'build');
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^bank\/config\.yaml:\d+:\d+ error config: unknown setting "outptu"/), expect.stringMatching(/^bank\/config\.yaml:\d+:\d+ error config: paper\.size: /)]));
  });
});

describe('exit codes', () => {
  test('3 when the output cannot be written; earlier files stay whole', () => {
    const ws = mkdtempSync(join(tmpdir(), 'exampress-ro-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const out = join(ws, 'w', 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{}');
    chmodSync(out, 0o500);
    const r = cli(join(ws, 'w'), 'paper', '--out', out);
    chmodSync(out, 0o700);
    if (process.getuid?.() === 0) {
      // root writes anyway: point --out below a file instead
      const r2 = cli(join(ws, 'w'), 'paper', '--out', join(out, 'manifest.json', 'x'));
      expect(r2.code).toBe(3);
      expect(r2.stderr).toMatch(/^exampress paper: cannot use .* as the output folder: a file is in the way/);
    } else {
      expect(r.code).toBe(3);
    }
  });
});

describe('batch: a roster in worker threads, split by --range', () => {
  test('one paper and one pre-filled sheet per candidate; two ranges give the same bytes as one run', () => {
    const ws = mkdtempSync(join(tmpdir(), 'exampress-roster-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const roster = join(ws, 'roster.csv');
    const rows = ['工号,姓名'];
    for (let i = 1; i <= 8; i++) rows.push(`${20260000 + i},考生${i}`);
    writeFileSync(roster, `\uFEFF${rows.join('\r\n')}\r\n`);
    const whole = cli(join(ws, 'w'), 'paper', '--roster', roster, '--only', 'paper,sheet', '--out', join(ws, 'whole'), '--jobs', '2');
    expect(whole.code, whole.stderr).toBe(0);
    expect(readdirSync(join(ws, 'whole')).filter((f) => f.endsWith('-paper.pdf'))).toHaveLength(8);
    for (const range of ['1-5', '6-8']) expect(cli(join(ws, 'w'), 'paper', '--roster', roster, '--only', 'paper,sheet', '--out', join(ws, 'split'), '--range', range, '--jobs', '1').code).toBe(0);
    for (const f of documentsIn(join(ws, 'whole'))) expect(readFileSync(join(ws, 'split', f)).equals(readFileSync(join(ws, 'whole', f))), f).toBe(true);
    const json = cli(join(ws, 'w'), 'paper', '--roster', roster, '--only', 'paper', '--out', join(ws, 'j'), '--range', '3', '--json');
    expect(JSON.parse(json.stdout).files.map((f: { variant: string }) => f.variant)).toEqual(['20260003']);
    expect(cli(join(ws, 'w'), 'paper', '--roster', roster, '--range', '9-12', '--out', join(ws, 'bad')).code).toBe(1);
    expect(existsSync(join(ws, 'bad', 'sample-20260009-paper.pdf'))).toBe(false);
  });
});

describe('Ctrl-C', () => {
  test('stops a print half-way and leaves the set printed before, byte for byte; no staging or temporary file remains', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'exampress-int-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const out = join(ws, 'out');
    expect(cli(join(ws, 'w'), 'paper', '--out', out).code).toBe(0);
    const before = new Map(documentsIn(out).map((n) => [n, readFileSync(join(out, n))]));
    const roster = join(ws, 'roster.csv');
    writeFileSync(roster, ['工号,姓名', ...Array.from({ length: 150 }, (_, i) => `${30000000 + i},考生${i}`)].join('\n'));
    const child = spawn(process.execPath, [CLI, 'paper', '--roster', roster, '--only', 'paper,sheet', '--out', out, '--jobs', '2'], { cwd: join(ws, 'w'), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupt once the new set is part written (in its staging folder).
    const staged = () => readdirSync(out).filter((n) => n.startsWith('.staging-')).flatMap((d) => readdirSync(join(out, d))).filter((f) => f.endsWith('.pdf')).length;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        let n = 0;
        try {
          n = staged();
        } catch {
          // the staging folder came or went meanwhile
        }
        if (n >= 4) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolve();
        }
      }, 20);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const names = readdirSync(out);
    expect(code, `${stderr}\n${names.join(' ')}`).toBe(130);
    expect(stderr).toMatch(/interrupted; nothing was written/);
    expect(names.filter((n) => n.endsWith('.tmp') || n.startsWith('.staging-')), stderr).toEqual([]);
    expect(documentsIn(out)).toEqual([...before.keys()]);
    for (const [n, bytes] of before) expect(readFileSync(join(out, n)).equals(bytes), n).toBe(true);
    expect(readdirSync(join(out, 'papers'))).toHaveLength(1);
  });
});

describe('the bank cache', () => {
  test('a cached bank prints the same bytes as a freshly parsed one, and an edit is seen at once', () => {
    const ws = mkdtempSync(join(tmpdir(), 'exampress-cache-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const w = join(ws, 'w');
    const run = (out: string, env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [CLI, 'paper', '--out', join(ws, out)], { cwd: w, env: { ...process.env, ...env }, encoding: 'utf8' }).status;
    expect(run('fresh', { EXAMPRESS_CACHE: '0' })).toBe(0);
    expect(run('cached1')).toBe(0);
    expect(run('cached2')).toBe(0);
    for (const f of documentsIn(join(ws, 'fresh'))) {
      expect(readFileSync(join(ws, 'cached2', f)).equals(readFileSync(join(ws, 'fresh', f))), f).toBe(true);
    }
    const q = join(w, 'bank', 'questions', 'sample.yaml');
    writeFileSync(q, readFileSync(q, 'utf8').replace('客户走近柜台时', '客户走到柜台前时'));
    expect(run('edited')).toBe(0);
    expect(readFileSync(join(ws, 'edited', 'manifest.json'), 'utf8')).not.toBe(readFileSync(join(ws, 'fresh', 'manifest.json'), 'utf8'));
  });
});

describe('rosters as Excel saves them', () => {
  test('GBK, columns 姓名,网点,工号 in any order: each paper and sheet prints the candidate\'s name, id and branch', async () => {
    const iconv = (await import('iconv-lite')).default;
    const ws = mkdtempSync(join(tmpdir(), 'exampress-gbk-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const roster = join(ws, 'roster.csv');
    writeFileSync(roster, iconv.encode('姓名,网点,工号\r\n张三,城东支行,20260001\r\n李四,城西支行,20260002\r\n', 'gbk'));
    const r = cli(join(ws, 'w'), 'paper', '--roster', roster, '--only', 'paper,sheet', '--out', join(ws, 'out'));
    expect(r.code, r.stderr).toBe(0);
    const paper = squash(await (await openPdf(join(ws, 'out', 'sample-20260002-paper.pdf'))).text());
    expect(paper).toMatch(/姓名：李四.*工号：20260002.*网点：城西支行/);
    const sheet = squash(await (await openPdf(join(ws, 'out', 'sample-20260001-sheet.pdf'))).text());
    expect(sheet).toContain('张三');
    expect(sheet).toContain('城东支行');
    const geometry = JSON.parse(readFileSync(join(ws, 'out', 'sample-20260001-sheet.json'), 'utf8'));
    expect(geometry.paper.candidate).toEqual({ id: '20260001', name: '张三', branch: '城东支行' });
  });
});

describe('a roster with ids that cannot name files', () => {
  test('is refused with the roster line before anything is written; nothing lands outside --out', () => {
    const ws = mkdtempSync(join(tmpdir(), 'exampress-unsafe-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const roster = join(ws, 'roster.csv');
    writeFileSync(roster, '工号,姓名\n20260001,张三\n../../../../x,李四\n');
    const out = join(ws, 'out');
    const r = cli(join(ws, 'w'), 'paper', '--roster', roster, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/roster\.csv:3:1 error roster: candidate id "\.\.\/\.\.\/\.\.\/\.\.\/x" names the candidate's files and cannot/);
    expect(existsSync(join(out, 'papers'))).toBe(false);
    expect(readdirSync(ws).sort()).toEqual(['roster.csv', 'w']);
  });
});

describe('a print that fails half-way', () => {
  test('a broken template, or the process killed outright, leaves the set printed before byte for byte; the next print clears what the killed one left', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'exampress-half-'));
    execFileSync(process.execPath, [CLI, 'init', join(ws, 'w')]);
    const out = join(ws, 'out');
    expect(cli(join(ws, 'w'), 'paper', '--seed', '2026', '--out', out).code).toBe(0);
    const snapshot = () => new Map(documentsIn(out).map((n) => [n, readFileSync(join(out, n)).toString('base64')]));
    const before = snapshot();
    const broken = join(ws, 'broken');
    cpSync(join(ws, 'w', 'templates'), broken, { recursive: true });
    writeFileSync(join(broken, 'key.hbs'), readFileSync(join(broken, 'key.hbs'), 'utf8').replace('{{title}}', '{{titel}}'));
    const failed = cli(join(ws, 'w'), 'paper', '--seed', '7', '--templates', broken, '--out', out);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/key\.hbs:\d+:\d+: the view has no field "titel"/);
    expect(failed.stderr).toMatch(/nothing was written; the files printed before are as they were/);
    expect(snapshot()).toEqual(before);
    expect(readdirSync(join(out, 'papers'))).toHaveLength(1);
    // kill -9 while the next set is being printed.
    const roster = join(ws, 'roster.csv');
    writeFileSync(roster, ['工号,姓名', ...Array.from({ length: 120 }, (_, i) => `${30000000 + i},考生${i}`)].join('\n'));
    const child = spawn(process.execPath, [CLI, 'paper', '--roster', roster, '--only', 'paper', '--out', out, '--jobs', '1'], { cwd: join(ws, 'w'), stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const staging = readdirSync(out).find((n) => n.startsWith('.staging-'));
        let n = 0;
        try {
          n = staging ? readdirSync(join(out, staging)).filter((f) => f.endsWith('.pdf')).length : 0;
        } catch {
          // gone meanwhile
        }
        if (n >= 3) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 10);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(snapshot()).toEqual(before);
    expect(readdirSync(out).some((n) => n.startsWith('.staging-'))).toBe(true);
    expect(cli(join(ws, 'w'), 'paper', '--seed', '2026', '--out', out).code).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.staging-'))).toEqual([]);
    expect(snapshot()).toEqual(before);
  });
});
