// Option shuffling: fixed options keep their place, and the correct letters of single-choice
// questions come out balanced (each letter near its share, never more than 3 alike in a row).
import type { Question } from '../bank/schema.js';
import { BoundedFlow } from './flow.js';
import type { Rng } from './prng.js';

import { LETTERS } from '../questions/choice.js';

export { LETTERS };

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

/** Target letters for the correct options of single-choice questions, and a note when balance is out of reach. */
export interface LetterPlan {
  letters: string[];
  /** Why the spread is not as even as the letters allow, or runs remain (fixedOrder pins); absent when met. */
  note?: string;
}

/** Can questions (their allowed letters) take letters so that each letter's count is within [lo, hi]? */
function countsReachable(allowed: readonly string[][], universe: readonly string[], lo: ReadonlyMap<string, number>, hi: ReadonlyMap<string, number>): boolean {
  const f = new BoundedFlow();
  const src = f.addNode();
  const sink = f.addNode();
  const letterNode = new Map(universe.map((l) => [l, f.addNode()]));
  for (const l of universe) f.addEdge(letterNode.get(l)!, sink, Math.max(0, lo.get(l)!), hi.get(l)!);
  for (const options of allowed) {
    const qn = f.addNode();
    f.addEdge(src, qn, 1, 1);
    for (const l of options) f.addEdge(qn, letterNode.get(l)!, 0, 1);
  }
  return f.solve(src, sink);
}

/**
 * Target letters for the correct options of single-choice questions, in paper order. Each
 * letter gets its fair share (n/4 each when every question has four options: 5/5/5/5 for 20)
 * whenever the fixedOrder pins allow it, else the most even spread they allow; and no letter
 * comes up more than `maxRun` times in a row unless pins force it. An exact search: a bounded
 * flow says whether the counts can still be met, a depth-first search places the letters.
 */
export function planAnswerLetters(allowed: string[][], optionCounts: readonly number[], rng: Rng, maxRun = 3): LetterPlan {
  const n = allowed.length;
  if (n === 0) return { letters: [] };
  const universe = [...new Set(allowed.flat())].sort();
  const share = new Map(universe.map((l) => [l, 0]));
  optionCounts.forEach((k) => {
    for (const l of universe) if (LETTERS.indexOf(l) < k) share.set(l, share.get(l)! + 1 / k);
  });
  let lo = new Map<string, number>();
  let hi = new Map<string, number>();
  let slack = 0;
  for (; slack <= n; slack++) {
    lo = new Map(universe.map((l) => [l, Math.max(0, Math.floor(share.get(l)! + 1e-9) - slack)]));
    hi = new Map(universe.map((l) => [l, Math.ceil(share.get(l)! - 1e-9) + slack]));
    if (countsReachable(allowed, universe, lo, hi)) break;
  }
  const letters: string[] = new Array(n).fill('');
  const used = new Map(universe.map((l) => [l, 0]));
  let budget = 20_000;
  const place = (i: number, runLimit: number): boolean => {
    if (i === n) return true;
    if (--budget < 0) return false;
    const options = allowed[i]!.length > 1 ? rng.shuffle(allowed[i]!.slice()) : allowed[i]!;
    for (const l of options) {
      if (used.get(l)! >= hi.get(l)!) continue;
      if (runEndingBefore(letters, i, l) + 1 > runLimit) continue;
      letters[i] = l;
      used.set(l, used.get(l)! + 1);
      const rest = allowed.slice(i + 1);
      const ok =
        countsReachable(rest, universe, new Map(universe.map((x) => [x, lo.get(x)! - used.get(x)!])), new Map(universe.map((x) => [x, hi.get(x)! - used.get(x)!]))) &&
        place(i + 1, runLimit);
      if (ok) return true;
      used.set(l, used.get(l)! - 1);
      letters[i] = '';
    }
    return false;
  };
  // Pins alone may make a longer run (four pinned D in a row): that much is allowed, no more.
  const pinnedRun = longestRun(allowed.map((a, i) => (a.length === 1 ? a[0]! : `free ${i}`)));
  const runsMet = place(0, Math.max(maxRun, pinnedRun));
  if (!runsMet) {
    budget = Number.MAX_SAFE_INTEGER;
    letters.fill('');
    universe.forEach((l) => used.set(l, 0));
    place(0, n); // counts alone are reachable (the flow said so): this finds them at once
  }
  const notes: string[] = [];
  if (slack > 0) {
    const pinned = allowed.filter((a) => a.length === 1).length;
    notes.push(`fixedOrder pins ${pinned} of ${n} answers; the most even spread they allow is ${universe.map((l) => `${l} ${used.get(l)}`).join(', ')}`);
  }
  const longest = longestRun(letters);
  if (!runsMet || longest > maxRun) notes.push(`fixedOrder forces a run of ${longest} equal answer letters`);
  return notes.length ? { letters, note: notes.join('; ') } : { letters };
}

function runEndingBefore(letters: readonly string[], i: number, l: string): number {
  let run = 0;
  while (i - run - 1 >= 0 && letters[i - run - 1] === l) run++;
  return run;
}

function longestRun(letters: readonly string[]): number {
  let best = letters.length ? 1 : 0;
  let run = 1;
  for (let i = 1; i < letters.length; i++) {
    run = letters[i] === letters[i - 1] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}
