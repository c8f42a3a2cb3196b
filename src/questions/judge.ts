// 判断题: a statement that is true or false; the sheet prints its two bubbles as √ and ×.
import { z } from 'zod';
import { EXPLICIT_BLANK } from './choice.js';
import type { QuestionTypeModule } from './types.js';

/** How people write true and false in responses.csv. */
const TRUTH: Record<string, 'T' | 'F'> = { T: 'T', F: 'F', TRUE: 'T', FALSE: 'F', '对': 'T', '错': 'F', '√': 'T', '✓': 'T', '×': 'F', '✗': 'F', Y: 'T', N: 'F' };

export const judge = {
  id: 'judge',
  name: '判断题',
  tableName: '判断',
  aliases: ['判断题', '判断', '是非题', '是非', '对错题', '正误题', 'judge', 'true/false', 'true-false', 'truefalse', 'tf', 't/f'],
  model: { kind: 'boolean' },
  answerSchema: z.boolean(),
  answerHelp: 'judge: true/false',
  options: 'none',
  stemMarks: 'bracket',
  shuffle: { options: false, balanceLetters: false },
  partialCredit: false,
  sheet: { kind: 'bubbles', letters: () => 'TF', faces: (labels) => [labels.true, labels.false] },
  lint: (q) => (typeof q.answer === 'boolean' ? [] : [{ rule: 'answer-shape', message: 'a judge answer is true or false' }]),
  readResponse(cell) {
    const raw = cell.trim();
    if (raw === '' || EXPLICIT_BLANK.test(raw)) return { value: '' };
    const v = TRUTH[raw.toUpperCase()];
    if (v) return { value: v };
    // Both marked (TF, √×, 对错): what the candidate did, scored 0.
    const both = [...raw.toUpperCase().replace(/[\s,，、]/g, '')].map((c) => TRUTH[c]);
    if (both.length === 2 && both.includes('T') && both.includes('F')) return { value: 'TF' };
    return { problem: `"${raw}" is not a true/false answer (T, F, or TF for both marked)` };
  },
  score: (value, answer, points) => ((value === 'T' && answer === true) || (value === 'F' && answer === false) ? points : 0),
  keyText: (answer) => (answer === true ? 'T' : 'F'),
  originalResponse: (value) => value,
  responseLetters: () => ['T', 'F'],
  answerToText: (answer) => (answer === true ? 'true' : answer === false ? 'false' : String(answer ?? '')),
  answerFromText: (text) => (/^(true|对|正确|√|是)$/i.test(text.trim()) ? true : /^(false|错|错误|×|否)$/i.test(text.trim()) ? false : text.trim()),
} as const satisfies QuestionTypeModule;
