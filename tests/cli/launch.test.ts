// The `exampress` executable (src/cli/launch.mjs → dist/exampress.mjs) runs the bundled CLI with a
// V8 code cache. What a user must never notice: the first run (no cache), a run from the cache, a
// damaged cache and EXAMPRESS_CACHE=0 all print the same; libraries the bundle loads on demand
// (here csv-parse, for an import) still load from a run that starts from the cache; yargs still
// speaks the user's language.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

const root = packageRoot();
const CLI = join(root, 'dist', 'exampress.mjs');
const codeCache = join(root, 'node_modules', '.cache', 'exampress', 'code');
const work = mkdtempSync(join(tmpdir(), 'exampress-launch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** This build's cache file for `command`, named as launch.mjs names it. */
function cacheFileOf(command: string): string | undefined {
  const build = /const BUILD = '([0-9a-f]+)'/.exec(readFileSync(CLI, 'utf8'))?.[1];
  const name = `${build}-${process.version}-${process.arch}-${command}.bin`;
  return existsSync(join(codeCache, name)) ? join(codeCache, name) : undefined;
}

describe('the exampress executable and its code cache', () => {
  it('is the bundle with its build hash filled in', () => {
    expect(readFileSync(CLI, 'utf8')).toMatch(/const BUILD = '[0-9a-f]{16}'/);
  });

  it('prints the same from no cache, from the cache, from a damaged cache and with the cache off; an import loads its library each time', () => {
    // A command of its own so no other test shares its cache file: `bank import --dry-run` of a CSV.
    const csv = join(work, 'q.csv');
    writeFileSync(csv, '题目,选项,正确答案,类型\n"客户经理接待客户时应当（ ）。","**A:起身相迎**B:坐着不动",A,单选\n');
    const args = ['bank', 'import', csv, '--dry-run', '--json'];
    const file = cacheFileOf('bank');
    if (file) rmSync(file);

    const first = run(args);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ parsed: 1 });
    const written = cacheFileOf('bank');
    expect(written).toBeDefined();

    const cached = run(args);
    expect(cached).toEqual(first);

    // Damaged: one byte of the code flipped. The CRC catches it; V8 never sees it; it is rewritten.
    const bytes = readFileSync(written!);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(written!, bytes);
    expect(run(args)).toEqual(first);
    expect(readFileSync(written!).equals(bytes)).toBe(false);

    expect(run(args, { EXAMPRESS_CACHE: '0' })).toEqual(first);
  });

  it('removes other builds’ cache files when it writes its own', () => {
    const stale = join(codeCache, `0000000000000000-${process.version}-${process.arch}-paper.bin`);
    writeFileSync(stale, 'an older build');
    const own = cacheFileOf('none');
    if (own) rmSync(own);
    expect(run(['--version']).code).toBe(0);
    expect(cacheFileOf('none')).toBeDefined();
    expect(existsSync(stale)).toBe(false);
  });

  it('speaks the user’s language in yargs’ messages (its translations are found from the bundle)', () => {
    expect(run(['paper', '--bogus'], { LANG: 'zh_CN.UTF-8', LC_ALL: '' }).err).toContain('无法识别的选项：bogus');
    expect(run(['paper', '--bogus'], { LANG: 'C', LC_ALL: '' }).err).toContain('Unknown argument: bogus');
  });
});
