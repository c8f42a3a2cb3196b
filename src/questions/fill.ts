// 填空题: blanks (___) in the stem, each with its accepted answers (`两|2`); a typed answer is
// compared after folding width, case and spaces, each blank earning its share of the points.
import { z } from 'zod';
import { EXPLICIT_BLANK } from './choice.js';
import type { QuestionTypeModule } from './types.js';

/** Fill-in blanks in a stem are written as three or more underscores. */
export const BLANK_PATTERN = /_{3,}/g;

const text = z.string().trim().min(1, 'must not be empty');
const round2 = (v: number) => Math.round(v * 100) / 100;
const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export const fill = {
  id: 'fill',
  name: '填空题',
  tableName: '填空',
  aliases: ['填空题', '填空', '填充题', 'fill', 'fill-in', 'fill in the blank', 'fillblank', 'blank', 'cloze', 'short answer', 'shortanswer'],
  model: { kind: 'blanks' },
  answerSchema: z.array(text).min(1),
  answerHelp: 'fill: one entry per blank, alternatives joined by |',
  options: 'none',
  stemMarks: 'blanks',
  shuffle: { options: false, balanceLetters: false },
  partialCredit: false,
  sheet: { kind: 'lines' },
  lint(q) {
    const blanks = q.stem.match(BLANK_PATTERN)?.length ?? 0;
    if (!Array.isArray(q.answer)) return [{ rule: 'answer-shape', message: 'a fill answer is a list with one entry per ___ blank, e.g. [两, "15-20"]' }];
    if (blanks === 0) return [{ rule: 'fill-blanks', message: 'the stem has no blank; mark each blank with ___ (three underscores)' }];
    if (blanks !== q.answer.length) return [{ rule: 'fill-blanks', message: `the stem has ${blanks} blank(s) (___) but the answer lists ${q.answer.length}` }];
    return [];
  },
  readResponse: (cell) => ({ value: EXPLICIT_BLANK.test(cell.trim()) ? '' : cell.trim() }),
  score(value, answer, points) {
    const blanks = Array.isArray(answer) ? (answer as string[]) : [String(answer)];
    const given = value.split(/[;；]/);
    const right = blanks.filter((alts, i) => {
      const g = fold(given[i] ?? '');
      return g !== '' && alts.split('|').some((a) => fold(a) === g);
    }).length;
    return round2((points * right) / blanks.length);
  },
  keyText: (answer) => (Array.isArray(answer) ? answer.join(';') : String(answer)),
  originalResponse: (value) => value,
  responseLetters: () => [],
  answerToText: (answer) => (Array.isArray(answer) ? answer.join('\n') : String(answer ?? '')),
  answerFromText: (text) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
} as const satisfies QuestionTypeModule;
