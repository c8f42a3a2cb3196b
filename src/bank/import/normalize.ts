// Stems as a reader compares them, and the few rewrites the importer makes to a stem: the
// answer bracket becomes "( )", a filled-in bracket becomes a ___ blank.
import { collapseSpaces, parseJudge, parseLetters, stripNumbering } from './text.js';

/** A bracket group (half- or full-width), without nested brackets. */
export const BRACKET = /[(（]([^()（）]*)[)）]/g;

/** Bracket contents that annotate the stem rather than answer it: "(含)", "(单选)", "(2分)". */
export function isAnnotation(content: string): boolean {
  const t = content.replace(/\s/g, '');
  return /^(含|不含|下同|单选|多选|判断|填空|单选题|多选题|\d+(\.\d+)?分)$/.test(t);
}

/**
 * The key two stems share when they are the same question: numbering, bracket contents,
 * blanks, punctuation and spaces removed, half-width, lower case. "必须(调离原岗位)。" and
 * "必须( )。" have the same key, so a filled-in copy is found as a duplicate of its twin.
 */
export function normalizeStem(stem: string): string {
  return stripNumbering(stem)
    .replace(BRACKET, '')
    .replace(/_{2,}/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The non-annotation bracket groups of a stem, in order, with their trimmed contents. */
export function answerBrackets(stem: string): string[] {
  const out: string[] = [];
  for (const m of stem.matchAll(BRACKET)) {
    const content = m[1]!.trim();
    if (!isAnnotation(content)) out.push(content);
  }
  return out;
}

/**
 * Tidies a choice or judge stem: numbering stripped, spaces collapsed, and every bracket that
 * is empty or holds the answer (letters, √/×, or one of `answers`) written "( )".
 */
export function tidyChoiceStem(stem: string, answers: readonly string[] = []): string {
  const known = new Set(answers.map(squash));
  const s = stripNumbering(collapseSpaces(stem)).replace(BRACKET, (whole, content: string) => {
    const c = content.trim();
    if (c === '' || parseLetters(c) !== undefined || parseJudge(c) !== undefined || known.has(squash(c))) return '( )';
    return whole;
  });
  return s.trim();
}

/** Turns each answer bracket "(调离原岗位)" into a ___ blank; returns the stem and the answers. */
export function bracketsToBlanks(stem: string): { stem: string; answers: string[] } {
  const answers: string[] = [];
  const s = stripNumbering(collapseSpaces(stem)).replace(BRACKET, (whole, content: string) => {
    const c = content.trim();
    if (c === '' || isAnnotation(c)) return whole;
    answers.push(c);
    return '___';
  });
  return { stem: s.trim(), answers };
}

/** Answer texts compared loosely: width, spaces and the kind of comma do not matter. */
export function squash(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[,、;]/g, ',')
    // A number range is the same range however its dash is written (15-20, 15～20, 15至20).
    .replace(/(\d%?)(?:-|‐|‑|–|—|~|〜|至|到)(\d)/g, '$1~$2')
    .replace(/[。.]$/, '');
}
