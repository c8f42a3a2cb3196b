// `importQuestions`: text in one of the supported formats → schema-valid questions with ids,
// plus what was skipped as a duplicate, what failed (with its line) and what needs a person.
import { QuestionSchema, type QuestionData } from '../schema.js';
import { parseAiken } from './aiken.js';
import { assembleFragments } from './assemble.js';
import { scanBlocks } from './block.js';
import { detectFormat } from './detect.js';
import { parseGift } from './gift.js';
import { normalizeStem, squash } from './normalize.js';
import { collapseSpaces, judgePair, letterIndex, shortStem } from './text.js';
import { parsePlainText } from './plain.js';
import { NEAR_DUPLICATE_THRESHOLD, similarStemsIn, stemSimilarity } from '../stems.js';
import { TEXT_FORMATS, type DetectedFormat, type Draft, type ImportOptions, type ImportResult, type ImportWarning, type ParseOutcome, type TextFormat } from './types.js';

export { normalizeStem } from './normalize.js';
export { detectFormat } from './detect.js';
export type * from './types.js';

export const EXPLANATION_PLACEHOLDER = '待补充解析';
export const SOURCE_PLACEHOLDER = '待补充出处';
export const DEFAULT_DIFFICULTY = 3;

export function parseByFormat(text: string, format: TextFormat): ParseOutcome {
  switch (format) {
    case 'aiken':
      return parseAiken(text);
    case 'gift':
      return parseGift(text);
    case 'text':
      return parsePlainText(text);
    case 'block':
    case 'inline':
      return assembleFragments(scanBlocks(text));
  }
}

const NOTHING_AUTO =
  'no questions recognised: not numbered questions with options or answers, the 题目类型/题干 format, Aiken (ANSWER: B) or GIFT ({=right ~wrong}); check the file or pass --format';

/** Text in one of the text formats (numbered Word text, seed blocks, Aiken, GIFT) → questions. */
export function importQuestions(text: string, opts: ImportOptions): ImportResult {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const forced = opts.format && opts.format !== 'auto' ? opts.format : undefined;
  if (forced && !(TEXT_FORMATS as readonly string[]).includes(forced)) {
    return nothingFound(forced as DetectedFormat, `--format ${forced} is not a text format; import the file itself`);
  }
  const detected = (forced as TextFormat | undefined) ?? detectFormat(body);
  if (!detected) return nothingFound('text', NOTHING_AUTO);
  return finishParse(parseByFormat(body, detected), detected, opts, forced !== undefined);
}

/** Drafts → result; a parse that saw no item at all is one failure at line 1, never an empty success. */
export function finishParse(parsed: ParseOutcome, format: DetectedFormat, opts: ImportOptions, forced: boolean): ImportResult {
  if (parsed.drafts.length + parsed.failed.length + parsed.duplicates.length === 0) {
    return nothingFound(format, forced ? `--format ${format} found no questions in the file; check the file or try --format auto` : NOTHING_AUTO);
  }
  return finalize(parsed, format, opts);
}

export function nothingFound(format: DetectedFormat, reason: string): ImportResult {
  return { format, detected: 1, questions: [], lines: [], duplicates: [], warnings: [], failed: [{ line: 1, reason }] };
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

/** Two options 正确/错误 (对/错, 是/否, 正确/不正确) with one right: a judge question, whatever the format said. */
function judgeInDisguise(d: Draft): Draft {
  if ((d.type !== 'single' && d.type !== 'multiple') || !d.options || typeof d.answer !== 'string' || d.answer.length !== 1) return d;
  const pair = judgePair(d.options);
  if (!pair) return d;
  const { options: _options, ...rest } = d;
  return { ...rest, type: 'judge', answer: pair[letterIndex(d.answer)]! };
}

/**
 * The first differing pair when two option lists differ only by small slips in long options
 * (each differing pair at least 6 characters and 85% alike); undefined when they are other options.
 */
function slightDifference(a: string, b: string): [string, string] | undefined {
  const x = a.split('\u0001');
  const y = b.split('\u0001');
  if (x.length !== y.length || a === '') return undefined;
  let first: [string, string] | undefined;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    if (Math.min(x[i]!.length, y[i]!.length) < 6 || stemSimilarity(x[i]!, y[i]!) < NEAR_DUPLICATE_THRESHOLD) return undefined;
    first ??= [x[i]!, y[i]!];
  }
  return first;
}

/** What an item is compared by: stem (with its case material), options, key. */
interface Identity {
  stem: string;
  options: string;
  answer: string;
}

function identityOf(q: { stem: string; options?: string[] | undefined; answer?: QuestionData['answer'] | undefined; material?: string | undefined }): Identity {
  const material = q.material ? `${normalizeStem(q.material)}|` : '';
  const answer = q.answer === undefined ? '' : Array.isArray(q.answer) ? q.answer.map(squash).join('\u0001') : String(q.answer);
  return { stem: material + normalizeStem(q.stem), options: (q.options ?? []).map(squash).join('\u0001'), answer };
}

function answerText(a: QuestionData['answer'] | undefined): string {
  if (a === undefined) return '?';
  if (typeof a === 'boolean') return a ? '√' : '×';
  return Array.isArray(a) ? a.join('；') : a;
}

interface Known {
  identity: Identity;
  answer?: QuestionData['answer'];
  /** Line in this file, or the bank id. */
  line?: number;
  id?: string;
  /** A bank stem given without options and answer: any same stem is its duplicate. */
  stemOnly?: boolean;
  /** The stem as the bank writes it, for messages. */
  stem?: string;
}

/**
 * For each draft (by index), the bank questions whose stems are nearly (85%) the same but not
 * equal after normalisation: the bank's copy may have had a typo in its stem corrected.
 */
function nearBankStems(bank: readonly Known[], drafts: readonly Draft[]): Map<number, Known[]> {
  const out = new Map<number, Known[]>();
  const withOptions = bank.filter((k) => !k.stemOnly);
  for (const { a, b } of similarStemsIn(withOptions.map((k) => k.identity.stem), drafts.map((d) => identityOf(d).stem))) {
    (out.get(b) ?? out.set(b, []).get(b)!).push(withOptions[a]!);
  }
  return out;
}

function finalize(parsed: ParseOutcome, format: DetectedFormat, opts: ImportOptions): ImportResult {
  const resolveTopic = topicResolver(opts.topics);
  const nextId = idMaker(opts);
  const known = new Map<string, Known[]>();
  const remember = (k: Known) => (known.get(k.identity.stem) ?? known.set(k.identity.stem, []).get(k.identity.stem)!).push(k);
  const bank: Known[] = [];
  for (const e of opts.existingStems) {
    const k: Known = typeof e === 'string' ? { identity: identityOf({ stem: e }), stemOnly: true } : { identity: identityOf(e), answer: e.answer, id: e.id, stemOnly: e.answer === undefined, stem: e.stem };
    remember(k);
    bank.push(k);
  }
  const drafts = parsed.drafts.map(judgeInDisguise);
  const nearStems = nearBankStems(bank, drafts);
  const result: ImportResult = {
    format,
    detected: 0,
    questions: [],
    lines: [],
    duplicates: [...parsed.duplicates],
    failed: [...parsed.failed],
    warnings: (parsed.notes ?? []).map((n) => ({ line: n.line, id: '', message: n.message })),
  };

  for (const [index, d] of drafts.entries()) {
    const identity = identityOf(d);
    const twins = known.get(identity.stem) ?? [];
    const where = (k: Known) => (k.line !== undefined ? `the question at line ${k.line}` : k.id ? `${k.id} in the bank` : 'a question in the bank');
    const stemOnly = twins.find((k) => k.stemOnly);
    const same = twins.find((k) => !k.stemOnly && k.identity.options === identity.options && k.identity.answer === identity.answer);
    const twin = stemOnly ?? same;
    if (twin) {
      const reason = twin.line !== undefined ? `repeat of the question at line ${twin.line}` : 'already in the bank';
      result.duplicates.push({ line: d.line, stem: d.stem, reason, ...(twin.id ? { id: twin.id } : {}) });
      continue;
    }
    // A typo corrected in one copy ("营销售技能" / "营销技能") does not make another question.
    const near = twins.map((k) => ({ k, diff: k.stemOnly || k.identity.answer !== identity.answer ? undefined : slightDifference(k.identity.options, identity.options) })).find((x) => x.diff);
    if (near) {
      const what = near.k.line !== undefined ? `repeat of the question at line ${near.k.line}` : 'already in the bank';
      result.duplicates.push({ line: d.line, stem: d.stem, reason: `${what}; its options differ only slightly ("${near.diff![0]}" there, "${near.diff![1]}" here)`, ...(near.k.id ? { id: near.k.id } : {}) });
      continue;
    }
    // So does a typo corrected in one copy's stem ("客户管理" / "客户关系管理"), options and key alike.
    const nearStem = twins.length ? undefined : (nearStems.get(index) ?? []).find((k) => k.identity.answer === identity.answer && (k.identity.options === identity.options || slightDifference(k.identity.options, identity.options)));
    if (nearStem) {
      result.duplicates.push({ line: d.line, stem: d.stem, reason: `already in the bank; its stem differs only slightly ("${nearStem.stem ?? ''}" there)`, ...(nearStem.id ? { id: nearStem.id } : {}) });
      continue;
    }
    const conflict = twins.find((k) => k.identity.options === identity.options);
    if (conflict) {
      result.failed.push({
        line: d.line,
        reason: `${shortStem(d.stem)}: conflict: same stem and options as ${where(conflict)}, whose answer is ${answerText(conflict.answer)}, but the answer here is ${answerText(d.answer)}; fix the key in one of them`,
      });
      continue;
    }
    const needs: string[] = [...(d.notes ?? [])];
    if (twins.length > 0) needs.push(`same stem as ${where(twins[0]!)} with other options: imported as a separate question (bank lint will flag the repeated stem; reword one)`);
    const q = toQuestion(d, opts, resolveTopic, needs);
    const id = nextId(q.topic);
    const checked = QuestionSchema.safeParse({ ...q, id });
    if (!checked.success) {
      const why = checked.error.issues.map((i) => `${i.path.join('.') || 'question'}: ${i.message}`).join('; ');
      result.failed.push({ line: d.line, reason: `${shortStem(d.stem)}: ${why}` });
      continue;
    }
    remember({ identity, answer: d.answer, line: d.line });
    result.questions.push(checked.data);
    result.lines.push(d.line);
    result.warnings.push(...needs.map((message): ImportWarning => ({ line: d.line, id, message })));
  }
  result.duplicates.sort((a, b) => a.line - b.line);
  result.failed.sort((a, b) => a.line - b.line);
  result.warnings.sort((a, b) => a.line - b.line);
  result.detected = result.questions.length + result.duplicates.length + result.failed.length;
  return result;
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

  let source = d.source?.trim() ? tidySource(d.source) : undefined;
  if (!source && opts.sourceName?.trim()) {
    // Chosen by the person importing (--source): nothing to warn about.
    source = opts.sourceName.trim();
  }
  if (!source && d.heading) {
    source = collapseSpaces(d.heading.text);
    needs.push(`no 教材出处: source taken from the heading at line ${d.heading.line} "${source}"`);
  }
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
    ...(d.material?.trim() ? { material: collapseSpaces(d.material) } : {}),
    norms: [],
  };
}
