// Pages → sheets → rows of responses.csv: pages of one candidate's sheet are joined (by the QR's
// candidate, or for anonymous sheets page n follows its page 1), doubtful marks become "?" cells,
// and unreadable pages and incomplete sheets stay listed with the reason.
import type { Manifest } from '../assemble/manifest.js';
import type { Doubt, PageReading } from './read.js';

export interface ScannedPage {
  /** "scans/batch1.pdf#3" or "scans/0001.png". */
  source: string;
  reading: PageReading;
}

export interface UnreadablePage {
  source: string;
  problem: string;
}

export interface SheetRecord {
  variant: string;
  candidateId: string;
  name: string;
  sources: string[];
  /** Question number → cell: letters, "" blank, "?" to decide in review. */
  cells: Map<number, string>;
  doubts: (Doubt & { source: string })[];
  /** Sheet-level problems (a page missing, the candidate number unread). */
  problems: string[];
}

export const RESPONSE_FIXED_COLUMNS = ['candidate', 'name', 'variant', 'source'] as const;
export const DOUBT = '?';

export function combinePages(pages: readonly ScannedPage[]): { sheets: SheetRecord[]; unreadable: UnreadablePage[] } {
  const sheets: (SheetRecord & { prefix: string; pages: Map<number, PageReading> ; pagesExpected: number; anonymous: boolean })[] = [];
  const unreadable: UnreadablePage[] = [];
  for (const p of pages) {
    const r = p.reading;
    const prefix = r.qr.slice(0, r.qr.lastIndexOf(':'));
    const anonymous = !r.geometry.paper.candidate;
    let sheet = r.page === 1 && anonymous ? undefined : [...sheets].reverse().find((s) => s.prefix === prefix && !s.pages.has(r.page));
    if (!sheet) {
      if (r.page !== 1 && anonymous) {
        unreadable.push({ source: p.source, problem: `page ${r.page} of variant ${r.geometry.paper.variant} with no page 1 before it; scan each sheet's pages together, page 1 first` });
        continue;
      }
      const candidate = r.geometry.paper.candidate;
      sheet = { prefix, pages: new Map(), pagesExpected: r.geometry.pages, anonymous, variant: r.geometry.paper.variant, candidateId: candidate?.id ?? '', name: candidate?.name ?? '', sources: [], cells: new Map(), doubts: [], problems: [] };
      sheets.push(sheet);
    }
    sheet.pages.set(r.page, r);
    sheet.sources.push(p.source);
    if (r.page === 1 && anonymous) sheet.candidateId = r.candidateId;
    for (const [n, v] of r.answers) sheet.cells.set(n, v === null ? DOUBT : v);
    sheet.doubts.push(...r.doubts.map((d) => ({ ...d, source: p.source })));
  }
  for (const s of sheets) {
    for (let n = 1; n <= s.pagesExpected; n++) {
      if (s.pages.has(n)) continue;
      s.problems.push(`page ${n} of ${s.pagesExpected} was not among the scans; its questions are "?"`);
      const geometry = s.pages.values().next().value!.geometry;
      for (const q of geometry.questions) if (q.page === n) s.cells.set(q.number, DOUBT);
    }
    if (s.anonymous && (s.candidateId === '' || s.candidateId.includes(DOUBT))) s.problems.push(s.candidateId === '' ? 'no candidate number filled in; type it into responses.csv' : `candidate number read as ${s.candidateId}: decide the "?" digits`);
  }
  return { sheets: sheets.map(({ prefix: _p, pages: _pg, pagesExpected: _e, anonymous: _a, ...rest }) => rest), unreadable };
}

/** The number of question columns: the largest variant. */
export function questionCount(manifest: Manifest): number {
  return Math.max(...manifest.variants.map((v) => v.sections.reduce((n, s) => n + s.questions.length, 0)));
}

export function responseRows(sheets: readonly SheetRecord[], manifest: Manifest): string[][] {
  const n = questionCount(manifest);
  const header = [...RESPONSE_FIXED_COLUMNS, ...Array.from({ length: n }, (_, i) => String(i + 1))];
  return [header, ...sheets.map((s) => [s.candidateId, s.name, s.variant, s.sources.join(' '), ...Array.from({ length: n }, (_, i) => s.cells.get(i + 1) ?? '')])];
}
