// Contracts of the importer: what a caller passes in and what it gets back. Parsers produce
// drafts (loose, located questions); `finalize` turns drafts into schema-valid questions.
import type { QuestionData, QuestionType } from '../schema.js';

/** Text formats are read from decoded text; file formats from the file's bytes. */
export const TEXT_FORMATS = ['text', 'block', 'inline', 'aiken', 'gift'] as const;
export const FILE_FORMATS = ['docx', 'xlsx', 'csv', 'json', 'moodle', 'qti'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];
export type ImportFormat = 'auto' | TextFormat | (typeof FILE_FORMATS)[number];
export type DetectedFormat = Exclude<ImportFormat, 'auto'>;

export interface ImportFailure {
  line: number;
  reason: string;
}

export interface ImportDuplicate {
  line: number;
  /** The id of the bank question it repeats, when the caller passed existing questions by id. */
  id?: string;
  stem: string;
  /** Why it was skipped, e.g. "already in the bank" or "repeats the question at line 538". */
  reason: string;
}

/** Something a person should look at before the imported question is printed. */
export interface ImportWarning {
  line: number;
  id: string;
  message: string;
}

export interface ImportResult {
  format: DetectedFormat;
  /** Items found in the file: questions + duplicates + failed, always. */
  detected: number;
  questions: QuestionData[];
  /** Line each question (same index as `questions`) started on in the imported file. */
  lines: number[];
  duplicates: ImportDuplicate[];
  failed: ImportFailure[];
  warnings: ImportWarning[];
}

export interface ImportOptions {
  format?: ImportFormat;
  /** Topic id used when an item names no 知识点 (or one that is not in `topics`). */
  topic?: string;
  /** Known topics, to map 题目涉及知识点 / $CATEGORY names to ids. */
  topics: { id: string; name: string }[];
  /** Stems already in the bank (with their ids when known); compared after `normalizeStem`. */
  existingStems: Iterable<string | ExistingQuestion>;
  /** Ids already in the bank: new ids never collide with them. */
  existingIds?: Iterable<string>;
  /** Prefix of generated ids (default "IMP" → IMP-001, IMP-002, ...). */
  idPrefix?: string;
  /** Custom id maker, called until it returns an unused id (10 tries, then the prefix scheme). */
  nextId?: (topic: string | undefined) => string;
  /** `source` of items that name none (`--source`); else the nearest heading, with a warning. */
  sourceName?: string;
  /** Column or key overrides for tables and JSON: field name (题干, 答案, 选项A…) → column letter or header. */
  map?: Record<string, string>;
}

/** A bank question to compare with: with options and answer, duplicates and conflicts are told apart. */
export interface ExistingQuestion {
  id: string;
  stem: string;
  options?: string[];
  answer?: QuestionData['answer'];
  material?: string;
}

/** A question as read from the file, before defaults, topic ids and validation. */
export interface Draft {
  line: number;
  type: QuestionType;
  stem: string;
  options?: string[];
  answer: string | boolean | string[];
  /** 知识点 name or id, or a GIFT category. */
  topic?: string;
  difficulty?: number;
  source?: string;
  explanation?: string;
  /** Case text shared by a group of questions. */
  material?: string;
  /** The nearest heading above the item, used as its source when it names none. */
  heading?: { text: string; line: number };
  /** Things the parser had to guess, reported as warnings. */
  notes?: string[];
}

export interface ParseOutcome {
  drafts: Draft[];
  failed: ImportFailure[];
  duplicates: ImportDuplicate[];
  /** About the file rather than one question (an unused column, a guessed index base). */
  notes?: { line: number; message: string }[];
}
