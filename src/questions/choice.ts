// What the choice types (single, multiple) share: letters over options, read and scored.
import { z } from 'zod';
import type { QuestionFields, ReadResponse, TypeProblem } from './types.js';

export const LETTERS = 'ABCDEFGH';

export const choiceAnswer = z.string().regex(/^[A-H]{1,8}$/, 'choice answers are option letters, e.g. B or ABD');

/** Letters in the bank's own option order, sorted: `order[i]` is the original letter printed at position i. */
export function originalLetters(printed: string, order: string | undefined): string {
  if (!order) return printed;
  return [...printed].map((l) => order[l.charCodeAt(0) - 65] ?? l).sort().join('');
}

/** How a reviewer writes "the candidate left it blank" when an empty cell might look forgotten. */
export const EXPLICIT_BLANK = /^(-|—|空|空白|blank|none)$/i;

/**
 * A cell of letters: spaces and commas dropped, upper case, each letter once, sorted; letters
 * beyond the options are a problem. Two letters on a one-answer question are what the candidate
 * marked (a double mark, scored 0), so they are read as written.
 */
export function readLetters(cell: string, optionCount: number): ReadResponse {
  const raw = cell.trim();
  if (raw === '' || EXPLICIT_BLANK.test(raw)) return { value: '' };
  const letters = [...new Set(raw.toUpperCase().replace(/[\s,，、]/g, ''))].sort();
  const allowed = LETTERS.slice(0, optionCount);
  const bad = letters.filter((l) => !allowed.includes(l));
  if (bad.length) return { problem: `"${raw}" has letter(s) ${bad.join('')} but the question has options ${allowed}` };
  return { value: letters.join('') };
}

/**
 * Rules every choice question keeps: options there and distinct, answer letters among them,
 * fixed letters real; `count` is the type's own rule on how many letters the answer has.
 */
export function choiceProblems(q: QuestionFields, example: string, count: (letters: string[]) => TypeProblem | undefined): TypeProblem[] {
  const out: TypeProblem[] = [];
  const options = q.options ?? [];
  if (options.length < 2) out.push({ rule: 'options', message: `a ${q.type} question needs at least 2 options; add them under options:` });
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (seen.has(o)) out.push({ rule: 'duplicate-option', message: `option ${LETTERS[i]} "${o}" repeats an earlier option` });
    seen.add(o);
  });
  if (typeof q.answer !== 'string') {
    out.push({ rule: 'answer-shape', message: `a ${q.type} answer is option letters such as ${example}` });
  } else {
    const letters = [...q.answer];
    if (new Set(letters).size !== letters.length) out.push({ rule: 'answer-shape', message: `answer "${q.answer}" repeats a letter` });
    const wrongCount = count(letters);
    if (wrongCount) out.push(wrongCount);
    const outside = letters.filter((l) => LETTERS.indexOf(l) >= options.length);
    if (outside.length && options.length) out.push({ rule: 'answer-not-option', message: `answer ${outside.join('')} is not among the ${options.length} options (A-${LETTERS[options.length - 1]})` });
  }
  if (Array.isArray(q.fixedOrder)) {
    const bad = q.fixedOrder.filter((l) => LETTERS.indexOf(l) >= options.length);
    if (bad.length) out.push({ rule: 'fixed-order', message: `fixedOrder names ${bad.join(', ')}, which is not an option` });
  }
  return out;
}

export const lettersText = (answer: unknown) => (typeof answer === 'string' ? answer : '');
export const lettersFromText = (text: string) => text.trim().toUpperCase().replace(/[\s,，、]/g, '');
