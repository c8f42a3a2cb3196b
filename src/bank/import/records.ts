// Rows and objects from structured files (xlsx, csv, json) → drafts. The column or key names
// people use (题干/题目/question, 选项A…选项H or one packed options cell, 答案/answer, 题型/type,
// 解析, 难度, 知识点/章节, 出处, 材料) map to our fields; `--map 题干=B,答案=F` overrides them.
import type { QuestionType } from '../schema.js';
import { bracketsToBlanks, squash } from './normalize.js';
import { collapseSpaces, indexLetter, judgePair, letterIndex, parseDifficulty, parseJudge, parseLetters, parseTypeName, plainText, splitInlineOptions, stripNumbering, shortStem } from './text.js';
import type { Draft, ImportFailure } from './types.js';

export type Field = 'stem' | 'options' | 'option' | 'answer' | 'type' | 'explanation' | 'difficulty' | 'topic' | 'source' | 'material' | 'id';

export interface FieldRef {
  field: Field;
  /** Option letter, for `option`. */
  letter?: string;
}

const NAMES: [Field, RegExp][] = [
  ['id', /^(序号|题号|编号|id|no|number|#|num)$/],
  ['stem', /^(题干|题目|试题内容|题目内容|试题|问题|题目名称|试题题干|question|questiontext|stem|title|content|q|内容)$/],
  ['options', /^(选项|备选项|备选答案|选项内容|答案选项|所有选项|options?|choices?|answers|items)$/],
  ['answer', /^(答案|正确答案|标准答案|参考答案|正确选项|answer|correct|correctanswer|key|rightanswer|right)$/],
  ['type', /^(题型|类型|试题类型|题目类型|题类|type|questiontype|kind|qtype)$/],
  ['explanation', /^(解析|答案解析|试题解析|题目解析|解释|分析|analysis|explanation|explain|feedback|note)$/],
  ['difficulty', /^(难度|难易度|难易程度|难度系数|difficulty|level)$/],
  ['topic', /^(知识点|章节|题目涉及知识点|分类|考点|topic|category|chapter|section)$/],
  ['source', /^(出处|教材出处|来源|文件依据|依据|出处依据|教材出处页码或文件依据|source|reference|ref)$/],
  ['material', /^(材料|案例|案例材料|背景材料|阅读材料|资料|material|case|passage|context|stimulus)$/],
];

export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[\s_\-:：()（）*.、]/g, '');
}

/** The field a column header or JSON key names, or undefined. */
export function fieldOf(header: string): FieldRef | undefined {
  const h = normalizeHeader(header);
  const opt = /^(?:选项|option|choice|答案|opt|item)?([a-h])(?:选项|项)?$/.exec(h);
  if (opt) return { field: 'option', letter: opt[1]!.toUpperCase() };
  for (const [field, re] of NAMES) if (re.test(h)) return { field };
  // Longer Chinese headers: 试题题干, 所属章节, 难度等级, 答案解析说明, 参考依据…
  for (const [field, re] of LOOSE_NAMES) if (re.test(h)) return { field };
  return undefined;
}

const LOOSE_NAMES: [Field, RegExp][] = [
  ['stem', /题干|题目内容|试题内容|题面|试题题目|试题名称/],
  ['explanation', /解析|解题思路|试题分析|答案分析/],
  ['options', /选项/],
  ['answer', /答案/],
  ['type', /题型|题目类型|试题类型/],
  ['difficulty', /难度|难易/],
  ['topic', /知识点|章节|考点|分类/],
  ['source', /出处|依据|来源/],
  ['material', /材料|案例/],
];

/**
 * A lone option "A" beside no "B" is the answer ({q: '…', a: 'B'}, as flashcard apps write it),
 * unless an answer is named elsewhere.
 */
export function loneAIsAnswer(refs: Iterable<FieldRef | undefined>): boolean {
  const list = [...refs];
  const options = list.filter((f) => f?.field === 'option');
  return options.length === 1 && options[0]!.letter === 'A' && !list.some((f) => f?.field === 'answer');
}

/** "题干=B,答案=F,选项=C" → field → column letter, header or key. */
export function parseMap(spec: string): Record<string, string> | { error: string } {
  const out: Record<string, string> = {};
  for (const part of spec.split(/[,，;；]/)) {
    if (part.trim() === '') continue;
    const m = /^\s*([^=]+?)\s*=\s*(.+?)\s*$/.exec(part);
    if (!m || !fieldOf(m[1]!)) return { error: `--map "${part.trim()}": write FIELD=COLUMN, e.g. 题干=B,答案=F (fields: 题干 选项 选项A…选项H 答案 题型 解析 难度 知识点 出处 材料)` };
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** One question as found in a row or object, before interpretation. */
export interface RawItem {
  line: number;
  stem?: string;
  /** Options already separate (columns 选项A…, a JSON array), in order; undefined where a cell is empty. */
  options?: (string | undefined)[];
  /** One cell holding every option: "A.…B.…", "**A:…**B:…", lines, "|". */
  packed?: string;
  answer?: unknown;
  /** Per-option correct flags (JSON options as objects). */
  correct?: boolean[];
  type?: string;
  explanation?: string;
  difficulty?: unknown;
  topic?: string;
  source?: string;
  material?: string;
}

export interface RecordContext {
  /** How numeric answers count: 0 (first option is 0) or 1. */
  indexBase: 0 | 1;
}

/** "A.甲 B.乙", "**A:甲**B:乙", "甲\n乙", "甲|乙" → option texts. */
export function splitPacked(cell: string): string[] {
  const s = cell.replace(/\*{2,}/g, ' ').replace(/\r\n?/g, '\n').trim();
  const marked = splitInlineOptions(s, 'A', true);
  if (marked && marked.before.trim() === '') return marked.options.map((o) => o.text.replace(/[；;]+$/, '').trim());
  for (const sep of ['\n', '||', '|', '；', ';', '$$', '/']) {
    if (s.includes(sep)) return s.split(sep).map((o) => o.trim()).filter((o) => o !== '');
  }
  return s === '' ? [] : [s];
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = collapseSpaces(plainText(String(v)));
  return s === '' ? undefined : s;
}

function typeOf(name: string | undefined): QuestionType | undefined {
  if (!name) return undefined;
  const zh = parseTypeName(name);
  if (zh) return zh;
  const t = name.toLowerCase();
  if (/multi|checkbox|multiple_?response/.test(t)) return 'multiple';
  if (/single|radio|choice/.test(t)) return 'single';
  if (/judge|true.?false|^tf$|bool|yes.?no/.test(t)) return 'judge';
  if (/fill|blank|short|cloze|text.?entry/.test(t)) return 'fill';
  return undefined;
}


/** Letters an answer names: "B", "A,C", "a c", an option's text, indices, correct flags. */
function lettersOf(item: RawItem, options: string[], ctx: RecordContext): string | undefined {
  if (item.correct?.some((c) => c)) return item.correct.map((c, i) => (c ? indexLetter(i) : '')).join('');
  const a = item.answer;
  const fromIndex = (n: number) => (Number.isInteger(n) ? indexLetter(n - ctx.indexBase) : undefined);
  if (typeof a === 'number') return fromIndex(a);
  if (Array.isArray(a)) {
    const parts = a.map((x) => (typeof x === 'number' ? fromIndex(x) : typeof x === 'string' ? (parseLetters(x) ?? matchText(x, options)) : undefined));
    return parts.every((p) => p !== undefined) ? parseLetters(parts.join('')) : undefined;
  }
  if (typeof a !== 'string') return undefined;
  const letters = parseLetters(a);
  if (letters) return letters;
  // "2" or "1,3" in a cell: option numbers.
  if (/^\s*\d+(?:\s*[,，、;；\s]\s*\d+)*\s*$/.test(a)) {
    const picked = a.split(/[^\d]+/).filter(Boolean).map((n) => fromIndex(Number(n)));
    if (picked.every((l) => l !== undefined && letterIndex(l) >= 0)) return parseLetters(picked.join(''));
  }
  return matchText(a, options);
}

function matchText(a: string, options: string[]): string | undefined {
  const i = options.findIndex((o) => squash(o) === squash(text(a) ?? ''));
  return i >= 0 ? indexLetter(i) : undefined;
}

/** A row or object → a draft, or a failure naming the line and the fix. */
export function rawToDraft(item: RawItem, ctx: RecordContext): Draft | ImportFailure {
  const line = item.line;
  const stem0 = text(item.stem);
  if (!stem0) return { line, reason: 'no 题干 (question text) in this row; map the column with --map 题干=B' };
  const stem = stripNumbering(stem0);
  const fail = (why: string): ImportFailure => ({ line, reason: `${shortStem(stem)}: ${why}` });

  let options: string[] = [];
  if (item.options?.some((o) => text(o) !== undefined)) {
    const cells = item.options.map((o) => text(o));
    while (cells.length && cells[cells.length - 1] === undefined) cells.pop();
    const hole = cells.findIndex((c) => c === undefined);
    if (hole >= 0) return fail(`option ${indexLetter(hole)} is empty but a later option is not`);
    options = cells as string[];
  } else if (item.packed !== undefined && text(item.packed) !== undefined) {
    options = splitPacked(plainText(String(item.packed))).map((o) => collapseSpaces(o));
  }
  if (options.length > 8) return fail(`${options.length} options; at most 8 (A–H) are allowed`);

  const declared = typeOf(item.type);
  // "问答", "简答": a kind of question the bank does not hold. A code such as "1" says nothing: the answer decides.
  if (item.type && !declared && /\p{Script=Han}/u.test(item.type)) return fail(`题型 "${item.type}" is not 单选/多选/判断/填空; only those can be imported`);
  const notes: string[] = [];
  if (item.type && !declared) notes.push(`题型 "${item.type}" not understood: the type was taken from the options and answer`);
  let difficulty: number | undefined;
  if (item.difficulty !== undefined && item.difficulty !== null && String(item.difficulty).trim() !== '') {
    difficulty = parseDifficulty(String(item.difficulty));
    if (difficulty === undefined) notes.push(`难度 "${String(item.difficulty)}" is not 1..5 (or 易/中/难)`);
  }
  const meta = {
    line,
    ...(text(item.explanation) ? { explanation: text(item.explanation)! } : {}),
    ...(text(item.topic) ? { topic: text(item.topic)! } : {}),
    ...(text(item.source) ? { source: text(item.source)! } : {}),
    ...(text(item.material) ? { material: text(item.material)! } : {}),
    ...(difficulty !== undefined ? { difficulty } : {}),
  };
  const withNotes = <T extends object>(d: T) => (notes.length ? { ...d, notes } : d);
  const answerText = typeof item.answer === 'string' || typeof item.answer === 'number' || typeof item.answer === 'boolean' ? String(item.answer) : undefined;
  const hasAnswer = item.answer !== undefined && item.answer !== null && String(item.answer).trim() !== '' || item.correct?.some((c) => c);
  if (!hasAnswer) return fail('no answer (答案) in this row');

  if (options.length >= 2 && declared !== 'fill') {
    const pair = judgePair(options);
    const letters = lettersOf(item, options, ctx);
    if (pair && (declared === 'judge' || declared === 'single' || declared === undefined)) {
      // 正确/错误 written as two options: a judge question in every format.
      const value = letters?.length === 1 ? pair[letterIndex(letters)] : parseJudge(answerText ?? '');
      if (value === undefined) return fail(`answer "${answerText ?? String(item.answer)}" is neither option A nor B`);
      return withNotes({ ...meta, type: 'judge' as const, stem, answer: value });
    }
    if (declared === 'judge') return fail('题型 判断 but the options are not a true/false pair (正确/错误, 对/错)');
    if (!letters) return fail(`answer "${answerText ?? JSON.stringify(item.answer)}" names no option (letters A–${indexLetter(options.length - 1)}, an option's text, or its number)`);
    const outside = [...letters].find((l) => letterIndex(l) >= options.length || letterIndex(l) < 0);
    if (outside) return fail(`answer ${outside} but the options stop at ${indexLetter(options.length - 1)}`);
    if (declared === 'single' && letters.length > 1) return fail(`题型 单选 but the answer is ${letters}; fix the type or the answer`);
    let type: QuestionType = letters.length > 1 ? 'multiple' : 'single';
    if (declared === 'multiple' && letters.length === 1) notes.push('题型 多选 with one right answer: imported as a single-choice question');
    if (declared === 'multiple' && letters.length > 1) type = 'multiple';
    return withNotes({ ...meta, type, stem, options, answer: letters });
  }
  if (options.length === 1) return fail('only one option; a choice question needs at least two');
  if (declared === 'single' || declared === 'multiple') return fail(`题型 ${declared === 'single' ? '单选' : '多选'} but no options were found; map the options with --map 选项A=C or --map 选项=C`);

  const judge =
    typeof item.answer === 'boolean'
      ? item.answer
      : (parseJudge(answerText ?? '') ?? (declared === 'judge' && /^\s*[01]\s*$/.test(answerText ?? '') ? answerText!.trim() === '1' : undefined));
  if (declared === 'judge' || (declared === undefined && judge !== undefined)) {
    if (judge === undefined) return fail(`判断题 answer "${answerText}" is not √/×, 对/错, 正确/错误, true/false`);
    return withNotes({ ...meta, type: 'judge' as const, stem, answer: judge });
  }
  // Fill-in: answers per blank separated by ; (or listed), alternatives by |.
  const answers = (Array.isArray(item.answer) ? item.answer.map((a) => String(a)) : String(item.answer).split(/[;；]/))
    .map((a) => collapseSpaces(plainText(a)))
    .filter(Boolean);
  let fillStem = stem;
  if (!/_{3,}/.test(fillStem)) {
    const blanks = /[(（]\s*[)）]/.test(fillStem) ? fillStem.replace(/[(（]\s*[)）]/g, '___') : bracketsToBlanks(fillStem).answers.length === answers.length ? bracketsToBlanks(fillStem).stem : `${fillStem}___`;
    fillStem = blanks;
  }
  const count = fillStem.match(/_{3,}/g)?.length ?? 0;
  if (count !== answers.length) return fail(`${count} blank(s) in the stem but ${answers.length} answer(s); separate the answers of several blanks with ；`);
  return withNotes({ ...meta, type: 'fill' as const, stem: fillStem, answer: answers });
}

/** Column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export interface TableMapping {
  /** Column index (0-based) → field. */
  columns: Map<number, FieldRef>;
  /** Row (0-based) of the header, or -1 when --map names columns by letter and there is none. */
  headerRow: number;
  unused: string[];
}

/**
 * Finds the header row among the first rows (the first with a 题干-like column and one more
 * known column) and maps its columns; `--map` entries override by letter or header name.
 */
export function mapTable(rows: string[][], map: Record<string, string> = {}): TableMapping | { error: string } {
  let headerRow = -1;
  let columns = new Map<number, FieldRef>();
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const found = new Map<number, FieldRef>();
    rows[r]!.forEach((cell, c) => {
      const f = cell ? fieldOf(cell) : undefined;
      if (f) found.set(c, f);
    });
    const fields = [...found.values()].map((f) => f.field);
    if (found.size >= 2 && (fields.includes('stem') || Object.keys(map).some((k) => fieldOf(k)?.field === 'stem'))) {
      headerRow = r;
      columns = found;
      break;
    }
  }
  for (const [name, target] of Object.entries(map)) {
    const ref = fieldOf(name)!;
    let col = -1;
    if (/^[A-Za-z]{1,2}$/.test(target)) {
      const t = target.toUpperCase();
      col = t.length === 1 ? t.charCodeAt(0) - 65 : (t.charCodeAt(0) - 64) * 26 + t.charCodeAt(1) - 65;
    } else if (headerRow >= 0) col = rows[headerRow]!.findIndex((h) => normalizeHeader(h ?? '') === normalizeHeader(target));
    if (col < 0) return { error: `--map ${name}=${target}: no column "${target}" in the header row; use a column letter (A, B, …) or a header` };
    for (const [c, f] of columns) if (f.field === ref.field && f.letter === ref.letter) columns.delete(c);
    columns.set(col, ref);
  }
  if (loneAIsAnswer(columns.values())) for (const [c, f] of columns) if (f.field === 'option') columns.set(c, { field: 'answer' });
  if (headerRow < 0 && Object.keys(map).length) {
    // Columns named only by --map: the first row is a header unless its answer cell reads as an answer.
    const first = rows.findIndex((r) => r.some((c) => c && c.trim()));
    const answerCol = [...columns].find(([, f]) => f.field === 'answer')?.[0];
    const cell = first >= 0 && answerCol !== undefined ? rows[first]![answerCol] ?? '' : '';
    if (first >= 0 && !(parseLetters(cell) || parseJudge(cell) !== undefined)) headerRow = first;
  }
  if (![...columns.values()].some((f) => f.field === 'stem')) {
    return { error: 'no header row naming the question column (题干, 题目, 试题内容, question) in the first 10 rows; name it there or pass --map 题干=B,答案=F' };
  }
  const unused = headerRow >= 0 ? rows[headerRow]!.map((h, c) => (h && h.trim() && !columns.has(c) ? `${columnLetter(c + 1)} "${h.trim()}"` : '')).filter(Boolean) : [];
  return { columns, headerRow, unused };
}

/** A table row → raw item by the mapping; undefined for an empty row. */
export function rowToItem(row: string[], mapping: TableMapping, line: number): RawItem | undefined {
  if (row.every((c) => c === undefined || String(c).trim() === '')) return undefined;
  const item: RawItem = { line };
  for (const [c, ref] of mapping.columns) {
    const v = row[c];
    if (v === undefined || String(v).trim() === '') continue;
    if (ref.field === 'option') {
      item.options ??= [];
      item.options[letterIndex(ref.letter!)] = v;
    } else if (ref.field === 'options') item.packed = v;
    else if (ref.field !== 'id') (item as unknown as Record<string, unknown>)[ref.field] = v;
  }
  if (item.options) item.options = Array.from(item.options, (o) => o);
  return item;
}
