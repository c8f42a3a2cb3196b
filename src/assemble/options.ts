// Option shuffling: fixed options keep their place, and the correct letters of single-choice
// questions come out balanced (each letter near its share, never more than 3 alike in a row).
import type { Question } from '../bank/schema.js';
import type { Rng } from './prng.js';

export const LETTERS = 'ABCDEFGH';

/** Original letters that keep their place: all of them for `fixedOrder: true`. */
export function fixedLetters(q: Question): Set<string> {
  const n = q.options?.length ?? 0;
  if (q.fixedOrder === true) return new Set(LETTERS.slice(0, n));
  return new Set(q.fixedOrder ?? []);
}

/**
 * A permutation as a string: position i shows original option `order[i]`. The correct option
 * goes to `target` when given (the caller checked it is allowed).
 */
export function permuteOptions(q: Question, rng: Rng, target?: string): string {
  const n = q.options?.length ?? 0;
  const letters = LETTERS.slice(0, n).split('');
  const fixed = fixedLetters(q);
  const free = letters.filter((l) => !fixed.has(l));
  const order: string[] = letters.map((l) => (fixed.has(l) ? l : ''));
  let movable = rng.shuffle(free.slice());
  if (target !== undefined && typeof q.answer === 'string' && q.answer.length === 1 && !fixed.has(q.answer)) {
    order[LETTERS.indexOf(target)] = q.answer;
    movable = movable.filter((l) => l !== q.answer);
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (order[i] === '') order[i] = movable[k++]!;
  return order.join('');
}

/** The answer letters after the options were put in `order`, sorted (e.g. "ABD"). */
export function answerAfter(order: string, answer: string): string {
  return answer
    .split('')
    .map((l) => LETTERS[order.indexOf(l)]!)
    .sort()
    .join('');
}

/** Letters the correct option of a single-choice question may land on. */
export function allowedLetters(q: Question): string[] {
  const n = q.options?.length ?? 0;
  const answer = String(q.answer);
  const fixed = fixedLetters(q);
  if (fixed.has(answer)) return [answer];
  return LETTERS.slice(0, n)
    .split('')
    .filter((l) => !fixed.has(l));
}

const longestRunEndingAt = (letters: string[], i: number): number => {
  let run = 1;
  while (i - run >= 0 && letters[i - run] === letters[i]) run++;
  return run;
};

function hasLongRun(letters: string[], maxRun: number): number {
  let run = 1;
  for (let i = 1; i < letters.length; i++) {
    run = letters[i] === letters[i - 1] ? run + 1 : 1;
    if (run > maxRun) return i;
  }
  return -1;
}

/**
 * Target letters for the correct options of single-choice questions, in paper order: the most
 * constrained questions choose first, each the least used letter it may take (ties at
 * random); then runs longer than `maxRun` are broken by swapping letters between questions.
 */
export function balanceAnswerLetters(allowed: string[][], rng: Rng, maxRun = 3): string[] {
  const n = allowed.length;
  const used = new Map<string, number>();
  const letters: string[] = new Array(n).fill('');
  // A letter's fair share: what it would get if every free question chose among its letters
  // evenly (with 5-option questions in the paper, E gets a little, not as much as A). Pinned
  // answers count as used, so the free questions make up for them.
  const share = new Map<string, number>();
  for (const letters of allowed) if (letters.length > 1) for (const l of letters) share.set(l, (share.get(l) ?? 0) + 1 / letters.length);
  const load = (l: string) => ((used.get(l) ?? 0) + 1) / (share.get(l) ?? 1e-9);
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i)).sort((a, b) => allowed[a]!.length - allowed[b]!.length);
  for (const i of order) {
    const options = rng.shuffle(allowed[i]!.slice());
    let best = options[0]!;
    for (const l of options) if (load(l) < load(best)) best = l;
    letters[i] = best;
    used.set(best, (used.get(best) ?? 0) + 1);
  }
  // Break long runs; a swap keeps the counts, a change is the fallback when no swap fits.
  for (let guard = 0; guard < 10 * n; guard++) {
    const i = hasLongRun(letters, maxRun);
    if (i < 0) break;
    const runStart = i - maxRun;
    let fixed = false;
    for (let p = i; p >= runStart && !fixed; p--) {
      const mine = letters[p]!;
      const partners = rng.shuffle(Array.from({ length: n }, (_, j) => j));
      for (const j of partners) {
        const theirs = letters[j]!;
        if (theirs === mine || Math.abs(j - p) <= 0) continue;
        if (!allowed[p]!.includes(theirs) || !allowed[j]!.includes(mine)) continue;
        const trial = letters.slice();
        trial[p] = theirs;
        trial[j] = mine;
        if (longestRunAround(trial, p) <= maxRun && longestRunAround(trial, j) <= maxRun) {
          letters[p] = theirs;
          letters[j] = mine;
          fixed = true;
          break;
        }
      }
      if (!fixed) {
        const other = allowed[p]!.find((l) => l !== mine && longestRunAround(replaceAt(letters, p, l), p) <= maxRun);
        if (other) {
          letters[p] = other;
          fixed = true;
        }
      }
    }
    if (!fixed) break; // every question in the run is pinned by fixedOrder
  }
  return letters;
}

function replaceAt(letters: string[], i: number, l: string): string[] {
  const copy = letters.slice();
  copy[i] = l;
  return copy;
}

function longestRunAround(letters: string[], i: number): number {
  let end = i;
  while (end + 1 < letters.length && letters[end + 1] === letters[i]) end++;
  return longestRunEndingAt(letters, end);
}
