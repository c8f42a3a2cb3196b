// `importQuestions`: text in one of the supported formats → schema-valid questions with ids,
// plus what was skipped as a duplicate, what failed (with its line) and what needs a person.
import { QuestionSchema, type QuestionData } from '../schema.js';
import { parseAiken } from './aiken.js';
import { assembleFragments } from './assemble.js';
import { scanBlocks } from './block.js';
import { detectFormat } from './detect.js';
import { parseGift } from './gift.js';
import { normalizeStem } from './normalize.js';
import { collapseSpaces } from './text.js';
import type { DetectedFormat, Draft, ImportOptions, ImportResult, ImportWarning, ParseOutcome } from './types.js';

export { normalizeStem } from './normalize.js';
export { detectFormat } from './detect.js';
export type * from './types.js';

export const EXPLANATION_PLACEHOLDER = '待补充解析';
export const SOURCE_PLACEHOLDER = '待补充出处';
export const DEFAULT_DIFFICULTY = 3;

export function parseByFormat(text: string, format: DetectedFormat): ParseOutcome {
  switch (format) {
    case 'aiken':
      return parseAiken(text);
    case 'gift':
      return parseGift(text);
    case 'block':
    case 'inline':
      return assembleFragments(scanBlocks(text));
  }
}

export function importQuestions(text: string, opts: ImportOptions): ImportResult {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const detected = !opts.format || opts.format === 'auto' ? detectFormat(body) : opts.format;
  if (!detected) {
    // Nothing recognisable: one failure at line 1; `format` is only a placeholder here.
    return {
      format: 'block',
      questions: [],
      lines: [],
      duplicates: [],
      warnings: [],
      failed: [{ line: 1, reason: 'no questions recognised: not the 题目类型/题干 format, Aiken (ANSWER: B) or GIFT ({=right ~wrong}); check the file or pass --format' }],
    };
  }
  const parsed = parseByFormat(body, detected);
  return finalize(parsed, detected, opts);
}

/** Maps a 知识点 name (or id, or GIFT category) to a topic id. */
function topicResolver(topics: ImportOptions['topics']): (name: string) => string | undefined {
  const byKey = new Map<string, string>();
  for (const t of topics) {
    byKey.set(normalizeStem(t.name), t.id);
    byKey.set(t.id.toLowerCase(), t.id);
  }
  return (name) => {
    for (const part of name.split(/[,，、;；/|]/)) {
      const id = byKey.get(part.trim().toLowerCase()) ?? byKey.get(normalizeStem(part));
      if (id) return id;
    }
    return undefined;
  };
}

function idMaker(opts: ImportOptions): (topic: string | undefined) => string {
  const taken = new Set(opts.existingIds ?? []);
  const prefix = opts.idPrefix ?? 'IMP';
  let n = 0;
  const byPrefix = () => {
    let id: string;
    do id = `${prefix}-${String(++n).padStart(3, '0')}`;
    while (taken.has(id));
    return id;
  };
  return (topic) => {
    let id: string | undefined;
    for (let tries = 0; opts.nextId && tries < 10; tries++) {
      const candidate = opts.nextId(topic);
      if (!taken.has(candidate)) {
        id = candidate;
        break;
      }
    }
    id ??= byPrefix();
    taken.add(id);
    return id;
  };
}

/** 教材出处 as written, with an opening 《 restored when only the closing one survived. */
function tidySource(source: string): string {
  const s = collapseSpaces(source);
  return s.includes('》') && !s.includes('《') ? `《${s}` : s;
}

function finalize(parsed: ParseOutcome, format: DetectedFormat, opts: ImportOptions): ImportResult {
  const resolveTopic = topicResolver(opts.topics);
  const nextId = idMaker(opts);
  const existing = new Map<string, string | undefined>();
  for (const e of opts.existingStems) {
    if (typeof e === 'string') existing.set(normalizeStem(e), undefined);
    else existing.set(normalizeStem(e.stem), e.id);
  }
  const seen = new Map<string, number>();
  const result: ImportResult = {
    format,
    questions: [],
    lines: [],
    duplicates: [...parsed.duplicates],
    failed: [...parsed.failed],
    warnings: [],
  };

  for (const d of parsed.drafts) {
    const key = normalizeStem(d.stem);
    if (existing.has(key)) {
      const id = existing.get(key);
      result.duplicates.push({ line: d.line, stem: d.stem, reason: 'already in the bank', ...(id ? { id } : {}) });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      result.duplicates.push({ line: d.line, stem: d.stem, reason: `repeat of the question at line ${first}` });
      continue;
    }
    const needs: string[] = [...(d.notes ?? [])];
    const q = toQuestion(d, opts, resolveTopic, needs);
    const id = nextId(q.topic);
    const checked = QuestionSchema.safeParse({ ...q, id });
    if (!checked.success) {
      const why = checked.error.issues.map((i) => `${i.path.join('.') || 'question'}: ${i.message}`).join('; ');
      result.failed.push({ line: d.line, reason: `${short(d.stem)}: ${why}` });
      continue;
    }
    seen.set(key, d.line);
    result.questions.push(checked.data);
    result.lines.push(d.line);
    result.warnings.push(...needs.map((message): ImportWarning => ({ line: d.line, id, message })));
  }
  result.duplicates.sort((a, b) => a.line - b.line);
  result.failed.sort((a, b) => a.line - b.line);
  return result;
}

function short(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

function toQuestion(
  d: Draft,
  opts: ImportOptions,
  resolveTopic: (name: string) => string | undefined,
  needs: string[],
): Omit<QuestionData, 'id'> {
  let topic: string | undefined;
  if (d.topic) {
    topic = resolveTopic(d.topic);
    if (!topic) needs.push(`知识点 "${d.topic}" is not a known topic; ${opts.topic ? `used ${opts.topic}` : 'no topic set'}`);
  } else if (!opts.topic) needs.push('no 知识点 and no default topic: set topic');
  topic ??= opts.topic;

  const difficulty = d.difficulty ?? DEFAULT_DIFFICULTY;
  if (d.difficulty === undefined) needs.push(`no 题目难度: set to ${DEFAULT_DIFFICULTY}`);

  let source = d.source ? tidySource(d.source) : opts.sourceName?.trim();
  if (!source) {
    source = SOURCE_PLACEHOLDER;
    needs.push(`no 教材出处: source is "${SOURCE_PLACEHOLDER}"`);
  }
  const explanation = d.explanation?.trim() || EXPLANATION_PLACEHOLDER;
  if (!d.explanation?.trim()) needs.push(`no 解析: explanation is "${EXPLANATION_PLACEHOLDER}"`);

  // Choice and judge stems: an empty answer bracket is always written "( )".
  const stem = d.type === 'fill' ? collapseSpaces(d.stem) : collapseSpaces(d.stem).replace(/[(（]\s*[)）]/g, '( )');
  return {
    type: d.type,
    stem,
    ...(d.options ? { options: d.options.map(collapseSpaces) } : {}),
    answer: d.answer,
    ...(topic ? { topic } : {}),
    difficulty,
    source,
    explanation,
    norms: [],
  };
}
