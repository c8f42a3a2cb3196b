// Small helpers shared by the exporters.
import type { QuestionData } from '../schema.js';

/** One line of text: export formats keep a question's text on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function letters(answer: QuestionData['answer']): string[] {
  return typeof answer === 'string' ? [...answer] : [];
}
