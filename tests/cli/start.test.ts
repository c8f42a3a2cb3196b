import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.js';

describe('exampress start (npm start)', () => {
  it('prints the bundled bank statistics and assembles the standard paper into the output folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'exampress-start-'));
    const res = await run('start', '--out', out);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/合计/);
    expect(res.stdout + res.stderr).toMatch(/wrote .*manifest\.json: 2 variant\(s\) \(shuffle\), 50 questions, 100 points/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.variants).toHaveLength(2);
  });
});
