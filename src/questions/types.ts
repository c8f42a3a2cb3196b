// What a question type is: one module per type (single.ts, multiple.ts, judge.ts, fill.ts)
// implements this interface, and the registry lists them. Everything else asks the module
// instead of testing the type's name: the bank's schema and linter, the assembler's shuffling,
// the paper, key and answer sheet, reading a response and scoring it, the edit form, and the
// names importers recognise. Modules know nothing of banks, files, layout or PDFs: plain data in,
// plain data out.
import type { z } from 'zod';

/**
 * How the answer is modelled, which is what interchange formats (Moodle XML, GIFT, Aiken, QTI,
 * tables) care about: letters over options (one or several), true/false, text per blank, or a
 * written answer a person scores. A switch over `kind` is exhaustive (assertNever), so a new kind
 * is a compile error wherever it is not handled; a new type of an existing kind needs nothing.
 */
export type AnswerModel = { kind: 'choice'; exclusive: boolean } | { kind: 'boolean' } | { kind: 'blanks' };

/** The fields of a bank question a type module reads. */
export interface QuestionFields {
  id: string;
  type: string;
  stem: string;
  options?: readonly string[];
  answer: unknown;
  fixedOrder?: true | readonly string[];
}

/** A problem of one question found by its type's own rules (the linter adds the place). */
export interface TypeProblem {
  rule: string;
  message: string;
}

/** What the answer sheet shows for a question of the type. */
export type SheetCells =
  /** Bubbles to fill: `letters` for a question with `optionCount` options, printed as `faces` (default: the letters). */
  | { kind: 'bubbles'; letters(optionCount: number): string; faces?(labels: { true: string; false: string }): string[] }
  /** Lines to write the answer on, one per blank. */
  | { kind: 'lines' };

/** A response as read from responses.csv: normalised, or why it cannot be a response to this question. */
export type ReadResponse = { value: string } | { problem: string };

export interface QuestionTypeModule {
  /** The name in bank files and blueprints: `type: single`. */
  readonly id: string;
  /** Printed as the section's heading when the blueprint gives none, e.g. 单项选择题. */
  readonly name: string;
  /** How the type is written in a table's 题型 column (and read back). */
  readonly tableName: string;
  /** Names other files use for the type, as headings or 题型 cells, lower case for Latin: importers read them. */
  readonly aliases: readonly string[];
  readonly model: AnswerModel;
  /** The answer as the bank writes it (the schema's fragment for this type), and how it reads in words. */
  readonly answerSchema: z.ZodType;
  readonly answerHelp: string;
  /** Options: a choice question needs them, others have none. */
  readonly options: 'required' | 'none';
  /** Where the candidate answers on the paper: the answer bracket （ ） after the stem, or ___ blanks in it. */
  readonly stemMarks: 'bracket' | 'blanks';
  /** The assembler shuffles the options; and balances the correct letters over a section (one correct option only). */
  readonly shuffle: { options: boolean; balanceLetters: boolean };
  /** A blueprint may give part of the points for a correct subset (partialCredit). */
  readonly partialCredit: boolean;
  readonly sheet: SheetCells;

  /** The type's own rules for one question (the schema has checked the fields' shapes). */
  lint(q: QuestionFields): TypeProblem[];
  /** One responses.csv cell as a response; `optionCount` options were printed (8 when unknown). */
  readResponse(cell: string, optionCount: number): ReadResponse;
  /** Points earned by a response (as read) to a question whose answer as printed is `answer`. */
  score(value: string, answer: unknown, points: number, partial?: number): number;
  /** The key in the bank's own option order (`order`: the permutation printed), for item analysis. */
  keyText(answer: unknown, order?: string): string;
  /** A response in the bank's own option order. */
  originalResponse(value: string, order?: string): string;
  /** The responses whose shares item analysis counts (letters of a choice, T/F), for `optionCount` options. */
  responseLetters(optionCount: number): string[];
  /** The answer as an edit form shows it, and as a form's text is read back. */
  answerToText(answer: unknown): string;
  answerFromText(text: string): unknown;
}

export function assertNever(x: never): never {
  throw new Error(`unhandled answer model ${JSON.stringify(x)}`);
}
