// Aiken: "stem / A. option / ANSWER: B". Judge questions become two options 正确/错误 (read back
// as judge); multiple choice is written "ANSWER: A,C", which our reader accepts. Fill-in cannot be written.
import { assertNever, questionType } from '../../questions/registry.js';
import type { QuestionData } from '../schema.js';
import type { Skipped } from './index.js';
import { letters, oneLine } from './text.js';

export function toAiken(questions: QuestionData[]): { text: string; written: number; skipped: Skipped[] } {
  const out: string[] = [];
  const skipped: Skipped[] = [];
  for (const q of questions) {
    const model = questionType(q.type).model;
    let options: readonly string[];
    let answer: string;
    switch (model.kind) {
      case 'boolean':
        options = ['正确', '错误'];
        answer = q.answer ? 'A' : 'B';
        break;
      case 'choice':
        options = q.options ?? [];
        answer = letters(q.answer).join(',');
        break;
      case 'blanks':
        skipped.push({ id: q.id, reason: 'Aiken has no fill-in questions' });
        continue;
      default:
        assertNever(model);
    }
    out.push(oneLine(q.stem), ...options.map((o, i) => `${String.fromCharCode(65 + i)}. ${oneLine(o)}`), `ANSWER: ${answer}`, '');
  }
  return { text: out.join('\n'), written: questions.length - skipped.length, skipped };
}
