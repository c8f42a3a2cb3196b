// Comparing stems the way a reader does: punctuation, spacing, width, numbering and what is
// written in the answer bracket do not make two questions different.
import { normalizeStem } from './import/normalize.js';

export { normalizeStem };

/** Words that turn a statement around: two stems differing in them are different questions. */
const NEGATIONS = /不|非|无|没|禁|勿|错误|正确|除外/g;

function negations(normalized: string): string {
  return (normalized.match(NEGATIONS) ?? []).join('');
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams (multiset), 0..1. */
export function stemSimilarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (A.length === 0 || B.length === 0) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const g of A) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of B) {
    const c = counts.get(g);
    if (c) {
      shared++;
      counts.set(g, c - 1);
    }
  }
  return (2 * shared) / (A.length + B.length);
}

export const NEAR_DUPLICATE_THRESHOLD = 0.85;

export interface StemPair {
  a: number;
  b: number;
  similarity: number;
}

/**
 * Pairs of stems (by index) that are the same or nearly the same after normalisation.
 * Candidates come from an inverted index of rare bigrams, so a large bank is not compared
 * pair by pair.
 */
export function similarStems(stems: readonly string[], threshold = NEAR_DUPLICATE_THRESHOLD): StemPair[] {
  const norm = stems.map(normalizeStem);
  const grams = norm.map((s) => [...new Set(bigrams(s))]);
  const postings = new Map<string, number[]>();
  grams.forEach((gs, i) => gs.forEach((g) => (postings.get(g) ?? postings.set(g, []).get(g)!).push(i)));
  const common = Math.max(50, stems.length * 0.05);
  const pairs: StemPair[] = [];
  const firstWith = new Map<string, number>();
  norm.forEach((s, i) => {
    const j = firstWith.get(s);
    if (j === undefined) firstWith.set(s, i);
    else pairs.push({ a: j, b: i, similarity: 1 });
  });
  for (let i = 0; i < norm.length; i++) {
    const shared = new Map<number, number>();
    for (const g of grams[i]!) {
      const list = postings.get(g)!;
      if (list.length > common) continue;
      for (const j of list) if (j < i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, n] of shared) {
      // Exact twins are found above; Dice needs several shared bigrams to reach the threshold.
      if (n < 2 || norm[i] === norm[j]) continue;
      const similarity = stemSimilarity(norm[i]!, norm[j]!);
      if (similarity >= threshold && negations(norm[i]!) === negations(norm[j]!)) pairs.push({ a: j, b: i, similarity });
    }
  }
  return pairs;
}
