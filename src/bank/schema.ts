// The bank's single source of truth: zod schemas give the TypeScript types, the runtime
// validation and (through `npm run schema`) the JSON Schema files editors complete with.
import { z } from 'zod';
import { QUESTION_TYPES, questionType } from '../questions/registry.js';

export { BLANK_PATTERN } from '../questions/fill.js';
export { QUESTION_TYPE_NAMES, QUESTION_TYPES, type QuestionType } from '../questions/registry.js';

const id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/, 'ids are letters, digits and hyphens, e.g. ZD-001');

const text = z.string().trim().min(1, 'must not be empty');

/** An answer as the bank writes it: option letters, true/false, or one entry per blank. */
export type Answer = string | boolean | string[];

/** Every type's answer schema, each once (single and multiple share theirs). */
const ANSWER_SCHEMAS = [...new Set(QUESTION_TYPES.map((t) => questionType(t).answerSchema))] as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]];
const answerSchema = z.union(ANSWER_SCHEMAS) as unknown as z.ZodType<Answer>;

export const QuestionSchema = z
  .object({
    id: id.describe('Stable id, unique in the bank, e.g. ZD-001'),
    type: z.enum(QUESTION_TYPES).describe(QUESTION_TYPES.join(' | ')),
    stem: text.describe('The question. Choice and judge stems may mark the answer bracket with ( ); fill stems mark each blank with ___'),
    options: z.array(text).min(2).max(8).optional().describe('Options of single and multiple questions, without their letters'),
    answer: answerSchema.describe(QUESTION_TYPES.map((t) => questionType(t).answerHelp).join('; ')),
    topic: id.optional().describe('Topic id from bank/topics.yaml; defaults to the file\'s topic'),
    difficulty: z.number().int().min(1).max(5).describe('1 (easy) .. 5 (hard)'),
    observed: z
      .object({
        difficulty: z.number().min(0).max(1).describe('share of candidates who answered it right'),
        candidates: z.number().int().min(1).describe('how many candidates had it'),
        paper: z.string().optional().describe('id of the paper it was measured on'),
      })
      .strict()
      .optional()
      .describe('Measured difficulty, written by exampress grade --update-bank; the author\'s difficulty stays as written'),
    source: text.describe('出处: document, circular or page the question rests on'),
    explanation: text.describe('解析: why the answer is right'),
    material: text
      .optional()
      .describe('案例材料: the case text a group of questions shares, printed once above the group; give every question of the group the same text'),
    norms: z.array(id).default([]).describe('Ids of the handbook norms this question tests'),
    tags: z.array(text).optional(),
    emphasis: z
      .literal(false)
      .optional()
      .describe('false: do not mark negation words (不, 严禁…) in this stem with emphasis dots'),
    enemies: z
      .array(id)
      .optional()
      .describe('Ids of questions that give this one away (or are given away by it): a paper never holds two of them'),
    fixedOrder: z
      .union([z.literal(true), z.array(z.string().regex(/^[A-H]$/))])
      .optional()
      .describe('true: never shuffle the options; or the letters of options that keep their place (e.g. "以上都是")'),
  })
  .strict();

export const QuestionFileSchema = z
  .object({
    topic: id.describe('Default topic of the questions in this file'),
    questions: z.array(QuestionSchema),
  })
  .strict();

export const TopicSchema = z
  .object({
    id,
    name: text.describe('Chinese name, e.g. 电话礼仪'),
    description: text.optional(),
  })
  .strict();

export const TopicsFileSchema = z.object({ topics: z.array(TopicSchema).min(1) }).strict();

export const NORM_KINDS = ['rule', 'do', 'dont', 'tip'] as const;

export const NormSchema = z
  .object({
    id: id.describe('Stable id, unique across all norms, e.g. dress-men-suit'),
    text: text.describe('The norm, in our own words'),
    kind: z.enum(NORM_KINDS).default('rule').describe('rule | do (宜) | dont (忌) | tip'),
  })
  .strict();

export const NormTableSchema = z
  .object({
    caption: text.optional(),
    header: z.array(text).min(1),
    rows: z.array(z.array(z.string())).min(1),
  })
  .strict();

export const NormSectionSchema = z
  .object({
    id,
    title: text,
    intro: text.optional(),
    norms: z.array(NormSchema).default([]),
    checklist: z.array(text).optional().describe('A checklist printed with boxes to tick'),
    backCover: z
      .literal(true)
      .optional()
      .describe("true: this section's checklist goes on the handbook's back cover (the theme's backCoverTitle, e.g. 出门前一分钟自查); with no section marked, the back cover takes items in turn from every checklist"),
    table: NormTableSchema.optional().describe('A quick-reference table'),
    figure: z
      .enum(['banquet-seating', 'car-seating', 'business-card'])
      .optional()
      .describe('A drawing printed after the section in the handbook (banquet-seating, car-seating, business-card)'),
  })
  .strict();

export const NormChapterSchema = z
  .object({
    id,
    title: text,
    intro: text.optional(),
    sections: z.array(NormSectionSchema).min(1),
  })
  .strict();

export const NormFileSchema = z.object({ chapter: NormChapterSchema }).strict();

export type QuestionInput = z.input<typeof QuestionSchema>;
export type QuestionData = z.output<typeof QuestionSchema>;
export type Topic = z.output<typeof TopicSchema>;
export type NormData = z.output<typeof NormSchema>;
export type NormTable = z.output<typeof NormTableSchema>;
export type NormSectionData = z.output<typeof NormSectionSchema>;
export type NormChapterData = z.output<typeof NormChapterSchema>;

/** Where a thing was written, for messages a trainer can act on. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

/** A question as loaded: its topic resolved, its place in the files known. */
export interface Question extends QuestionData {
  topic: string;
  loc: Location;
}

export interface Norm extends NormData {
  /** Printed number, e.g. "3.2.1" (chapter.section.norm in file order). */
  number: string;
  chapterId: string;
  sectionId: string;
  loc: Location;
}

export interface NormSection extends Omit<NormSectionData, 'norms'> {
  number: string;
  norms: Norm[];
  loc: Location;
}

export interface NormChapter extends Omit<NormChapterData, 'sections'> {
  number: string;
  sections: NormSection[];
  loc: Location;
}

export interface Bank {
  /** The bank folder as given. */
  dir: string;
  topics: Topic[];
  questions: Question[];
  chapters: NormChapter[];
  /** Every norm by id. */
  norms: Map<string, Norm>;
  /** Every section by id (a key can cite "见手册 3.2"). */
  sections: Map<string, NormSection>;
}

export type Severity = 'error' | 'warning';

/** A problem found in the bank, located for a person to fix. */
export interface Problem {
  severity: Severity;
  file: string;
  line: number;
  col: number;
  /** The question or norm id, when there is one. */
  id?: string;
  /** Short rule name, e.g. "duplicate-id". */
  rule: string;
  message: string;
}

/** The JSON Schemas written to bank/schema/ for editors. */
export function jsonSchemas(): Record<string, unknown> {
  const opts = { target: 'draft-7' as const, io: 'input' as const };
  return {
    'questions.schema.json': z.toJSONSchema(QuestionFileSchema, opts),
    'topics.schema.json': z.toJSONSchema(TopicsFileSchema, opts),
    'norms.schema.json': z.toJSONSchema(NormFileSchema, opts),
  };
}
