// Content rules a training department signs off on: no fact tested over and over, no
// multiple-choice item a candidate can solve by elimination, sources that name a document,
// number ranges in the house style, and enemy references that point at real questions.
import { questionType } from '../questions/registry.js';
import type { Bank, Norm, Problem, Question } from './schema.js';

export interface ContentLintOptions {
  /** A norm cited by more questions than this is tested too often (default 2). */
  maxQuestionsPerNorm?: number;
}

export const DEFAULT_MAX_QUESTIONS_PER_NORM = 2;

/**
 * A number range not in the house style: digits joined by a hyphen, dash, tilde or 至/到.
 * The house style (GB/T 15834, 浪纹式连接号) is the full-width wave dash: `15～20`, `30%～50%`.
 */
const RANGE = /(\d+(?:\.\d+)?[%％]?)\s*(?:-|‐|‑|–|—|~|〜|至|到)\s*(\d+)/g;

/** A document named the Chinese way, in title marks: 《…》. */
const DOCUMENT = /《[^《》]+》/;

function at(q: Question, rule: string, message: string, severity: Problem['severity'] = 'warning'): Problem {
  return { severity, file: q.loc.file, line: q.loc.line, col: q.loc.col, id: q.id, rule, message };
}

function atNorm(n: Norm, rule: string, message: string): Problem {
  return { severity: 'warning', file: n.loc.file, line: n.loc.line, col: n.loc.col, id: n.id, rule, message };
}

/** Norms cited by more than `max` questions: the same fact examined again and again. */
function overtestedNorms(bank: Bank, max: number): Problem[] {
  const citedBy = new Map<string, string[]>();
  for (const q of bank.questions) for (const n of new Set(q.norms)) (citedBy.get(n) ?? citedBy.set(n, []).get(n)!).push(q.id);
  const out: Problem[] = [];
  for (const [id, qs] of citedBy) {
    const norm = bank.norms.get(id);
    if (norm && qs.length > max) {
      out.push(atNorm(norm, 'norm-overtested', `tested by ${qs.length} questions (${qs.join(', ')}), more than ${max}; point some at other norms or drop them`));
    }
  }
  return out;
}

/** Multiple-choice items with a single wrong option: candidates learn to tick all but one. */
function oneWrongOption(q: Question): Problem[] {
  const model = questionType(q.type).model;
  if (model.kind !== 'choice' || model.exclusive || typeof q.answer !== 'string' || !q.options) return [];
  const wrong = q.options.length - new Set(q.answer).size;
  return wrong === 1 ? [at(q, 'one-wrong-option', `only one of the ${q.options.length} options is wrong; candidates learn to tick all but one: add a second plausible wrong option`)] : [];
}

/** A source must say where the fact is: a document by its title in 《》. */
function sourceNamesDocument(q: Question): Problem[] {
  return DOCUMENT.test(q.source) ? [] : [at(q, 'source-no-document', `source "${q.source}" names no document; write its title in 《》, e.g. 《客户经理服务礼仪手册》`)];
}

/** Every range in `text` written otherwise than `15～20`. */
export function offStyleRanges(text: string): string[] {
  return [...text.matchAll(RANGE)].map((m) => m[0]);
}

function rangeMessage(found: string[]): string {
  const fixed = found.map((r) => r.replace(/\s*(?:-|‐|‑|–|—|~|〜|至|到)\s*/, '～'));
  return `number range ${found.map((r) => `"${r}"`).join(', ')} is not in the house style; write ${fixed.map((r) => `"${r}"`).join(', ')} (full-width ～, GB/T 15834)`;
}

function questionRanges(q: Question): Problem[] {
  // A fill answer may accept other spellings after the first: only the printed one is held.
  const answer = Array.isArray(q.answer) ? q.answer.map((a) => a.split('|')[0] ?? '') : [];
  const found = [q.stem, q.explanation, ...(q.options ?? []), ...answer].flatMap(offStyleRanges);
  return found.length ? [at(q, 'number-range', rangeMessage(found))] : [];
}

function handbookRanges(bank: Bank): Problem[] {
  const out: Problem[] = [];
  for (const ch of bank.chapters) {
    for (const s of ch.sections) {
      const sectionTexts = [s.title, s.intro ?? '', ...(s.checklist ?? []), ...(s.table ? [s.table.caption ?? '', ...s.table.header, ...s.table.rows.flat()] : [])];
      const inSection = sectionTexts.flatMap(offStyleRanges);
      if (inSection.length) out.push({ severity: 'warning', file: s.loc.file, line: s.loc.line, col: s.loc.col, id: s.id, rule: 'number-range', message: rangeMessage(inSection) });
      for (const n of s.norms) {
        const found = offStyleRanges(n.text);
        if (found.length) out.push(atNorm(n, 'number-range', rangeMessage(found)));
      }
    }
    const inChapter = [ch.title, ch.intro ?? ''].flatMap(offStyleRanges);
    if (inChapter.length) out.push({ severity: 'warning', file: ch.loc.file, line: ch.loc.line, col: ch.loc.col, id: ch.id, rule: 'number-range', message: rangeMessage(inChapter) });
  }
  return out;
}

/** `enemies:` must name other questions of the bank. */
function enemyReferences(bank: Bank): Problem[] {
  const ids = new Set(bank.questions.map((q) => q.id));
  return bank.questions.flatMap((q) =>
    (q.enemies ?? []).flatMap((e) =>
      e === q.id
        ? [at(q, 'unknown-enemy', `enemies names the question itself (${e}); list the questions that give this one away`, 'error')]
        : ids.has(e)
          ? []
          : [at(q, 'unknown-enemy', `enemies names ${e}, which is not a question of the bank`, 'error')],
    ),
  );
}

/** Every content problem of a loaded bank (unsorted; lintBank sorts). */
export function contentProblems(bank: Bank, options: ContentLintOptions = {}): Problem[] {
  const max = options.maxQuestionsPerNorm ?? DEFAULT_MAX_QUESTIONS_PER_NORM;
  return [
    ...overtestedNorms(bank, max),
    ...bank.questions.flatMap((q) => [...oneWrongOption(q), ...sourceNamesDocument(q), ...questionRanges(q)]),
    ...handbookRanges(bank),
    ...enemyReferences(bank),
  ];
}
