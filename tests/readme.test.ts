// The README's commands work as written: every code block marked `sh runnable` runs in a scratch
// folder holding copies of the bundled bank and templates, with `exampress` on the PATH (the
// bundled CLI that `npm test` builds first), and must succeed.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../src/paths.js';

const root = packageRoot();
const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^```sh runnable\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

describe('README', () => {
  test('has runnable blocks', () => expect(blocks.length).toBeGreaterThanOrEqual(3));

  test.each(blocks.map((b, i) => [i + 1, b] as const))('runnable block %i works as written', (_i, block) => {
    const dir = mkdtempSync(join(tmpdir(), 'exampress-readme-'));
    cpSync(join(root, 'bank'), join(dir, 'bank'), { recursive: true });
    cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'exampress'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', 'exampress.mjs')}" "$@"\n`);
    chmodSync(join(bin, 'exampress'), 0o755);
    const r = spawnSync('bash', ['-e', '-c', block], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: '1' }, timeout: 120_000 });
    expect(r.status, `${block}\n--- stderr ---\n${r.stderr}`).toBe(0);
  });
});
