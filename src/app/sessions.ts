// A grading session: the sheets of one printed paper read so far, kept beside its manifest
// (responses.csv, the truth with every human decision, and session.json, what scan read). A
// session grows: sheets scanned later are added, a sheet scanned twice is counted once, and two
// different sheets claiming the same candidate are a question for a person, never two scores.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv, parseCsv } from '../grading/csv.js';
import { DOUBT, RESPONSE_FIXED_COLUMNS, type SheetRecord } from '../grading/sheets.js';
import type { Problem } from './problem.js';
import { RESPONSES_FILE } from './names.js';

export const SESSION_FILE = 'session.json';

/** What scan read of one sheet: its place in responses.csv is its line. */
export interface SessionSheet {
  /** The scans it was read from ("scans/batch1.pdf#3"). */
  sources: string[];
  variant: string;
  /** As read (QR for roster sheets, the grid otherwise); "" or with "?" when unknown. */
  candidate: string;
  /** Question numbers scan could not decide (the cells it wrote "?"). */
  doubts: number[];
  /** The answer cells as scan read them, to tell a second scan of the same sheet from another sheet. */
  cells: string[];
}

export interface SessionState {
  sheets: SessionSheet[];
}

interface SessionFile extends SessionState {
  format: 1;
}

export function readSession(dir: string): { state: SessionState; rows: string[][] | null; problem?: Problem } {
  const file = join(dir, RESPONSES_FILE);
  let rows: string[][] | null = null;
  if (existsSync(file)) {
    const parsed = parseCsv(readFileSync(file, 'utf8'));
    if ('problem' in parsed) return { state: { sheets: [] }, rows: null, problem: { code: 'csv', severity: 'error', file, line: parsed.line, col: 1, message: parsed.problem } };
    rows = parsed.rows;
  }
  let state: SessionState | undefined;
  try {
    const s = JSON.parse(readFileSync(join(dir, SESSION_FILE), 'utf8')) as SessionFile;
    if (s.format === 1 && Array.isArray(s.sheets) && s.sheets.length === (rows?.length ?? 1) - 1) state = { sheets: s.sheets };
  } catch {
    // no session yet
  }
  // responses.csv written before sessions (or edited by hand): its rows say what the sheets are.
  state ??= { sheets: (rows ?? []).slice(1).map((r) => ({ sources: (r[3] ?? '').split(' ').filter(Boolean), variant: r[2] ?? '', candidate: r[0] ?? '', doubts: [], cells: r.slice(RESPONSE_FIXED_COLUMNS.length) })) };
  return { state, rows };
}

export const sessionText = (state: SessionState) => `${JSON.stringify({ format: 1, sheets: state.sheets } satisfies SessionFile, null, 2)}\n`;

/** How many cells scan left "?" that a person has decided since (replacing the session would lose them). */
export function decisionsIn(state: SessionState, rows: readonly string[][] | null): number {
  if (!rows) return 0;
  const header = rows[0] ?? [];
  let n = 0;
  state.sheets.forEach((s, i) => {
    const row = rows[i + 1];
    if (!row) return;
    for (const q of s.doubts) {
      const col = header.indexOf(String(q));
      if (col >= 0 && (row[col] ?? '').trim() !== DOUBT) n++;
    }
    if ((s.candidate === '' || s.candidate.includes(DOUBT)) && row[0] && !row[0].includes(DOUBT)) n++;
  });
  return n;
}

/** One sheet's identity for counting it once: its variant and candidate, when the candidate is known. */
const identity = (variant: string, candidate: string) => (candidate === '' || candidate.includes(DOUBT) ? undefined : `${variant}|${candidate}`);

export interface Merged {
  state: SessionState;
  rows: string[][];
  added: number;
  problems: Problem[];
}

/**
 * The session with `sheets` (just read) added: a sheet already in it (the same scan again, or the
 * same candidate's sheet with the same marks) is counted once and named; the same candidate with
 * other marks marks both rows' candidate number with "?" for a person to decide.
 */
export function mergeSheets(before: { state: SessionState; rows: string[][] | null }, sheets: readonly SheetRecord[], header: readonly string[]): Merged {
  const rows: string[][] = before.rows ? before.rows.map((r) => [...r]) : [[...header]];
  if (rows[0]!.length < header.length) rows[0] = [...header];
  const state: SessionState = { sheets: [...before.state.sheets] };
  const problems: Problem[] = [];
  const n = header.length - RESPONSE_FIXED_COLUMNS.length;
  let added = 0;
  for (const sheet of sheets) {
    const cells = Array.from({ length: n }, (_, i) => sheet.cells.get(i + 1) ?? '');
    const sources = sheet.sources.join(' ');
    const id = identity(sheet.variant, sheet.candidateId);
    const sameScan = state.sheets.findIndex((s) => s.sources.join(' ') === sources);
    const sameSheet = id === undefined ? -1 : state.sheets.findIndex((s) => identity(s.variant, s.candidate) === id);
    const earlier = sameScan >= 0 ? sameScan : sameSheet >= 0 && state.sheets[sameSheet]!.cells.join('\u0000') === cells.join('\u0000') ? sameSheet : -1;
    if (earlier >= 0) {
      const was = state.sheets[earlier]!.sources.join(' ');
      problems.push({ code: 'duplicate-sheet', severity: 'warning', params: { source: sources, earlier: was, line: earlier + 2 }, message: `${sources}: the same sheet as ${was} (responses.csv line ${earlier + 2}); counted once` });
      continue;
    }
    const row = [sheet.candidateId, sheet.name, sheet.variant, sources, ...cells];
    if (sameSheet >= 0) {
      const other = state.sheets[sameSheet]!;
      const line = sameSheet + 2;
      const mark = (v: string) => (v.includes(DOUBT) ? v : `${v}${DOUBT}`);
      rows[line - 1]![0] = mark(rows[line - 1]![0] ?? sheet.candidateId);
      row[0] = mark(sheet.candidateId);
      problems.push({
        code: 'conflicting-sheets',
        severity: 'warning',
        params: { source: sources, other: other.sources.join(' '), candidate: sheet.candidateId, line },
        message: `${sources} and ${other.sources.join(' ')} (line ${line}) are both candidate ${sheet.candidateId}'s sheet, with different marks: decide whose each is (their candidate numbers are "?" until then)`,
      });
    }
    rows.push(row);
    state.sheets.push({ sources: sheet.sources, variant: sheet.variant, candidate: sheet.candidateId, doubts: [...sheet.cells].filter(([, v]) => v === DOUBT).map(([q]) => q), cells });
    added++;
  }
  return { state, rows, added, problems };
}

export const responsesText = (rows: readonly string[][]) => formatCsv(rows);
