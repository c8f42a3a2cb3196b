// responses.csv + manifest → points per question, section and candidate, with the blueprint's
// rules: single and judge all or nothing; multiple all or nothing, or partialCredit for a
// correct subset (any wrong letter: zero); fill-in typed answers matched against "两|2".
import type { Manifest, ManifestVariant } from '../assemble/manifest.js';
import type { QuestionType } from '../bank/schema.js';
import { questionType } from '../questions/registry.js';
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

const round2 = (v: number) => Math.round(v * 100) / 100;

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
        const type = questionType(s.type);
        // A "?" among letters is a mark to decide; in typed text it may be the candidate's own.
        if (text === DOUBT || (type.sheet.kind === 'bubbles' && text.includes(DOUBT))) {
          problems.push({ line, message: `question ${number} is still "?"; decide it with review.html and type the letters in` });
          continue;
        }
        // Without a shuffle the manifest does not say how many options there were: A-H then.
        const options = q.order ? q.order.length : 8;
        const read = type.readResponse(text, options);
        if ('problem' in read) {
          problems.push({ line, message: `question ${number}: ${read.problem}` });
          continue;
        }
        const earned = type.score(read.value, q.answer, q.points, type.partialCredit ? partialOf(s.type) : undefined);
        sec.earned = round2(sec.earned + earned);
        const key = type.keyText(q.answer, q.order);
        result.items.push({ id: q.id, number, type: s.type, points: q.points, earned, correct: earned >= q.points - 1e-9, response: read.value, original: type.originalResponse(read.value, q.order), key, ...(q.order ? { optionCount: q.order.length } : {}) });
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
