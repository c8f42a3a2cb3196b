// From a manifest back to printable content: the questions it names, options in the printed
// order, answers as printed. Works on a bank that has grown since, as long as the ids remain.
import type { Bank, Question, QuestionType } from '../bank/schema.js';
import type { Manifest } from './manifest.js';
import { manifestProblems } from './verify.js';

export interface ResolvedQuestion {
  id: string;
  /** Number printed on the paper, counting through all sections (1, 2, ...). */
  number: number;
  stem: string;
  /** Options in printed order; empty for judge and fill. */
  options: string[];
  /** As printed: letters after shuffling, true/false, or one entry per blank. */
  answer: string | boolean | string[];
  points: number;
  question: Question;
}

export interface ResolvedSection {
  type: QuestionType;
  title: string;
  instruction: string;
  /** Points per question. */
  points: number;
  questions: ResolvedQuestion[];
}

export interface ResolvedVariant {
  title: string;
  subtitle?: string;
  duration: number;
  organisation?: string;
  label: string;
  candidate?: { id: string; name: string; branch?: string };
  sections: ResolvedSection[];
  totalPoints: number;
}

export class MissingQuestionsError extends Error {
  constructor(readonly ids: string[]) {
    super(`the manifest names questions the bank no longer has: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`);
  }
}

/** A manifest that does not fit the bank: a question changed since, or an order or answer tampered with. */
export class ManifestMismatchError extends Error {}

/** Ids the manifest names that `bank` lacks (empty when every paper can be printed). */
export function missingQuestions(bank: Bank, manifest: Manifest): string[] {
  const have = new Set(bank.questions.map((q) => q.id));
  const missing = new Set<string>();
  for (const v of manifest.variants) for (const s of v.sections) for (const q of s.questions) if (!have.has(q.id)) missing.add(q.id);
  return [...missing].sort();
}

/**
 * Variant `index` of `manifest` as content to print. Throws MissingQuestionsError if ids are
 * gone and ManifestMismatchError if a question changed or an order or answer does not fit, so
 * a wrong key is never printed (callers report `manifestProblems` first, located).
 */
export function resolveVariant(bank: Bank, manifest: Manifest, index: number): ResolvedVariant {
  const variant = manifest.variants[index];
  if (!variant) throw new RangeError(`the manifest has ${manifest.variants.length} variant(s); there is no variant ${index + 1}`);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const missing = missingQuestions(bank, { ...manifest, variants: [variant] });
  if (missing.length) throw new MissingQuestionsError(missing);
  const misfit = manifestProblems(bank, { ...manifest, variants: [variant] })[0];
  if (misfit) throw new ManifestMismatchError(`the manifest does not fit the bank: ${misfit.message}`);
  const bp = manifest.blueprint.content;
  let number = 0;
  return {
    title: bp.title,
    ...(bp.subtitle !== undefined ? { subtitle: bp.subtitle } : {}),
    duration: bp.durationMinutes,
    ...(bp.organisation !== undefined ? { organisation: bp.organisation } : {}),
    label: variant.label,
    ...(variant.candidate ? { candidate: variant.candidate } : {}),
    totalPoints: variant.totalPoints,
    sections: variant.sections.map((s) => ({
      type: s.type,
      title: s.title,
      instruction: s.instruction,
      points: s.points,
      questions: s.questions.map((mq) => {
        const q = byId.get(mq.id)!;
        const options = mq.order && q.options ? mq.order.split('').map((l) => q.options![l.charCodeAt(0) - 65]!) : (q.options ?? []);
        return { id: q.id, number: ++number, stem: q.stem, options, answer: mq.answer, points: mq.points, question: q };
      }),
    })),
  };
}
