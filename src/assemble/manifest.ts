// The manifest: everything needed to print a paper again, byte for byte the same for the same
// bank, blueprint and seed. Keys are written in a fixed order; nothing depends on the clock.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { QUESTION_TYPES, type Question, type QuestionType } from '../bank/schema.js';
import { BlueprintSchema, type Blueprint } from './blueprint.js';
import type { Candidate } from './roster.js';

/** 2: a content hash per question, so a paper is never rebuilt from a question edited since. */
export const MANIFEST_FORMAT = 2;

export interface ManifestQuestion {
  id: string;
  /** First 16 hex digits of sha256 over the question's canonical content (`questionHash`). */
  hash: string;
  points: number;
  /** Option permutation: position i shows original option order[i] ("CABD"); none without options. */
  order?: string;
  /** The answer as printed after shuffling: letters, true/false, or one entry per blank. */
  answer: string | boolean | string[];
}

export interface ManifestSection {
  type: QuestionType;
  title: string;
  instruction: string;
  points: number;
  questions: ManifestQuestion[];
  /** Single choice only, and only when fixedOrder pins make an even spread of A-D impossible. */
  letterBalance?: string;
}

export interface ManifestVariant {
  index: number;
  /** A, B, C... or the candidate id. */
  label: string;
  candidate?: Candidate;
  totalPoints: number;
  sections: ManifestSection[];
}

export interface Manifest {
  format: number;
  tool: { name: string; version: string };
  bank: { sha256: string; questions: number };
  blueprint: { file: string; sha256: string; content: Blueprint };
  seed: number;
  mode: 'shuffle' | 'parallel';
  variants: ManifestVariant[];
}

/** JSON with object keys sorted at every level: the canonical form hashes are taken over. */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

/** The same text as JSON.stringify(sortKeys(value)), written directly (hashing a large bank is hot). */
function canonical(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    // Lists of strings (options, norms, answers) are already canonical: one native call.
    if (value.every((v) => typeof v === 'string')) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${canonical(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON(): unknown }).toJSON());
  let out = '{';
  let first = true;
  for (const key of Object.keys(value).sort()) {
    const text = canonical((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The question as content: everything a trainer wrote, not where, nor what grading measured. */
export function questionContent(q: Question): unknown {
  const { loc: _loc, observed: _observed, ...content } = q;
  return content;
}

const keyOrders = new Map<string, { key: string; prefix: string }[]>();

/** canonicalJson(questionContent(q)) without copying the question: the hot loop of bankHash. */
function questionJson(q: Question): string {
  let shape = '';
  for (const k in q) shape += `${k},`;
  let order = keyOrders.get(shape);
  if (!order) {
    // Where it was written and what grading measured are not what a trainer wrote.
    order = Object.keys(q)
      .filter((k) => k !== 'loc' && k !== 'observed')
      .sort()
      .map((key, i) => ({ key, prefix: `${i ? ',' : ''}${JSON.stringify(key)}:` }));
    keyOrders.set(shape, order);
  }
  let out = '{';
  let first = true;
  for (const { key, prefix } of order) {
    const text = canonical((q as unknown as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    out += first && prefix[0] === ',' ? prefix.slice(1) : prefix;
    out += text;
    first = false;
  }
  return `${out}}`;
}

/** The content hash kept per question in the manifest: 64 bits of sha256, enough to see an edit. */
export function questionHash(q: Question): string {
  return sha256(questionJson(q)).slice(0, 16);
}

const hashes = new WeakMap<readonly Question[], { length: number; hash: string }>();

/** sha256 over the canonical content of every question, ids sorted (cached per loaded bank). */
export function bankHash(questions: readonly Question[], idOrder?: readonly number[]): string {
  const known = hashes.get(questions);
  if (known && known.length === questions.length) return known.hash;
  const hash = computeBankHash(questions, idOrder?.length === questions.length ? idOrder : undefined);
  hashes.set(questions, { length: questions.length, hash });
  return hash;
}

function computeBankHash(questions: readonly Question[], idOrder: readonly number[] | undefined): string {
  // Id order (bank order among equal ids) through a native sort of decorated keys, unless the
  // caller already knows it (assemble's bank index does).
  const sorted = idOrder
    ? idOrder.map((i) => questions[i]!)
    : questions
        .map((q, i) => `${q.id}\u0000${String(i).padStart(9, '0')}`)
        .sort()
        .map((key) => questions[Number(key.slice(key.indexOf('\u0000') + 1))]!);
  const h = createHash('sha256');
  let chunk = '';
  for (const q of sorted) {
    chunk += `${questionJson(q)}\n`;
    if (chunk.length > 1 << 16) {
      h.update(chunk, 'utf8');
      chunk = '';
    }
  }
  h.update(chunk, 'utf8');
  return h.digest('hex');
}

/** The manifest as written to manifest.json: fixed key order, blueprint keys sorted, 2-space indent. */
export function serializeManifest(m: Manifest): string {
  const ordered = {
    format: m.format,
    tool: { name: m.tool.name, version: m.tool.version },
    bank: { sha256: m.bank.sha256, questions: m.bank.questions },
    blueprint: { file: m.blueprint.file, sha256: m.blueprint.sha256, content: sortKeys(m.blueprint.content) },
    seed: m.seed,
    mode: m.mode,
    variants: m.variants.map((v) => ({
      index: v.index,
      label: v.label,
      ...(v.candidate ? { candidate: { id: v.candidate.id, name: v.candidate.name, ...(v.candidate.branch ? { branch: v.candidate.branch } : {}) } } : {}),
      totalPoints: v.totalPoints,
      sections: v.sections.map((s) => ({
        type: s.type,
        title: s.title,
        instruction: s.instruction,
        points: s.points,
        ...(s.letterBalance !== undefined ? { letterBalance: s.letterBalance } : {}),
        questions: s.questions.map((q) => ({
          id: q.id,
          hash: q.hash,
          points: q.points,
          ...(q.order !== undefined ? { order: q.order } : {}),
          answer: q.answer,
        })),
      })),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const letters = z.string().regex(/^[A-H]{1,8}$/, 'option letters A-H');

const ManifestQuestionSchema = z
  .object({
    id: z.string().min(1),
    hash: z.string().regex(/^[0-9a-f]{16}$/, '16 hex digits'),
    points: z.number().positive(),
    order: letters.optional(),
    answer: z.union([letters, z.boolean(), z.array(z.string().min(1)).min(1)]),
  })
  .strict();

const ManifestSectionSchema = z
  .object({
    type: z.enum(QUESTION_TYPES),
    title: z.string(),
    instruction: z.string(),
    points: z.number().positive(),
    letterBalance: z.string().optional(),
    questions: z.array(ManifestQuestionSchema).min(1),
  })
  .strict();

export const ManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT, { error: `format must be ${MANIFEST_FORMAT}; a manifest of another exampress version cannot be trusted here, assemble it again` }),
    tool: z.object({ name: z.literal('exampress'), version: z.string() }).strict(),
    bank: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), questions: z.number().int().min(0) }).strict(),
    blueprint: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), content: BlueprintSchema }).strict(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    mode: z.enum(['shuffle', 'parallel']),
    variants: z
      .array(
        z
          .object({
            index: z.number().int().min(0),
            label: z.string().min(1),
            candidate: z.object({ id: z.string(), name: z.string(), branch: z.string().optional() }).strict().optional(),
            totalPoints: z.number().positive(),
            sections: z.array(ManifestSectionSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** Why a manifest cannot be used; `path` points into the JSON for FILE:LINE:COL. */
export interface ManifestProblem {
  message: string;
  path: (string | number)[];
}

/** Read a manifest back and check its shape (zod); a problem is a value, never a throw. */
export function parseManifest(text: string): { manifest: Manifest } | { problem: string; path: (string | number)[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { problem: `is not JSON: ${(err as Error).message}`, path: [] };
  }
  if (!value || typeof value !== 'object' || !('variants' in value) || !('blueprint' in value)) {
    return { problem: `is not an exampress manifest (format ${MANIFEST_FORMAT} with blueprint and variants)`, path: [] };
  }
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
    return { problem: `${path.length ? `${path.join('.')}: ` : ''}${issue.message}${more}`, path };
  }
  return { manifest: parsed.data as Manifest };
}
