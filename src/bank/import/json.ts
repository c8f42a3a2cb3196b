// JSON and JSON5 (JavaScript literals from small exam apps, after "var bank =" or "export
// default" is stripped): arrays of objects, the same field names as tables, options as an
// array, an {A:…} object or objects with a correct flag, answers as letters, text or a 0- or
// 1-based index, and case groups (材料 + 子题) whose questions share the material.
import { fieldOf, loneAIsAnswer, normalizeHeader, rawToDraft, type RawItem } from './records.js';
import { lineOf, lineStarts } from '../../lines.js';
import { parseTypeName } from './text.js';
import type { ImportFailure, ParseOutcome } from './types.js';

type Obj = Record<string, unknown>;

const PREFIX = /^\s*(?:(?:module\.)?exports(?:\.[\w$]+)?\s*=|export\s+default|export\s+(?:const|let|var)\s+[\w$]+\s*=|(?:var|let|const)\s+[\w$]+\s*=|(?:window|globalThis|self)\.[\w$]+\s*=)\s*/;
const CHILDREN = /^(子题|小题|子题目|题目列表|问题列表|questions|children|items|subquestions|sub|list|qs|subitems)$/;
const OPTION_TEXT = ['text', 'content', 'label', 'value', 'option', 'title', 'desc', '内容', '选项内容', '选项'];
const OPTION_FLAG = /^(correct|iscorrect|right|isright|isanswer|answer|istrue|是否正确|正确)$/;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flag(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && /^(true|1|yes|y|是|对|√)$/i.test(v.trim()));
}

/** The literal after an export prefix, comments and a trailing semicolon removed. */
export function stripExport(text: string): string {
  let s = text.replace(/^\uFEFF/, '');
  for (;;) {
    const t = s.replace(/^\s*(?:\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)/, '');
    if (t === s) break;
    s = t;
  }
  s = s.replace(PREFIX, '');
  // The literal ends at its closing bracket: "…]; export default bank;" leaves the rest behind.
  const end = literalEnd(s);
  return (end > 0 ? s.slice(0, end) : s.replace(/;\s*$/, '')).trim();
}

/** Index after the first balanced [...] or {...}, skipping strings and comments; -1 if none. */
function literalEnd(s: string): number {
  let depth = 0;
  let started = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (c === '/' && s[i + 1] === '/') i = s.indexOf('\n', i) < 0 ? s.length : s.indexOf('\n', i);
    else if (c === '/' && s[i + 1] === '*') i = s.indexOf('*/', i) < 0 ? s.length : s.indexOf('*/', i) + 1;
    else if (c === '[' || c === '{') {
      depth++;
      started = true;
    } else if (c === ']' || c === '}') {
      depth--;
      if (started && depth === 0) return i + 1;
    } else if (!started && !/\s/.test(c)) return -1;
  }
  return -1;
}

interface Found {
  obj: Obj;
  material?: string;
  /** The type a wrapper key gives ({"单选题": [...], "判断题": [...]}). */
  typeHint?: string;
  /** An object among questions that has no stem key: reported, not dropped. */
  stemless?: boolean;
}

/** Keys of `obj` mapped to fields, with `--map` overrides (field name → key). */
function keyFields(obj: Obj, map: Record<string, string>): Map<string, ReturnType<typeof fieldOf>> {
  const out = new Map<string, ReturnType<typeof fieldOf>>();
  for (const k of Object.keys(obj)) {
    const f = fieldOf(k);
    if (f) out.set(k, f);
  }
  for (const [name, key] of Object.entries(map)) {
    const hit = Object.keys(obj).find((k) => k === key || normalizeHeader(k) === normalizeHeader(key));
    if (!hit) continue;
    const ref = fieldOf(name)!;
    for (const [k, f] of out) if (f?.field === ref.field && f.letter === ref.letter) out.delete(k);
    out.set(hit, ref);
  }
  if (loneAIsAnswer(out.values())) for (const [k, f] of out) if (f?.field === 'option') out.set(k, { field: 'answer' });
  return out;
}

function stemKey(obj: Obj, map: Record<string, string>): string | undefined {
  for (const [k, f] of keyFields(obj, map)) if (f?.field === 'stem' && typeof obj[k] === 'string') return k;
  return undefined;
}

/** Sub-questions of a case group: an array of objects that are questions (or groups) themselves. */
function childrenOf(obj: Obj, map: Record<string, string>): unknown[] | undefined {
  for (const [k, v] of Object.entries(obj)) {
    if (CHILDREN.test(normalizeHeader(k)) && Array.isArray(v) && v.some((o) => isObj(o) && (stemKey(o, map) !== undefined || childrenOf(o, map) !== undefined))) return v;
  }
  return undefined;
}

/** Questions in document order; a group's own text (材料, or its stem when it has children) is their material. */
function collect(value: unknown, map: Record<string, string>, material: string | undefined, out: Found[], typeHint?: string): void {
  if (Array.isArray(value)) {
    const questions = value.some((v) => isObj(v) && (stemKey(v, map) !== undefined || childrenOf(v, map) !== undefined));
    for (const v of value) {
      if (questions && isObj(v) && stemKey(v, map) === undefined && childrenOf(v, map) === undefined) out.push({ obj: v, stemless: true });
      else collect(v, map, material, out, typeHint);
    }
    return;
  }
  if (!isObj(value)) return;
  const children = childrenOf(value, map);
  const fields = keyFields(value, map);
  const materialKey = [...fields].find(([, f]) => f?.field === 'material')?.[0];
  if (children) {
    const own = (materialKey && typeof value[materialKey] === 'string' ? (value[materialKey] as string) : undefined) ?? (stemKey(value, map) ? String(value[stemKey(value, map)!]) : undefined);
    collect(children, map, own ?? material, out, typeHint);
    return;
  }
  if (stemKey(value, map)) {
    out.push({ obj: value, ...(material !== undefined ? { material } : {}), ...(typeHint ? { typeHint } : {}) });
    return;
  }
  // A wrapper such as {"data": [...]} or {"单选题": [...], "判断题": [...]}: its arrays of objects.
  for (const [k, v] of Object.entries(value)) if (Array.isArray(v) || isObj(v)) collect(v, map, material, out, parseTypeName(k) ? k : typeHint);
}

function toRaw(found: Found, map: Record<string, string>, line: number): RawItem {
  const { obj } = found;
  const item: RawItem = { line, ...(found.material !== undefined ? { material: found.material } : {}) };
  for (const [k, f] of keyFields(obj, map)) {
    const v = obj[k];
    if (!f || v === undefined || v === null) continue;
    if (f.field === 'option') {
      item.options ??= [];
      item.options[f.letter!.charCodeAt(0) - 65] = String(v);
    } else if (f.field === 'options') {
      if (Array.isArray(v)) {
        item.options = v.map((o) => (isObj(o) ? String(o[Object.keys(o).find((x) => OPTION_TEXT.includes(normalizeHeader(x))) ?? ''] ?? '') : String(o)));
        const flags = v.map((o) => (isObj(o) ? flag(o[Object.keys(o).find((x) => OPTION_FLAG.test(normalizeHeader(x))) ?? '']) : false));
        if (flags.some(Boolean)) item.correct = flags;
      } else if (isObj(v)) {
        const letters = Object.keys(v).filter((x) => /^[A-Ha-h]$/.test(x.trim())).sort();
        item.options = letters.map((x) => String(v[x]));
      } else item.packed = String(v);
    } else if (f.field === 'answer') item.answer = v;
    else if (f.field === 'difficulty') item.difficulty = v;
    else if (f.field === 'material') item.material = String(v);
    else if (f.field !== 'id') (item as unknown as Obj)[f.field] = typeof v === 'string' ? v : Array.isArray(v) ? v.join(';') : String(v);
  }
  if (item.options) item.options = Array.from(item.options, (o) => o);
  if (item.type === undefined && found.typeHint) item.type = found.typeHint;
  return item;
}

/** Lines where each item's stem first appears in the source, in order. */
function lineFinder(source: string): (needle: string) => number {
  const starts = lineStarts(source);
  let cursor = 0;
  return (needle) => {
    const probe = needle.slice(0, 12);
    let at = probe ? source.indexOf(probe, cursor) : -1;
    if (at < 0 && probe) at = source.indexOf(JSON.stringify(probe).slice(1, -1), cursor);
    if (at >= 0) cursor = at + probe.length;
    return lineOf(starts, at >= 0 ? at : cursor) + 1;
  };
}

export async function parseJson(text: string, map: Record<string, string> = {}): Promise<ParseOutcome> {
  const { default: JSON5 } = await import('json5');
  const body = stripExport(text);
  let value: unknown;
  try {
    value = JSON5.parse(body);
  } catch (err) {
    const e = err as { lineNumber?: number; message: string };
    const offset = text.split('\n').length - body.split('\n').length;
    return { drafts: [], duplicates: [], failed: [{ line: (e.lineNumber ?? 1) + Math.max(0, offset), reason: `not readable as JSON/JSON5: ${e.message}` }] };
  }
  const found: Found[] = [];
  collect(value, map, undefined, found);
  const lineOf = lineFinder(text);
  const firstText = (o: Obj) => String(Object.values(o).find((v) => typeof v === 'string') ?? '');
  const raws = found.map((f) => (f.stemless ? { line: lineOf(firstText(f.obj)), stemless: Object.keys(f.obj) } : toRaw(f, map, lineOf(String(f.obj[stemKey(f.obj, map)!] ?? '')))));

  // Numeric answers: 0-based when a 0 appears, 1-based when one equals the option count.
  const items = raws.filter((r): r is RawItem => !('stemless' in r));
  // Option numbers: numbers, lists of numbers, or digit strings ("2", "0,2").
  const isIndex = (a: unknown) => typeof a === 'number' || (typeof a === 'string' && /^\s*\d+(?:\s*,\s*\d+)*\s*$/.test(a));
  const numeric = items.filter((r) => (r.options?.length ?? 0) > 0 && (isIndex(r.answer) || (Array.isArray(r.answer) && r.answer.length > 0 && r.answer.every(isIndex))));
  const values = numeric.flatMap((r) => String(([] as unknown[]).concat(r.answer).join(',')).split(/\D+/).filter(Boolean).map((a) => ({ a: Number(a), n: r.options?.length ?? 0 })));
  const notes: { line: number; message: string }[] = [];
  let indexBase: 0 | 1 = 0;
  if (values.some((v) => v.a === 0)) indexBase = 0;
  else if (values.some((v) => v.a === v.n)) indexBase = 1;
  else if (values.length) notes.push({ line: numeric[0]!.line, message: 'answers are option numbers and none is 0 or the last number: read as 0-based (0 = A); check a few' });

  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [], notes };
  for (const raw of raws) {
    if ('stemless' in raw) {
      out.failed.push({ line: raw.line, reason: `an object with no question key (keys: ${raw.stemless.join(', ') || 'none'}); name it with --map 题干=KEY` });
      continue;
    }
    const d = rawToDraft(raw, { indexBase });
    if ('reason' in d) out.failed.push(d as ImportFailure);
    else out.drafts.push(d);
  }
  if (found.length === 0) out.failed.push({ line: 1, reason: 'no question objects found: expected an array of objects with a 题干/question key (or --map 题干=KEY)' });
  return out;
}
