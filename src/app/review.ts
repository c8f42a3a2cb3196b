// Deciding what scan could not: responses.csv in the output folder is the truth. A "?" cell is a
// mark still to decide; deciding one rewrites that cell only (temporary file, then rename), and
// only while it still reads "?" — a second tab that decided it first is not overwritten.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SheetGeometry } from '../documents/sheet.js';
import { formatCsv, parseCsv } from '../grading/csv.js';
import type { Doubt } from '../grading/read.js';
import { cropKey, type ReviewInput } from '../grading/review.js';
import { DOUBT, RESPONSE_FIXED_COLUMNS } from '../grading/sheets.js';
import { displayPath } from '../paths.js';
import { bubbleReading } from '../questions/registry.js';
import { writeFileAtomic } from './files.js';
import { RESPONSES_FILE } from './names.js';
import type { Problem } from './problem.js';
import { readGeometries, readManifestFile } from './scan.js';

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

export type Responses = { rows: string[][] } | { problem: Problem } | null;

export const responsesFile = (outDir: string) => join(outDir, RESPONSES_FILE);

/** responses.csv of `outDir`: its rows, the problem reading it, or null when there is none. */
export function readResponses(outDir: string): Responses {
  const file = responsesFile(outDir);
  if (!existsSync(file)) return null;
  const parsed = parseCsv(readFileSync(file, 'utf8'));
  if ('problem' in parsed) return { problem: { code: 'csv', severity: 'error', file: RESPONSES_FILE, line: parsed.line, col: 1, message: parsed.problem } };
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

/** A decision saved, or why not: `conflict` when someone else changed the file or the cell first. */
export type Decision = { saved: true } | { saved: false; conflict: boolean; problem: Problem };

const refused = (conflict: boolean, code: string, message: string, params: Problem['params']): Decision => ({ saved: false, conflict, problem: { code, severity: 'error', message, params } });

/** The answer when row `at.line` of responses.csv no longer holds the sheet the page showed. */
const staleRow = (at: { line: number; source: string }): Decision =>
  refused(true, 'responses-changed', `${RESPONSES_FILE} has changed (scanned again?): line ${at.line} no longer holds ${at.source}; reload the page`, { line: at.line, source: at.source });

/**
 * Reads responses.csv, lets `change` edit row `at.line` (with the header row beside it) if the
 * row still holds the sheet `at.source`, and writes the file back when the change was saved.
 */
function changeRow(outDir: string, at: { line: number; source: string }, change: (row: string[], header: readonly string[]) => Decision): Decision {
  const read = readResponses(outDir);
  if (!read) return refused(true, 'no-responses', `${RESPONSES_FILE} does not exist: upload the scanned sheets first`, {});
  if ('problem' in read) return { saved: false, conflict: false, problem: read.problem };
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
    if (now !== DOUBT) return refused(true, 'already-decided', `line ${at.line}, question ${at.question} was already decided as "${now}" (another page?); not overwritten`, { line: at.line, question: at.question, value: now });
    while (row.length <= col) row.push('');
    row[col] = value;
    return { saved: true };
  });
}

/** A candidate number typed in for a row whose number was read with "?" digits (or not at all). */
export function decideCandidate(outDir: string, at: { line: number; source: string }, value: string): Decision {
  return changeRow(outDir, at, (row) => {
    const now = row[0] ?? '';
    if (now !== '' && !now.includes(DOUBT)) return refused(true, 'candidate-decided', `the candidate number on line ${at.line} was already filled in as "${now}" (another page?); not overwritten`, { line: at.line, value: now });
    row[0] = value;
    return { saved: true };
  });
}

/** A "?" cell with what the page needs to decide it: the letters printed, whether one is the whole answer, the crop. */
export interface ReviewCell extends OpenCell {
  letters: string[];
  /** One mark is the whole answer (single choice, true/false): several letters record a double mark, scored 0. */
  oneAnswer: boolean;
  doubt?: Doubt & { source: string };
  crop?: string;
}

export interface ReviewState {
  /** The paper of the manifest, or why there is none. */
  paper: { title: string; file: string } | { problem: Problem };
  problems: Problem[];
  hasResponses: boolean;
  responsesProblem?: Problem;
  cells: ReviewCell[];
  candidates: { line: number; candidate: string; source: string; crops: string[] }[];
}

/** The letters printed for question `question` of `variant`, and whether one of them is the whole answer. */
export function printedLetters(geometries: readonly SheetGeometry[], variant: string | undefined, question: number): { letters: string[]; oneAnswer: boolean } {
  const q = geometries.find((g) => g.paper.variant === variant)?.questions.find((x) => x.number === question);
  return { letters: q?.bubbles.map((b) => b.letter) ?? [], oneAnswer: q ? bubbleReading(q.type).single : true };
}

/** What is left to decide in `outDir`'s responses.csv for the paper of `manifestFile`, with the last scan's crops. */
export function reviewState(outDir: string, manifestFile: string, review?: ReviewInput): ReviewState {
  const empty = { problems: [], hasResponses: false, cells: [], candidates: [] };
  const manifest = readManifestFile(manifestFile);
  if (!manifest.ok) return { ...empty, paper: { problem: manifest.problems[0]! } };
  const geo = readGeometries(manifestFile, manifest.manifest);
  const geometries = geo.ok ? geo.geometries : [];
  const state: ReviewState = { ...empty, paper: { title: manifest.manifest.blueprint.content.title, file: displayPath(manifestFile) }, problems: geo.ok ? [] : geo.problems };
  const read = readResponses(outDir);
  if (read && 'problem' in read) state.responsesProblem = read.problem;
  if (!read || !('rows' in read)) return state;
  state.hasResponses = true;
  const sheetOf = (source: string) => review?.sheets.find((s) => s.sources.join(' ') === source);
  state.candidates = openCandidates(read.rows).map((c) => {
    const crops = (sheetOf(c.source)?.doubts ?? []).filter((d) => typeof d.number === 'string').flatMap((d) => review?.crops.get(cropKey(d.source, d.number)) ?? []);
    return { ...c, crops };
  });
  state.cells = openCells(read.rows).map((cell): ReviewCell => {
    const doubt = sheetOf(cell.source)?.doubts.find((d) => d.number === cell.question);
    const crop = doubt && review?.crops.get(cropKey(doubt.source, doubt.number));
    return { ...cell, ...printedLetters(geometries, cell.variant, cell.question), ...(doubt ? { doubt } : {}), ...(crop ? { crop } : {}) };
  });
  return state;
}
