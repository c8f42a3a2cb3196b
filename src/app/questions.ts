// Editing one question in its YAML file: validated with the bank's own zod schema, written back
// through the `yaml` Document API so comments, key order and styles stay, atomically, and only
// when the file is still what the form was made from (its hash): a stale edit cannot overwrite
// another's change.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { QuestionSchema, type QuestionData } from '../bank/schema.js';
import { findQuestionType } from '../questions/registry.js';
import { writeFileAtomic } from './files.js';
import type { Problem } from './problem.js';

/** How the page writes YAML back: what the bank's files look like (no folding, `[a, b]`). */
const WRITE_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

export const fileHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The fields the form edits; the others a question may have (fixedOrder, enemies…) are kept as they are. */
export const EDITED_FIELDS = ['type', 'stem', 'options', 'answer', 'difficulty', 'source', 'explanation', 'material', 'norms', 'tags'] as const;

export interface QuestionInFile {
  text: string;
  hash: string;
  /** The question as written (before defaults), for the form. */
  raw: Record<string, unknown>;
}

function findItem(doc: Document, id: string): YAMLMap | undefined {
  const list = doc.get('questions');
  if (!isSeq(list)) return undefined;
  return list.items.find((item): item is YAMLMap => isMap(item) && item.get('id') === id);
}

export function readQuestion(file: string, id: string): QuestionInFile | undefined {
  const text = readFileSync(file, 'utf8');
  const item = findItem(parseDocument(text), id);
  if (!item) return undefined;
  return { text, hash: fileHash(text), raw: item.toJSON() as Record<string, unknown> };
}

/** Form fields (strings) → the question's edited fields; empty optional fields are dropped. */
export function fieldsFromForm(form: Record<string, string>): Record<string, unknown> {
  const lines = (s: string | undefined) => (s ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const words = (s: string | undefined) => (s ?? '').split(/[\s,，、;；]+/).map((w) => w.trim()).filter(Boolean);
  const type = (form.type ?? '').trim();
  const module = findQuestionType(type);
  // A type the form does not know is left for the schema to refuse, with the answer as typed.
  const answer = module ? module.answerFromText(form.answer ?? '') : (form.answer ?? '').trim();
  const out: Record<string, unknown> = {
    type,
    stem: (form.stem ?? '').trim(),
    answer,
    difficulty: /^\d+$/.test((form.difficulty ?? '').trim()) ? Number(form.difficulty) : form.difficulty,
    source: (form.source ?? '').trim(),
    explanation: (form.explanation ?? '').trim(),
    norms: words(form.norms),
  };
  const options = lines(form.options);
  if (options.length && module?.options === 'required') out.options = options;
  if ((form.material ?? '').trim()) out.material = form.material!.trim();
  const tags = words(form.tags);
  if (tags.length) out.tags = tags;
  return out;
}

/** Saved, or why not: a conflict (the file changed since it was read), or the schema's problems with the fields they concern. */
export type SaveResult =
  | { saved: true; question: QuestionData }
  | { saved: false; conflict: true; problem: Problem }
  | { saved: false; conflict: false; problems: Problem[] };

/** Validate the edited question and write it into `file` if the file still hashes to `hash`. */
export function saveQuestion(file: string, id: string, hash: string, fields: Record<string, unknown>): SaveResult {
  const text = readFileSync(file, 'utf8');
  if (fileHash(text) !== hash) {
    return { saved: false, conflict: true, problem: { code: 'stale-edit', severity: 'error', params: { id }, message: 'the file changed after this question was opened (another tab or an editor); your change was not saved: open the question again and change the latest text' } };
  }
  const doc = parseDocument(text);
  const item = findItem(doc, id);
  if (!item) return { saved: false, conflict: true, problem: { code: 'question-gone', severity: 'error', params: { id }, message: `the file no longer holds question ${id} (moved or renumbered?)` } };
  const before = item.toJSON() as Record<string, unknown>;
  const candidate: Record<string, unknown> = { ...before };
  for (const key of EDITED_FIELDS) delete candidate[key];
  Object.assign(candidate, fields);
  // Keep the file's key order: fields come out in the order they had, new ones at the end.
  const parsed = QuestionSchema.safeParse(candidate);
  if (!parsed.success) {
    return { saved: false, conflict: false, problems: parsed.error.issues.map((i): Problem => ({ code: 'schema', severity: 'error', id, params: { field: i.path.join('.') }, message: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` })) };
  }
  for (const key of EDITED_FIELDS) {
    const next = fields[key];
    if (next === undefined || (key === 'norms' && Array.isArray(next) && next.length === 0 && before.norms === undefined)) {
      if (item.has(key)) item.delete(key);
      continue;
    }
    if (JSON.stringify(before[key]) === JSON.stringify(next)) continue;
    const old = item.get(key, true);
    if (isScalar(old) && (typeof next !== 'object' || next === null)) {
      old.value = next; // in place: its comment and quoting style stay
      continue;
    }
    const node = doc.createNode(next);
    if (isSeq(old) && isSeq(node)) {
      node.flow = old.flow;
      node.comment = old.comment;
      node.commentBefore = old.commentBefore;
    } else if (isSeq(node)) {
      node.flow = node.items.every((n) => isScalar(n) && String(n.value).length <= 40);
    }
    item.set(key, node);
  }
  writeFileAtomic(file, doc.toString(WRITE_OPTIONS), { force: true });
  return { saved: true, question: parsed.data };
}
