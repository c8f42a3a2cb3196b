// Aiken: "stem / A. option / ANSWER: B". Judge questions become two options 正确/错误 (read back
// as judge); multiple choice is written "ANSWER: A,C", which our reader accepts. Fill-in cannot be written.
import type { QuestionData } from '../schema.js';
import type { Skipped } from './index.js';
import { letters, oneLine } from './text.js';

export function toAiken(questions: QuestionData[]): { text: string; written: number; skipped: Skipped[] } {
  const out: string[] = [];
  const skipped: Skipped[] = [];
  for (const q of questions) {
    if (q.type === 'fill') {
      skipped.push({ id: q.id, reason: 'Aiken has no fill-in questions' });
      continue;
    }
    const options = q.type === 'judge' ? ['正确', '错误'] : (q.options ?? []);
    const answer = q.type === 'judge' ? (q.answer ? 'A' : 'B') : letters(q.answer).join(',');
    out.push(oneLine(q.stem), ...options.map((o, i) => `${String.fromCharCode(65 + i)}. ${oneLine(o)}`), `ANSWER: ${answer}`, '');
  }
  return { text: out.join('\n'), written: questions.length - skipped.length, skipped };
}
