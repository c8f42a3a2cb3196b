// Moodle XML: multichoice (single and multiple with fractions), truefalse, shortanswer; a
// category before each topic's questions; the explanation as general feedback.
import { assertNever, questionType, type AnswerModel } from '../../questions/registry.js';
import type { QuestionData, Topic } from '../schema.js';
import type { Skipped } from './index.js';
import { letters, oneLine } from './text.js';

function x(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Moodle's question type for each answer model. */
const MOODLE_TYPE: Record<AnswerModel['kind'], string> = { choice: 'multichoice', boolean: 'truefalse', blanks: 'shortanswer' };

function fraction(n: number): string {
  return String(Math.round((100 / n) * 100000) / 100000);
}

export function toMoodleXml(questions: QuestionData[], _topics: Topic[]): { text: string; written: number; skipped: Skipped[] } {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  const skipped: Skipped[] = [];
  let category: string | undefined;
  for (const q of questions) {
    const model = questionType(q.type).model;
    if (model.kind === 'blanks' && (q.answer as string[]).length !== 1) {
      skipped.push({ id: q.id, reason: `Moodle short answer holds one blank; this one has ${(q.answer as string[]).length}` });
      continue;
    }
    if (q.topic && q.topic !== category) {
      category = q.topic;
      out.push('  <question type="category">', `    <category><text>$course$/top/${x(q.topic)}</text></category>`, '  </question>');
    }
    out.push(`  <question type="${MOODLE_TYPE[model.kind]}">`, `    <name><text>${x(q.id)}</text></name>`, `    <questiontext format="plain_text"><text>${x(q.stem)}</text></questiontext>`);
    if (q.explanation) out.push(`    <generalfeedback format="plain_text"><text>${x(q.explanation)}</text></generalfeedback>`);
    const answer = (f: string, t: string) => out.push(`    <answer fraction="${f}" format="plain_text"><text>${x(t)}</text></answer>`);
    switch (model.kind) {
      case 'boolean':
        answer(q.answer ? '100' : '0', 'true');
        answer(q.answer ? '0' : '100', 'false');
        break;
      case 'blanks':
        for (const alt of (q.answer as string[])[0]!.split('|')) answer('100', alt);
        break;
      case 'choice': {
        const right = letters(q.answer);
        out.push(`    <single>${model.exclusive}</single>`, '    <shuffleanswers>true</shuffleanswers>', '    <answernumbering>ABCD</answernumbering>');
        (q.options ?? []).forEach((o, i) => {
          const ok = right.includes(String.fromCharCode(65 + i));
          answer(ok ? (model.exclusive ? '100' : fraction(right.length)) : model.exclusive ? '0' : '-100', o);
        });
        break;
      }
      default:
        assertNever(model);
    }
    out.push('  </question>');
  }
  out.push('</quiz>', '');
  return { text: out.join('\n'), written: questions.length - skipped.length, skipped };
}
