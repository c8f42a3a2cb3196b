// `exampress handbook` on other banks, sizes and sheets, and its mistakes.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../documents/pdfText.js';
import { makeBank, NORMS } from '../bank/makeBank.js';
import { run } from './run.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'exampress-hb-cli-'));

describe('exampress handbook', () => {
  it('makes an A7 handbook of a one-chapter bank with no checklists or tables: cover, contents, chapter, back cover', async () => {
    const out = fresh();
    const r = await run('handbook', '--bank', makeBank(), '--size', 'a7', '--out', out);
    expect(r.stderr).not.toMatch(/warning/);
    expect(r.code).toBe(0);
    const pages = await readPdf(readFileSync(join(out, 'handbook.pdf')));
    expect(pages.length % 4).toBe(0);
    expect(pages[0]!.width).toBeCloseTo(74 * 72 / 25.4, 1);
    const all = pages.map((p) => p.items.map((i) => i.text).join('')).join('\n');
    expect(all).toContain('1.1.1');
    expect(all).toContain('铃响三声之内接听。');
    expect(existsSync(join(out, 'handbook-imposed.pdf'))).toBe(false);
  });

  it('draws the figure a section names, and the bundled bank\'s drawings', async () => {
    const norms = structuredClone(NORMS) as { chapter: { sections: Record<string, unknown>[] } };
    norms.chapter.sections[0]!.figure = 'car-seating';
    const out = fresh();
    expect((await run('handbook', '--bank', makeBank({ norms }), '--out', out)).code).toBe(0);
    const text = (await readPdf(readFileSync(join(out, 'handbook.pdf')))).map((p) => p.items.map((i) => i.text).join('')).join('');
    expect(text).toContain('专职司机驾车');
    expect(text).toMatch(/图\s*轿车座次/);
    expect(text).not.toContain('中餐圆桌座次');
  });

  it('imposes A5 pages 2-up on landscape A4 and says how much it shrank them', async () => {
    const out = fresh();
    const r = await run('handbook', '--bank', makeBank(), '--size', 'a5', '--impose', 'saddle', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imposed: \d+ pages on \d+ A4 sheets? printed both sides, pages at 9\d%/);
    const sheets = await readPdf(readFileSync(join(out, 'handbook-imposed.pdf')));
    expect(sheets[0]!.width).toBeCloseTo(841.89, 1);
    expect(sheets[0]!.height).toBeCloseTo(595.28, 1);
  });

  it('refuses A5 pages on A5 sheets, and writes nothing', async () => {
    const out = fresh();
    const r = await run('handbook', '--bank', makeBank(), '--size', 'a5', '--sheet', 'a5', '--impose', 'saddle', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/A5 pages do not fit an A5 sheet/);
    expect(existsSync(join(out, 'handbook.pdf'))).toBe(false);
  });

  it('reports a template mistake at its line in the trainer\'s own partial, and writes nothing', async () => {
    const templates = fresh();
    cpSync('templates', templates, { recursive: true });
    const file = join(templates, 'partials', 'handbook-norm.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<p ', '<para '));
    const out = fresh();
    const r = await run('handbook', '--bank', makeBank(), '--templates', templates, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/partials\/handbook-norm\.hbs:1:1: .*para/);
    expect(existsSync(join(out, 'handbook.pdf'))).toBe(false);
  });
});
