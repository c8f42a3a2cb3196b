// The 阅卷 page's state on disk: responses.csv in the output folder is the truth. A "?" cell is
// a mark still to decide; deciding one rewrites that cell only (temporary file, then rename), and
// only while it still reads "?" — a second tab that decided it first is not overwritten.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv, parseCsv } from '../grading/csv.js';
import { DOUBT, RESPONSE_FIXED_COLUMNS } from '../grading/sheets.js';
import { writeFileAtomic } from '../cli/files.js';
import { RESPONSES_FILE } from '../cli/commands/scan.js';

export interface OpenCell {
  /** Line of responses.csv (1 = header). */
  line: number;
  candidate: string;
  name: string;
  variant: string;
  source: string;
  /** Question number. */
  question: number;
}

export type Responses = { rows: string[][] } | { problem: string } | null;

export const responsesFile = (outDir: string) => join(outDir, RESPONSES_FILE);

export function readResponses(outDir: string): Responses {
  const file = responsesFile(outDir);
  if (!existsSync(file)) return null;
  const parsed = parseCsv(readFileSync(file, 'utf8'));
  if ('problem' in parsed) return { problem: `${RESPONSES_FILE}:${parsed.line}:1 error csv: ${parsed.problem}` };
  return { rows: parsed.rows };
}

const FIXED = RESPONSE_FIXED_COLUMNS.length;

/** Every "?" answer cell, in file order. */
export function openCells(rows: readonly string[][]): OpenCell[] {
  const header = rows[0] ?? [];
  const out: OpenCell[] = [];
  rows.slice(1).forEach((r, i) => {
    for (let c = FIXED; c < r.length; c++) {
      if (r[c]!.trim() !== DOUBT) continue;
      out.push({ line: i + 2, candidate: r[0] ?? '', name: r[1] ?? '', variant: r[2] ?? '', source: r[3] ?? '', question: Number(header[c] ?? c - FIXED + 1) });
    }
  });
  return out;
}

/** Rows whose candidate number has "?" digits, or that have neither number nor name. */
export function openCandidates(rows: readonly string[][]): { line: number; candidate: string; source: string }[] {
  return rows.slice(1).flatMap((r, i) => ((r[0] ?? '').includes(DOUBT) || ((r[0] ?? '') === '' && (r[1] ?? '') === '') ? [{ line: i + 2, candidate: r[0] ?? '', source: r[3] ?? '' }] : []));
}

export type Decision = { saved: true } | { saved: false; conflict: boolean; message: string };

/** The answer when row `at.line` of responses.csv no longer holds the sheet the page showed. */
const staleRow = (at: { line: number; source: string }): Decision => ({
  saved: false,
  conflict: true,
  message: `${RESPONSES_FILE} 已经改变（重新扫描过？）：第 ${at.line} 行不再是 ${at.source}。请刷新本页。`,
});

/**
 * Reads responses.csv, lets `change` edit row `at.line` (with the header row beside it) if the
 * row still holds the sheet `at.source`, and writes the file back when the change was saved.
 */
function changeRow(outDir: string, at: { line: number; source: string }, change: (row: string[], header: readonly string[]) => Decision): Decision {
  const read = readResponses(outDir);
  if (!read) return { saved: false, conflict: true, message: `${RESPONSES_FILE} 不存在：请先上传答题卡扫描件。` };
  if ('problem' in read) return { saved: false, conflict: false, message: read.problem };
  const rows = read.rows.map((r) => [...r]);
  const row = rows[at.line - 1];
  if (!row || at.line < 2 || row[3] !== at.source) return staleRow(at);
  const decision = change(row, rows[0] ?? []);
  if (decision.saved) writeFileAtomic(responsesFile(outDir), formatCsv(rows), { force: true });
  return decision;
}

/** Letters (as printed on the sheet, upper case) or "" for blank, into one "?" cell. */
export function decideCell(outDir: string, at: { line: number; question: number; source: string }, value: string): Decision {
  return changeRow(outDir, at, (row, header) => {
    const col = header.indexOf(String(at.question));
    if (col < FIXED) return staleRow(at);
    const now = (row[col] ?? '').trim();
    if (now !== DOUBT) return { saved: false, conflict: true, message: `第 ${at.line} 行第 ${at.question} 题已被决定为「${now || '空白'}」（另一个页面？），未覆盖。` };
    while (row.length <= col) row.push('');
    row[col] = value;
    return { saved: true };
  });
}

/** A candidate number typed in for a row whose number was read with "?" digits (or not at all). */
export function decideCandidate(outDir: string, at: { line: number; source: string }, value: string): Decision {
  return changeRow(outDir, at, (row) => {
    const now = row[0] ?? '';
    if (now !== '' && !now.includes(DOUBT)) return { saved: false, conflict: true, message: `第 ${at.line} 行的考号已被填为「${now}」（另一个页面？），未覆盖。` };
    row[0] = value;
    return { saved: true };
  });
}
