// 多项选择题: two or more correct options; all or nothing, or the blueprint's partial credit for
// a correct subset (any wrong letter scores zero).
import { choiceAnswer, choiceProblems, LETTERS, lettersFromText, lettersText, originalLetters, readLetters } from './choice.js';
import type { QuestionTypeModule } from './types.js';

export const multiple = {
  id: 'multiple',
  name: '多项选择题',
  tableName: '多选',
  aliases: ['多项选择题', '多项选择', '多选题', '多选', '不定项选择题', '不定项选择', '不定项', 'multiple', 'multiple choice', 'multiplechoice', 'mc', 'checkbox'],
  model: { kind: 'choice', exclusive: false },
  answerSchema: choiceAnswer,
  answerHelp: 'multiple: "ABD"',
  options: 'required',
  stemMarks: 'bracket',
  shuffle: { options: true, balanceLetters: false },
  partialCredit: true,
  sheet: { kind: 'bubbles', letters: (n) => LETTERS.slice(0, n) },
  lint: (q) =>
    choiceProblems(q, 'ABD', (letters) =>
      letters.length < 2 ? { rule: 'multiple-answer', message: `multiple-choice question has only one answer (${q.answer as string}); make it type: single or add the other correct letters` } : undefined,
    ),
  readResponse: readLetters,
  score(value, answer, points, partial) {
    const key = String(answer);
    if (value === key) return points;
    return partial !== undefined && value !== '' && [...value].every((l) => key.includes(l)) ? partial : 0;
  },
  keyText: (answer, order) => originalLetters(String(answer), order),
  originalResponse: originalLetters,
  responseLetters: (n) => [...LETTERS.slice(0, n)],
  answerToText: lettersText,
  answerFromText: lettersFromText,
} as const satisfies QuestionTypeModule;
