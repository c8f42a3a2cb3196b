// The question types exampress knows: one module each, registered here. Adding a type is a new
// module beside these and one line below (README: "Adding a question type").
import { fill } from './fill.js';
import { judge } from './judge.js';
import { multiple } from './multiple.js';
import { single } from './single.js';
import type { QuestionTypeModule } from './types.js';

const MODULES = { single, multiple, judge, fill } as const satisfies Record<string, QuestionTypeModule>;

export type QuestionType = keyof typeof MODULES;

/** The types' ids in the order papers print their sections by default. */
export const QUESTION_TYPES = Object.keys(MODULES) as [QuestionType, ...QuestionType[]];

for (const [id, m] of Object.entries(MODULES)) if (m.id !== id) throw new Error(`question type module ${m.id} is registered as ${id}`);

/** The module of a type. */
export function questionType(id: QuestionType): QuestionTypeModule {
  return MODULES[id];
}

/** The module of a type named in a file we did not write (a sheet's geometry): undefined when unknown. */
export function findQuestionType(id: string): QuestionTypeModule | undefined {
  return (MODULES as Record<string, QuestionTypeModule>)[id];
}

/**
 * How the bubbles of a question on a scanned sheet are read, for a type named in the sheet's
 * geometry: `group` names the bubbles compared with one another for the page's empty reference
 * (the same letter and the same printed face), `single` whether one mark is the whole answer.
 */
export function bubbleReading(id: string): { group: string; single: boolean } {
  const model = findQuestionType(id)?.model;
  if (model?.kind === 'boolean') return { group: 'truth', single: true };
  return { group: 'choice', single: model?.kind !== 'choice' || model.exclusive };
}

/** The type a heading or a 题型 cell names (判断题, 是非题, TF, …), or undefined. */
export function typeNamed(name: string): QuestionType | undefined {
  const key = name.trim().toLowerCase().replace(/^[\[【(（]|[\]】)）:：]$/g, '');
  return QUESTION_TYPES.find((id) => id === key || questionType(id).aliases.includes(key));
}

/** Chinese names of the types, as printed on papers. */
export const QUESTION_TYPE_NAMES = Object.fromEntries(QUESTION_TYPES.map((id) => [id, MODULES[id].name])) as Record<QuestionType, string>;

export type { AnswerModel, QuestionFields, QuestionTypeModule, SheetCells, TypeProblem } from './types.js';
export { assertNever } from './types.js';
