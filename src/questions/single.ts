// 单项选择题: one correct option among two to eight, its letter balanced over a section.
import { choiceAnswer, choiceProblems, LETTERS, lettersFromText, lettersText, originalLetters, readLetters } from './choice.js';
import type { QuestionTypeModule } from './types.js';

export const single = {
  id: 'single',
  name: '单项选择题',
  tableName: '单选',
  aliases: ['单项选择题', '单项选择', '单选题', '单选', '单择题', 'single', 'single choice', 'singlechoice', 'sc', 'radio'],
  model: { kind: 'choice', exclusive: true },
  answerSchema: choiceAnswer,
  answerHelp: 'single: "B"',
  options: 'required',
  stemMarks: 'bracket',
  shuffle: { options: true, balanceLetters: true },
  partialCredit: false,
  sheet: { kind: 'bubbles', letters: (n) => LETTERS.slice(0, n) },
  lint: (q) =>
    choiceProblems(q, 'B', (letters) =>
      letters.length !== 1 ? { rule: 'single-answer', message: `single-choice question has ${letters.length} answers (${q.answer as string}); make it type: multiple or keep one letter` } : undefined,
    ),
  readResponse: readLetters,
  score: (value, answer, points) => (value !== '' && value === answer ? points : 0),
  keyText: (answer, order) => originalLetters(String(answer), order),
  originalResponse: originalLetters,
  responseLetters: (n) => [...LETTERS.slice(0, n)],
  answerToText: lettersText,
  answerFromText: lettersFromText,
} as const satisfies QuestionTypeModule;
