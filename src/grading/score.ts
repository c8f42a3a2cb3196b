// responses.csv + manifest → points per question, section and candidate, with the blueprint's
// rules: single and judge all or nothing; multiple all or nothing, or partialCredit for a
// correct subset (any wrong letter: zero); fill-in typed answers matched against "两|2".
import type { Manifest, ManifestQuestion, ManifestVariant } from '../assemble/manifest.js';
import type { QuestionType } from '../bank/schema.js';
import { DOUBT, RESPONSE_FIXED_COLUMNS } from './sheets.js';

export interface ItemResult {
  id: string;
  number: number;
  type: QuestionType;
  points: number;
  earned: number;
  /** Full points. */
  correct: boolean;
  /** As printed on the candidate's paper ("AC", "T", fill text). */
  response: string;
  /** Choice letters in the bank's own option order (before shuffling), for distractor analysis. */
  original: string;
  /** The key in the bank's own option order ("T"/"F" for judge). */
  key: string;
  /** Options printed, when the manifest records them (shuffled papers). */
  optionCount?: number;
}

export interface CandidateResult {
  candidate: string;
  name: string;
  variant: string;
  /** 1-based line in responses.csv. */
  line: number;
  total: number;
  max: number;
  sections: { title: string; type: QuestionType; earned: number; max: number }[];
  items: ItemResult[];
}

export interface GradeProblem {
  line: number;
  message: string;
}

const JUDGE: Record<string, 'T' | 'F'> = { T: 'T', F: 'F', TRUE: 'T', FALSE: 'F', '对': 'T', '错': 'F', '√': 'T', '✓': 'T', '×': 'F', '✗': 'F', Y: 'T', N: 'F' };

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Normalises a typed answer for comparison: width-folded, spaces removed, case-folded. */
function normalFill(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

function originalLetters(printed: string, order: string | undefined): string {
  if (!order) return printed;
  return [...printed].map((l) => order[l.charCodeAt(0) - 65] ?? l).sort().join('');
}

/** Reads one cell for one question: the normalised response, or a problem. */
function readCell(cell: string, type: QuestionType, options: number): { value: string } | { problem: string } {
  const raw = cell.trim();
  if (type === 'fill') return { value: raw };
  if (raw === '') return { value: '' };
  if (type === 'judge') {
    const v = JUDGE[raw.toUpperCase()];
    return v ? { value: v } : { problem: `"${raw}" is not a true/false answer (T or F)` };
  }
  const letters = [...new Set(raw.toUpperCase().replace(/[\s,，、]/g, ''))].sort();
  const allowed = 'ABCDEFGH'.slice(0, options);
  const bad = letters.filter((l) => !allowed.includes(l));
  if (bad.length) return { problem: `"${raw}" has letter(s) ${bad.join('')} but the question has options ${allowed}` };
  if (type === 'single' && letters.length > 1) return { problem: `"${raw}": a single-choice question takes one letter` };
  return { value: letters.join('') };
}

function scoreItem(q: ManifestQuestion, type: QuestionType, value: string, partial: number | undefined): number {
  if (type === 'judge') return value !== '' && (value === 'T') === (q.answer === true) ? q.points : 0;
  if (type === 'fill') {
    const blanks = Array.isArray(q.answer) ? q.answer : [String(q.answer)];
    const given = value.split(/[;；]/);
    const right = blanks.filter((alts, i) => {
      const g = normalFill(given[i] ?? '');
      return g !== '' && alts.split('|').some((a) => normalFill(a) === g);
    }).length;
    return round2((q.points * right) / blanks.length);
  }
  const key = String(q.answer);
  if (value === key) return q.points;
  if (type === 'multiple' && partial !== undefined && value !== '' && [...value].every((l) => key.includes(l))) return partial;
  return 0;
}

/** Scores every row of responses.csv; any "?" left or unreadable cell is a problem, nothing scored then. */
export function scoreResponses(rows: readonly string[][], manifest: Manifest): { results: CandidateResult[]; problems: GradeProblem[] } {
  const problems: GradeProblem[] = [];
  const header = rows[0] ?? [];
  const fixed = RESPONSE_FIXED_COLUMNS.map((c) => header.indexOf(c));
  if (fixed[0]! < 0 || fixed[2]! < 0) return { results: [], problems: [{ line: 1, message: `the first line must name the columns ${RESPONSE_FIXED_COLUMNS.join(',')},1,2,… (as exampress scan writes it)` }] };
  const column = new Map<number, number>();
  header.forEach((h, i) => {
    if (/^\d+$/.test(h)) column.set(Number(h), i);
  });
  const byLabel = new Map(manifest.variants.map((v) => [v.label, v]));
  const partialOf = (type: QuestionType) => manifest.blueprint.content.sections.find((s) => s.type === type)?.partialCredit;
  const results: CandidateResult[] = [];
  rows.slice(1).forEach((row, ri) => {
    const line = ri + 2;
    const cell = (i: number) => (i >= 0 ? (row[i] ?? '').trim() : '');
    const label = cell(fixed[2]!);
    const variant: ManifestVariant | undefined = byLabel.get(label) ?? (manifest.variants.length === 1 && label === '' ? manifest.variants[0] : undefined);
    if (!variant) {
      problems.push({ line, message: `variant "${label}" is not in the manifest (it has ${[...byLabel.keys()].join(', ')})` });
      return;
    }
    const candidate = cell(fixed[0]!);
    if (candidate.includes(DOUBT)) problems.push({ line, message: `candidate number "${candidate}" still has "?" digits; read them off the sheet (review.html)` });
    else if (candidate === '' && cell(fixed[1]!) === '') problems.push({ line, message: 'no candidate number and no name: type one in, so the score belongs to someone' });
    const result: CandidateResult = { candidate: cell(fixed[0]!), name: cell(fixed[1]!), variant: variant.label, line, total: 0, max: 0, sections: [], items: [] };
    let number = 0;
    for (const s of variant.sections) {
      const sec = { title: s.title, type: s.type, earned: 0, max: 0 };
      for (const q of s.questions) {
        number++;
        const col = column.get(number);
        const text = col === undefined ? '' : cell(col);
        sec.max += q.points;
        if (text === DOUBT || (s.type !== 'fill' && text.includes(DOUBT))) {
          problems.push({ line, message: `question ${number} is still "?"; decide it with review.html and type the letters in` });
          continue;
        }
        // Without a shuffle the manifest does not say how many options there were: A-H then.
        const options = q.order ? q.order.length : 8;
        const read = readCell(text, s.type, s.type === 'judge' ? 2 : options);
        if ('problem' in read) {
          problems.push({ line, message: `question ${number}: ${read.problem}` });
          continue;
        }
        const earned = scoreItem(q, s.type, read.value, s.type === 'multiple' ? partialOf('multiple') : undefined);
        sec.earned = round2(sec.earned + earned);
        const key = s.type === 'judge' ? (q.answer === true ? 'T' : 'F') : s.type === 'fill' ? (Array.isArray(q.answer) ? q.answer.join(';') : String(q.answer)) : originalLetters(String(q.answer), q.order);
        result.items.push({ id: q.id, number, type: s.type, points: q.points, earned, correct: earned >= q.points - 1e-9, response: read.value, original: s.type === 'single' || s.type === 'multiple' ? originalLetters(read.value, q.order) : read.value, key, ...(q.order ? { optionCount: q.order.length } : {}) });
      }
      result.sections.push(sec);
      result.total = round2(result.total + sec.earned);
      result.max = round2(result.max + sec.max);
    }
    results.push(result);
  });
  if (!rows.slice(1).length) problems.push({ line: 1, message: 'no candidates: the file has only its header line' });
  return { results, problems };
}
