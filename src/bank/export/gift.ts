// GIFT: "::id:: stem {=right ~wrong}" with the block where the stem's ( ) or ___ stands,
// {T}/{F} for judge, ~%50% weights for multiple choice, "####" for the explanation and
// $CATEGORY for the topic. A fill-in question with more than one blank cannot be written.
import { assertNever, questionType } from '../../questions/registry.js';
import type { QuestionData, Topic } from '../schema.js';
import type { Skipped } from './index.js';
import { letters, oneLine } from './text.js';

/** GIFT's special characters escaped. */
export function giftEscape(s: string): string {
  return oneLine(s).replace(/([~=#{}:\\])/g, '\\$1');
}

function weight(n: number): string {
  return String(Math.round((100 / n) * 100000) / 100000);
}

function block(q: QuestionData): string | undefined {
  const feedback = q.explanation ? ` ####${giftEscape(q.explanation)}` : '';
  const model = questionType(q.type).model;
  switch (model.kind) {
    case 'boolean':
      return `{${q.answer ? 'T' : 'F'}${feedback}}`;
    case 'blanks': {
      const answers = q.answer as string[];
      if (answers.length !== 1) return undefined;
      return `{${answers[0]!.split('|').map((a) => `=${giftEscape(a)}`).join(' ')}${feedback}}`;
    }
    case 'choice': {
      const right = letters(q.answer);
      const options = (q.options ?? []).map((o, i) => {
        const ok = right.includes(String.fromCharCode(65 + i));
        return model.exclusive ? `${ok ? '=' : '~'}${giftEscape(o)}` : `~%${ok ? weight(right.length) : '-100'}%${giftEscape(o)}`;
      });
      return `{${options.join(' ')}${feedback}}`;
    }
    default:
      return assertNever(model);
  }
}

export function toGift(questions: QuestionData[], topics: Topic[]): { text: string; written: number; skipped: Skipped[] } {
  const out: string[] = ['// exported by exampress'];
  const skipped: Skipped[] = [];
  let category: string | undefined;
  for (const q of questions) {
    const b = block(q);
    if (!b) {
      skipped.push({ id: q.id, reason: `GIFT holds one blank per question; this one has ${(q.answer as string[]).length}` });
      continue;
    }
    if (q.topic && q.topic !== category) {
      category = q.topic;
      out.push('', `$CATEGORY: $course$/top/${topics.some((t) => t.id === q.topic) ? q.topic : q.topic}`);
    }
    // Fill-in: the block stands where the blank is. Choice and judge: the block follows the stem,
    // which keeps its （ ） (a block at the end would drop it on import).
    const stem = oneLine(q.stem);
    const at = questionType(q.type).stemMarks === 'blanks' ? stem.search(/_{3,}/) : -1;
    const body = at >= 0 ? `${giftEscape(stem.slice(0, at))}${b}${giftEscape(stem.slice(at).replace(/^_{3,}/, ''))}` : `${giftEscape(stem)}${b}`;
    out.push('', `::${q.id}:: ${body}`);
  }
  return { text: `${out.join('\n')}\n`, written: questions.length - skipped.length, skipped };
}
