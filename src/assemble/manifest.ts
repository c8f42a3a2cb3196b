// The manifest: everything needed to print a paper again, byte for byte the same for the same
// bank, blueprint and seed. Keys are written in a fixed order; nothing depends on the clock.
import { createHash } from 'node:crypto';
import type { Question, QuestionType } from '../bank/schema.js';
import type { Blueprint } from './blueprint.js';
import type { Candidate } from './roster.js';

export const MANIFEST_FORMAT = 1;

export interface ManifestQuestion {
  id: string;
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
  return JSON.stringify(sortKeys(value));
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

const hashes = new WeakMap<readonly Question[], { length: number; hash: string }>();

/** sha256 over the canonical content of every question, ids sorted (cached per loaded bank). */
export function bankHash(questions: readonly Question[]): string {
  const known = hashes.get(questions);
  if (known && known.length === questions.length) return known.hash;
  const hash = computeBankHash(questions);
  hashes.set(questions, { length: questions.length, hash });
  return hash;
}

function computeBankHash(questions: readonly Question[]): string {
  const sorted = [...questions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const h = createHash('sha256');
  for (const q of sorted) h.update(`${canonicalJson(questionContent(q))}\n`, 'utf8');
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
      ...(v.candidate ? { candidate: { id: v.candidate.id, name: v.candidate.name } } : {}),
      totalPoints: v.totalPoints,
      sections: v.sections.map((s) => ({
        type: s.type,
        title: s.title,
        instruction: s.instruction,
        points: s.points,
        questions: s.questions.map((q) => ({
          id: q.id,
          points: q.points,
          ...(q.order !== undefined ? { order: q.order } : {}),
          answer: q.answer,
        })),
      })),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export interface ManifestProblem {
  message: string;
}

/** Read a manifest back; shape errors are messages, not throws. */
export function parseManifest(text: string): { manifest: Manifest } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { problem: `is not JSON: ${(err as Error).message}` };
  }
  const m = value as Partial<Manifest>;
  if (!m || typeof m !== 'object' || m.format !== MANIFEST_FORMAT || !Array.isArray(m.variants) || !m.blueprint?.content) {
    return { problem: `is not an exampress manifest (format ${MANIFEST_FORMAT} with blueprint and variants)` };
  }
  return { manifest: m as Manifest };
}
