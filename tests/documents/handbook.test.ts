// The handbook as a reader holds it: the PDFs written by `exampress handbook` (and a key by
// `exampress paper`), read back with pdf.js.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import type { Bank } from '../../src/bank/schema.js';
import { run } from '../cli/run.js';
import { pageLines, readPdf, type PdfPage } from './pdfText.js';

const MM = 72 / 25.4;
const squash = (s: string) => s.replace(/\s+/g, '');

/** The text of a page between its header and footer (the running heads are left out). */
function bodyLines(page: PdfPage): { y: number; text: string }[] {
  const top = 12 * MM - 1;
  const bottom = page.height - 12 * MM + 1;
  return pageLines(page.items.filter((i) => i.y > top && i.y < bottom));
}

let bank: Bank;
let out: string;
let pages: PdfPage[];
let sheets: PdfPage[];
let stdout: string;

beforeAll(async () => {
  bank = loadBank('bank').bank;
  out = mkdtempSync(join(tmpdir(), 'exampress-handbook-'));
  const r = await run('handbook', '--impose', 'saddle', '--out', out);
  expect(r.stderr).not.toMatch(/warning|error/);
  expect(r.code).toBe(0);
  stdout = r.stdout;
  pages = await readPdf(readFileSync(join(out, 'handbook.pdf')));
  sheets = await readPdf(readFileSync(join(out, 'handbook-imposed.pdf')));
});

describe('exampress handbook (A6, the bundled bank)', () => {
  it('prints A6 pages, as many as a multiple of 4, and says what it wrote', () => {
    for (const p of pages) {
      expect(p.width).toBeCloseTo(297.64, 2);
      expect(p.height).toBeCloseTo(419.53, 2);
    }
    expect(pages.length % 4).toBe(0);
    expect(stdout).toMatch(new RegExp(`handbook\\.pdf\\s+${pages.length} pages`));
    expect(stdout).toMatch(/handbook-imposed\.pdf/);
  });

  it('has a cover with the title, organisation, edition and date, and a back cover with a checklist', () => {
    const cover = squash(pages[0]!.items.map((i) => i.text).join(''));
    expect(cover).toContain('《客户经理服务礼仪手册》');
    expect(cover).toContain('个人金融业务部');
    expect(cover).toContain('第一版');
    expect(cover).toContain('二〇二五年十月');
    const back = pageLines(pages[pages.length - 1]!.items).map((l) => l.text);
    expect(back[0]).toBe('出门前一分钟自查');
    expect(back.length).toBeGreaterThan(8);
    expect(squash(back.join(''))).toContain('衣服平整');
    expect(squash(back.join(''))).toContain('本手册由个人金融业务部编印，是本部门客户经理服务与礼仪的执行标准');
  });

  it("lists every chapter in the contents with the page where the chapter starts", () => {
    const entries = pageLines(pages[1]!.items)
      .map((l) => /^(\d+)\s*(.+?)[ .]*\.\s*(\d+)$/.exec(l.text))
      .filter((m) => m !== null);
    expect(entries.map((m) => m[2])).toEqual(bank.chapters.map((c) => c.title));
    for (const m of entries) {
      const chapter = bank.chapters[Number(m[1]) - 1]!;
      const page = Number(m[3]);
      const opener = bodyLines(pages[page - 1]!).map((l) => l.text);
      expect(opener.slice(0, 2), `chapter ${chapter.number} on page ${page}`).toEqual([`第 ${chapter.number} 章`, chapter.title]);
      // …and not on the page before.
      expect(bodyLines(pages[page - 2]!).map((l) => l.text)).not.toContain(`第 ${chapter.number} 章`);
    }
  });

  it('prints every norm, with its number, exactly once', () => {
    const text = squash(pages.map((p) => bodyLines(p).map((l) => l.text).join('')).join(''));
    expect(bank.norms.size).toBeGreaterThan(100);
    for (const n of bank.norms.values()) {
      const needle = squash(`${n.number}${n.text}`);
      const count = text.split(needle).length - 1;
      expect(count, `${n.id} (${n.number}) ${n.text}`).toBe(1);
    }
  });

  it('draws the banquet seating plan, car seating and the business-card handover', () => {
    const text = squash(pages.map((p) => p.items.map((i) => i.text).join('')).join(''));
    for (const caption of ['图中餐圆桌座次', '图轿车座次', '图递名片', '专职司机驾车', '主人亲自驾车']) expect(text).toContain(caption);
  });

  it('never ends a page with a heading', () => {
    const headings = new Set([
      ...bank.chapters.flatMap((c) => [c.title, `第 ${c.number} 章`]),
      ...bank.chapters.flatMap((c) => c.sections.map((s) => squash(`${s.number}${s.title}`))),
      '自查清单',
    ]);
    const quickTables = bank.chapters.flatMap((c) => c.sections.flatMap((s) => (s.table?.caption ? [s.table.caption] : [])));
    for (const [i, page] of pages.entries()) {
      const lines = bodyLines(page);
      if (!lines.length) continue;
      const last = squash(lines[lines.length - 1]!.text);
      expect(headings.has(last) || quickTables.includes(last), `page ${i + 1} ends with "${last}"`).toBe(false);
    }
  });

  it('puts the chapter name in the running head and the page number in the outer corner', () => {
    const page = pages.findIndex((p, i) => i > 3 && i % 2 === 0 && !bodyLines(p)[0]?.text.startsWith('第')); // an odd page, not an opener
    const p = pages[page]!;
    const head = p.items.filter((i) => i.y < 12 * MM);
    const foot = p.items.filter((i) => i.y > p.height - 12 * MM);
    const chapter = [...bank.chapters].reverse().find((c) => pages.slice(0, page + 1).some((q) => bodyLines(q)[0]?.text === `第 ${c.number} 章`))!;
    expect(head.map((i) => i.text).join('')).toBe(chapter.title);
    expect(foot.map((i) => i.text).join('')).toBe(String(page + 1));
    expect(foot[0]!.x).toBeGreaterThan(p.width / 2); // odd page: right-hand corner
    const even = pages[page + 1]!.items.filter((i) => i.y > p.height - 12 * MM);
    expect(even[0]!.x).toBeLessThan(p.width / 2);
  });

  it('writes the same bytes again (the date comes from the theme)', async () => {
    const again = mkdtempSync(join(tmpdir(), 'exampress-handbook-'));
    expect((await run('handbook', '--out', again)).code).toBe(0);
    expect(readFileSync(join(again, 'handbook.pdf')).equals(readFileSync(join(out, 'handbook.pdf')))).toBe(true);
  });

  it('imposes on A4 sheets, both sides, with every page on a sheet', () => {
    expect(sheets.length).toBe(2 * Math.ceil(pages.length / 8));
    for (const s of sheets) {
      expect(s.width).toBeCloseTo(595.28, 1);
      expect(s.height).toBeCloseTo(841.89, 1);
    }
  });
});

describe('exampress paper: the key cites the handbook', () => {
  it('points 见手册 x.y.z（第 n 页） at the page where norm x.y.z is printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exampress-key-'));
    const r = await run('paper', '--blueprint', 'bank/blueprints/standard.yaml', '--only', 'key', '--variants', '1', '--out', dir);
    expect(r.code).toBe(0);
    const key = await readPdf(readFileSync(join(dir, 'standard-A-key.pdf')));
    const text = squash(key.map((p) => pageLines(p.items).map((l) => l.text).join('')).join(''));
    const refs = [...text.matchAll(/(\d+\.\d+\.\d+)（第(\d+)页）/g)].map((m) => ({ number: m[1]!, page: Number(m[2]) }));
    expect(refs.length).toBeGreaterThan(20);
    for (const { number, page } of refs) {
      const norm = [...bank.norms.values()].find((n) => n.number === number)!;
      const body = squash(bodyLines(pages[page - 1]!).map((l) => l.text).join(''));
      expect(body, `norm ${number} on page ${page}`).toContain(squash(`${number}${norm.text.slice(0, 8)}`));
    }
  });
});
