// The benchmark's building blocks (tests/bench/typeset-lib.ts): its pdfkit half must really set
// the text, and its markup must carry the seed through unchanged.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchMarkup, countChars, median, renderPdfkit, seedParagraphs, withoutUncovered } from '../../bench/typeset-lib.js';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { openPdf } from '../../support/pdf.js';
import { tmp } from './helpers.js';

const fonts = loadFonts();

describe('typeset benchmark helpers', () => {
  it('reads the seed as non-empty trimmed lines, files in name order, and skips a missing seed', () => {
    const dir = join(tmp, 'seed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'b.txt'), '第二个文件\n');
    writeFileSync(join(dir, 'a.txt'), '  客户经理服务规范 \n\n一、形象和仪容要求\r\n');
    expect(seedParagraphs(dir)).toEqual(['客户经理服务规范', '一、形象和仪容要求', '第二个文件']);
    expect(seedParagraphs(join(tmp, 'no-such-seed'))).toBeUndefined();
  });

  it('drops characters no font draws and counts code points', () => {
    expect(withoutUncovered(['服务ቤ规范', 'ቤ'], fonts)).toEqual({ paragraphs: ['服务规范'], dropped: 2 });
    expect(countChars(['服务', 'AB😀'])).toBe(5);
  });

  it('escapes the text into justified paragraphs', () => {
    const xml = benchMarkup(['a<b & c']);
    expect(xml).toContain('<p align="justify" indent="2em">a&lt;b &amp; c</p>');
    expect(xml).toMatch(/^<doc [^>]*size="A4"/);
  });

  it("sets the text with pdfkit's own flow on A4 pages", async () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `第${i + 1}段:客户经理应友善、耐心地对待每一位客户,确保客户感受到被尊重和重视。`.repeat(3));
    const { pdf, pages } = await renderPdfkit(paragraphs, fonts);
    const file = await openPdf(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(file.numPages).toBe(pages);
    const text = (await file.text()).replace(/\s+/g, '');
    expect(text).toContain('第1段:客户经理应友善');
    expect(text).toContain('第60段');
  });

  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
