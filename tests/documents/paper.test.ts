// The printed paper, read back with pdf.js: what a candidate sees.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/assemble/manifest.js';
import type { Bank } from '../../src/bank/schema.js';
import type { RenderedFile } from '../../src/documents/index.js';
import { openPdf, pdfProblems, type PdfFile } from '../support/pdf.js';
import { printStandard, squash } from './standard.js';

let bank: Bank;
let manifest: Manifest;
let files: RenderedFile[];
let paper: PdfFile;
let text: string;

beforeAll(async () => {
  const printed = await printStandard({ only: ['paper'] });
  ({ bank, manifest, files } = printed);
  paper = await openPdf(printed.file('standard-A-paper.pdf').bytes);
  text = await paper.text();
});

/** A stem as it must read on paper: the answer bracket and blanks are drawn, not typed. */
const printedStem = (stem: string) => squash(stem.replace(/[（(][\s\u3000]*[）)]/g, '').replace(/_{3,}/g, ''));

describe('the standard paper (A4, variant A)', () => {
  test('is a sound PDF of A4 pages, titled, in Chinese', async () => {
    expect(await pdfProblems(paper.bytes)).toEqual([]);
    const first = await paper.page(1);
    expect(first.size.width).toBeCloseTo(595.28, 1);
    expect(first.size.height).toBeCloseTo(841.89, 1);
    expect(paper.info.Title).toBe('个人客户经理服务规范与礼仪知识考试（A卷）');
    expect(paper.info.Lang).toBe('zh-CN');
  });

  test('prints every selected stem, in manifest order, with continuous numbers', () => {
    const flat = squash(text).replace(/[（）()]/g, '');
    let at = 0;
    let number = 0;
    for (const s of manifest.variants[0]!.sections) {
      for (const q of s.questions) {
        number++;
        const stem = printedStem(bank.questions.find((b) => b.id === q.id)!.stem).replace(/[（）()]/g, '');
        const found = flat.indexOf(`${number}.${stem.slice(0, 12)}`, at);
        expect(found, `question ${number} (${q.id}) after position ${at}`).toBeGreaterThanOrEqual(at);
        at = found + 1;
      }
    }
    expect(number).toBe(50);
  });

  test('options follow the variant shuffle', () => {
    const flat = squash(text);
    const q = manifest.variants[0]!.sections[0]!.questions[0]!;
    const options = bank.questions.find((b) => b.id === q.id)!.options!;
    const shown = [...q.order!].map((l) => options[l.charCodeAt(0) - 65]!);
    let at = 0;
    shown.forEach((o, i) => {
      const found = flat.indexOf(`${'ABCD'[i]}.${squash(o)}`, at);
      expect(found, `option ${'ABCD'[i]}`).toBeGreaterThanOrEqual(at);
      at = found;
    });
  });

  test('the head: title, variant, time, full marks, candidate fields and the score table from the sections', () => {
    const head = squash(text.slice(0, 600));
    expect(head).toContain('个人客户经理服务规范与礼仪知识考试');
    expect(head).toContain('标准卷A卷');
    expect(head).toContain('考试时间：90分钟满分：100分');
    expect(head).toMatch(/姓名：.*工号：.*网点：/);
    expect(head).toContain('题号一二三四总分');
    expect(head).toContain('得分');
    expect(head).toContain('阅卷人');
  });

  test('each section says its count and points, computed from the blueprint', () => {
    const flat = squash(text);
    const bp = manifest.blueprint.content;
    bp.sections.forEach((s, i) => {
      const total = Math.round(s.count * s.points * 100) / 100;
      expect(flat).toContain(`${'一二三四'[i]}、`);
      expect(flat).toContain(`（本大题共${s.count}小题，每小题${s.points}分，共${total}分）`);
    });
    expect(flat).toContain('多选、少选、错选均不得分');
    expect(flat).toContain('—试卷结束—');
  });

  test('every page has 第 x 页 共 y 页 with the variant mark', async () => {
    for (const page of await paper.pages()) {
      expect(squash(await page.text())).toContain(`A卷第${page.number}页共${paper.numPages}页`);
    }
  });

  test('no page starts with options whose stem is on the page before', async () => {
    for (const page of (await paper.pages()).slice(1)) {
      const runs = (await page.items()).filter((r) => r.str.trim());
      const top = Math.min(...runs.map((r) => r.y));
      const first = runs.filter((r) => Math.abs(r.y - top) < 2).sort((a, b) => a.x - b.x)[0]!;
      expect(first.str, `page ${page.number} starts with "${first.str}"`).not.toMatch(/^[A-H][.．]/);
    }
  });


  test('is the font subsets and little else: under 170 KB, at most 30 KB besides the font programs', () => {
    // The 150 KB budget held on the bank of 274 questions (148 KB); the reviewed bank's standard
    // paper sets 673 distinct characters, and Noto Serif's outlines take ~190 bytes each deflated.
    const bytes = files.find((f) => f.name === 'standard-A-paper.pdf')!.bytes;
    expect(bytes.length).toBeLessThan(170 * 1024);
    const fonts = [...bytes.toString('latin1').matchAll(/\/Subtype \/CIDFontType0C\n\/Length (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(fonts).toBeGreaterThan(0);
    expect(bytes.length - fonts).toBeLessThan(30 * 1024);
  });
});

describe('A3 (8开)', () => {
  test('landscape 1190.55 × 841.89 pt in two columns; no column starts with orphaned options', async () => {
    const { file } = await printStandard({ only: ['paper'], size: 'a3', variants: 1 });
    const pdf = await openPdf(file('standard-A-paper.pdf').bytes);
    const page = await pdf.page(1);
    expect(page.size.width).toBeCloseTo(1190.55, 1);
    expect(page.size.height).toBeCloseTo(841.89, 1);
    const runs = (await page.items()).filter((r) => /[\u4e00-\u9fff]/.test(r.str) && r.y < page.size.height - 50);
    const mid = page.size.width / 2;
    expect(runs.some((r) => r.x + r.width < mid)).toBe(true);
    expect(runs.some((r) => r.x > mid)).toBe(true);
    expect(runs.filter((r) => r.x < mid - 2 && r.x + r.width > mid + 2).map((r) => r.str)).toEqual([]);
    for (const p of await pdf.pages()) {
      for (const half of [(r: { x: number }) => r.x < mid, (r: { x: number }) => r.x >= mid]) {
        const col = (await p.items()).filter((r) => r.str.trim()).filter(half);
        if (!col.length) continue;
        const top = Math.min(...col.map((r) => r.y));
        const first = col.filter((r) => Math.abs(r.y - top) < 2).sort((a, b) => a.x - b.x)[0]!;
        expect(first.str, `page ${p.number}`).not.toMatch(/^[A-H][.．]/);
      }
    }
  });
});

describe('the 密封线 (--seal)', () => {
  test('puts the rotated seal text and the candidate fields in the left margin of odd pages', async () => {
    const { file } = await printStandard({ only: ['paper'], seal: true, variants: 1 });
    const pdf = await openPdf(file('standard-A-paper.pdf').bytes);
    const first = (await (await pdf.page(1)).items()).filter((r) => r.rotated);
    expect(squash(first.map((r) => r.str).join(''))).toMatch(/姓名.*工号.*网点|密|封|线/);
    expect(Math.max(...first.map((r) => r.x + r.width))).toBeLessThan(25 * 2.835);
    const second = (await (await pdf.page(2)).items()).filter((r) => r.rotated);
    expect(second).toEqual([]);
  });
});
