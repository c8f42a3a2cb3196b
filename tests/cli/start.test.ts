import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.js';

describe('exampress build (npm start)', () => {
  it('prints the bundled bank statistics and prints the standard papers, keys, sheets and coverage tables into the output folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'exampress-start-'));
    const res = await run('build', '--out', out);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/\d+ questions in \d+ topics, \d+ norms, no errors/);
    expect(res.stdout + res.stderr).toMatch(/wrote .*manifest\.json: 2 variant\(s\) \(shuffle\), 50 questions, 100 points/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.variants).toHaveLength(2);
    for (const v of ['A', 'B']) for (const k of ['paper.pdf', 'key.pdf', 'sheet.pdf', 'sheet.json', 'spec.pdf']) expect(res.stdout).toContain(`standard-${v}-${k}`);
    expect(readFileSync(join(out, 'standard-A-paper.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
