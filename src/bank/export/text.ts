// Small helpers shared by the exporters.
import type { QuestionData } from '../schema.js';

/** One line of text: export formats keep a question's text on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function letters(answer: QuestionData['answer']): string[] {
  return typeof answer === 'string' ? [...answer] : [];
}

/** The answer bracket of a choice or judge stem, ( ) or （ ）, if it has one. */
export const ANSWER_BRACKET = /[(（]\s*[)）]/;
