// A trainer's own fonts through templates/theme.yaml: the paper is printed with them.
import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTheme, themeFontConfig } from '../../src/documents/index.js';
import { openPdf, pdfProblems } from '../support/pdf.js';
import { printStandard, squash, TEMPLATES } from './standard.js';

const droid = fileURLToPath(new URL('../fixtures/fonts/DroidSansFallback-exam.ttf', import.meta.url));
const collection = fileURLToPath(new URL('../fixtures/fonts/ExamCollection.ttc', import.meta.url));

function templatesWith(theme: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'exampress-theme-'));
  cpSync(TEMPLATES, dir, { recursive: true });
  writeFileSync(join(dir, 'theme.yaml'), theme);
  return dir;
}

describe('fonts: in theme.yaml', () => {
  it('resolves paths against the templates folder, keeps absolute ones and #face names', () => {
    const dir = templatesWith('fonts:\n  serif: { regular: fonts/song.ttc#SimSun }\n  sans: { regular: /opt/fonts/hei.ttf }\n');
    const { theme } = loadTheme(dir, TEMPLATES);
    expect(theme!.fonts).toEqual({ serif: { regular: join(dir, 'fonts/song.ttc#SimSun') }, sans: { regular: '/opt/fonts/hei.ttf' } });
    expect(themeFontConfig(theme!).families).toEqual({ serif: { regular: join(dir, 'fonts/song.ttc#SimSun') }, sans: { regular: '/opt/fonts/hei.ttf' } });
  });

  it('rejects a family without a regular file, naming the field', () => {
    const { theme, problems } = loadTheme(templatesWith('fonts:\n  serif: { bold: x.ttf }\n'), TEMPLATES);
    expect(theme).toBeUndefined();
    expect(problems.join('\n')).toMatch(/theme\.yaml:1:1: fonts\.serif\.regular/);
  });

  it('prints the paper in a collection face named in the theme (body and headings), the rest from the bundled fonts', async () => {
    const dir = templatesWith('fonts:\n  serif: { regular: "song.ttc#DroidSansFallback" }\n  fallback: bundled\n');
    copyFileSync(collection, join(dir, 'song.ttc'));
    const { file } = await printStandard({ templates: dir, only: ['paper'], variants: 1 });
    const pdf = file('standard-A-paper.pdf').bytes;
    const read = await openPdf(pdf);
    expect((await read.fonts()).map((f) => f.baseName)).toContain('DroidSansFallback');
    expect(squash(await read.text())).toContain('个人客户经理服务规范与礼仪知识考试');
    expect(await pdfProblems(pdf)).toEqual([]);
  });

  it('without fallback, a character the fonts lack stops the paper naming the file, the character and where', async () => {
    const dir = templatesWith(`fonts:\n  serif: { regular: ${JSON.stringify(droid)} }\n`);
    await expect(printStandard({ templates: dir, only: ['paper'], variants: 1 })).rejects.toThrow(/character "." \(U\+[0-9A-F]{4}\) is not covered by serif: .*DroidSansFallback-exam\.ttf/);
  });
});
