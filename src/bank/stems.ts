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
 * Pairs of stems (by index) that are the same or nearly the same after normalisation; every
 * such pair, found without comparing the bank pair by pair. Prefix filtering: Dice >= t needs
 * a shared bigram count of at least t|A|/(2-t) whatever the partner, so two near twins must
 * share one of the rarest |A| - that + 1 bigrams of each; only those are indexed. Bigrams
 * count as a multiset (the second 礼仪 in a stem is its own token), as in stemSimilarity.
 */
export function similarStems(stems: readonly string[], threshold = NEAR_DUPLICATE_THRESHOLD): StemPair[] {
  const norm = stems.map(normalizeStem);
  const pairs: StemPair[] = [];
  const firstWith = new Map<string, number>();
  norm.forEach((s, i) => {
    const j = firstWith.get(s);
    if (j === undefined) firstWith.set(s, i);
    else pairs.push({ a: j, b: i, similarity: 1 });
  });
  const keys = norm.map(bigramKeys);
  const rank = rarityRanks(keys);
  const tokens = keys.map((ts) => rankedTokens(ts, rank));
  const postings: number[][] = Array.from({ length: rank.size }, () => []);
  const stamp = new Int32Array(norm.length).fill(-1);
  for (let i = 0; i < norm.length; i++) {
    const mine = tokens[i]!;
    const size = mine.length;
    if (size === 0) continue;
    const prefix = prefixLength(size, threshold);
    const candidates: number[] = [];
    for (let k = 0; k < prefix; k++) {
      for (const j of postings[mine[k]!]!) {
        if (stamp[j] === i) continue;
        stamp[j] = i;
        candidates.push(j);
      }
    }
    candidates.sort((a, b) => a - b);
    for (const j of candidates) {
      const theirs = tokens[j]!;
      if (norm[i] === norm[j] || (2 * Math.min(size, theirs.length)) / (size + theirs.length) < threshold) continue;
      const similarity = (2 * sharedCount(mine, theirs)) / (size + theirs.length);
      if (similarity >= threshold && negations(norm[i]!) === negations(norm[j]!)) pairs.push({ a: j, b: i, similarity });
    }
    for (let k = 0; k < prefix; k++) postings[mine[k]!]!.push(i);
  }
  return pairs;
}

/**
 * Tokens of a normalised stem: bigrams as numbers (two UTF-16 units), the k-th repeat of one
 * tagged as its own token (k * 2^32 added); numbers, not strings, because a bank has millions.
 */
function bigramKeys(s: string): number[] {
  const seen = new Map<number, number>();
  const out = new Array<number>(Math.max(0, s.length - 1));
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
    const k = seen.get(g) ?? 0;
    seen.set(g, k + 1);
    out[i] = g + k * 4294967296;
  }
  return out;
}

/** Token ids by rarity over `keys`, so each stem's sorted ids list its rarest bigrams first. */
function rarityRanks(keys: readonly number[][]): Map<number, number> {
  const frequency = new Map<number, number>();
  for (const ts of keys) for (const t of ts) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  return new Map([...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || a - b).map((t, r) => [t, r]));
}

/** A stem's token ids, sorted; a token `rank` does not know gets a negative id of its own (it is in no indexed stem). */
function rankedTokens(keys: readonly number[], rank: Map<number, number>): Int32Array {
  let unknown = 0;
  return Int32Array.from(keys, (t) => rank.get(t) ?? --unknown).sort();
}

/** How many of a stem's first (rarest) tokens must include a shared one for Dice >= threshold. */
function prefixLength(size: number, threshold: number): number {
  return size - Math.ceil((threshold / (2 - threshold)) * size - 1e-9) + 1;
}

/**
 * Pairs of a stem of `indexed` (a) and a stem of `queries` (b) that are nearly the same but not
 * equal after normalisation, with the same negations. Only `indexed` is indexed, so a large
 * import checked against a bank costs one look-up per imported stem, never a pass over pairs
 * of imported stems.
 */
export function similarStemsIn(indexed: readonly string[], queries: readonly string[], threshold = NEAR_DUPLICATE_THRESHOLD): StemPair[] {
  const pairs: StemPair[] = [];
  if (indexed.length === 0 || queries.length === 0) return pairs;
  const norm = indexed.map(normalizeStem);
  const keys = norm.map(bigramKeys);
  const rank = rarityRanks(keys);
  const tokens = keys.map((ts) => rankedTokens(ts, rank));
  const postings: number[][] = Array.from({ length: rank.size }, () => []);
  tokens.forEach((mine, j) => {
    const prefix = Math.min(prefixLength(mine.length, threshold), mine.length);
    for (let k = 0; k < prefix; k++) postings[mine[k]!]!.push(j);
  });
  const stamp = new Int32Array(indexed.length).fill(-1);
  queries.forEach((query, i) => {
    const q = normalizeStem(query);
    const mine = rankedTokens(bigramKeys(q), rank);
    const size = mine.length;
    if (size === 0) return;
    const candidates: number[] = [];
    for (let k = 0; k < prefixLength(size, threshold); k++) {
      if (mine[k]! < 0) continue;
      for (const j of postings[mine[k]!]!) {
        if (stamp[j] === i) continue;
        stamp[j] = i;
        candidates.push(j);
      }
    }
    for (const j of candidates.sort((a, b) => a - b)) {
      const theirs = tokens[j]!;
      if (q === norm[j] || (2 * Math.min(size, theirs.length)) / (size + theirs.length) < threshold) continue;
      const similarity = (2 * sharedCount(mine, theirs)) / (size + theirs.length);
      if (similarity >= threshold && negations(q) === negations(norm[j]!)) pairs.push({ a: j, b: i, similarity });
    }
  });
  return pairs;
}

/** Size of the intersection of two sorted id lists. */
function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}
