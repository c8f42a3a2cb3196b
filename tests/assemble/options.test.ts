import { describe, expect, test } from 'vitest';
import { allowedLetters, answerAfter, permuteOptions, planAnswerLetters } from '../../src/assemble/options.js';
import { createRng } from '../../src/assemble/prng.js';
import { makeQuestion } from './synthetic.js';

const longestRun = (letters: string[]) => {
  let best = 1;
  let run = 1;
  for (let i = 1; i < letters.length; i++) {
    run = letters[i] === letters[i - 1] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
};

/** Letters for questions with these allowed letters (all four-option unless five are allowed). */
const balanceAnswerLetters = (allowed: string[][], rng: ReturnType<typeof createRng>) => planAnswerLetters(allowed, allowed.map((a) => (a.includes('E') ? 5 : 4)), rng).letters;
const counts = (letters: string[]) => [...'ABCD'].map((l) => letters.filter((x) => x === l).length);

describe('correct letters of single-choice questions', () => {
  test('balanced: each letter near a quarter and no run of more than 3, for many seeds', () => {
    for (let seed = 0; seed < 200; seed++) {
      const n = 8 + (seed % 40);
      const letters = balanceAnswerLetters(Array.from({ length: n }, () => ['A', 'B', 'C', 'D']), createRng(seed));
      expect(longestRun(letters)).toBeLessThanOrEqual(3);
      for (const l of 'ABCD') {
        const count = letters.filter((x) => x === l).length;
        expect(Math.abs(count - n / 4)).toBeLessThanOrEqual(1);
      }
    }
  });

  test('questions pinned by fixedOrder keep their letter and the rest still balance', () => {
    const allowed = Array.from({ length: 20 }, (_, i) => (i < 3 ? ['D'] : ['A', 'B', 'C', 'D']));
    const letters = balanceAnswerLetters(allowed, createRng(5));
    expect(letters.slice(0, 3)).toEqual(['D', 'D', 'D']);
    expect(longestRun(letters)).toBeLessThanOrEqual(3);
    for (const l of 'ABCD') expect(letters.filter((x) => x === l).length).toBe(5);
  });

  test('five-option questions do not pull the letters of four-option ones onto E', () => {
    const allowed = Array.from({ length: 40 }, (_, i) => (i % 10 === 0 ? ['A', 'B', 'C', 'D', 'E'] : ['A', 'B', 'C', 'D']));
    const letters = balanceAnswerLetters(allowed, createRng(9));
    expect(letters.filter((l) => l === 'E').length).toBeLessThanOrEqual(1);
  });
});

describe('letter balance with fixedOrder pins (issue 16)', () => {
  test('5/5/5/5 and no run over 3 whenever the pins allow it, for 2,000 random pin patterns', () => {
    for (let seed = 0; seed < 2000; seed++) {
      const rng = createRng(seed, 'pins');
      // Up to 8 of 20 questions pinned to D ("以上都是") or to a random letter (fixedOrder: true).
      const allowed = Array.from({ length: 20 }, () => (rng.int(100) < 30 ? [rng.int(2) ? 'D' : 'ABCD'[rng.int(4)]!] : ['A', 'B', 'C', 'D']));
      const pinned = counts(allowed.filter((a) => a.length === 1).map((a) => a[0]!));
      const plan = planAnswerLetters(allowed, allowed.map(() => 4), createRng(seed));
      allowed.forEach((a, i) => expect(a).toContain(plan.letters[i]));
      // A run the pins make on their own (four pinned D in a row) cannot be broken.
      const forced = longestRun(allowed.map((a) => (a.length === 1 ? a[0]! : `free${Math.random()}`)));
      expect(longestRun(plan.letters), `seed ${seed}`).toBeLessThanOrEqual(Math.max(3, forced));
      if (pinned.every((n) => n <= 5)) {
        expect(counts(plan.letters), `seed ${seed}`).toEqual([5, 5, 5, 5]);
        if (forced <= 3) expect(plan.note, `seed ${seed}`).toBeUndefined();
        else expect(plan.note).toMatch(/forces a run/);
      } else {
        // Out of reach: the most even spread the pins allow, and the manifest is told why.
        const most = Math.max(...pinned);
        expect(Math.max(...counts(plan.letters))).toBe(most);
        expect(plan.note).toMatch(/fixedOrder pins \d+ of 20 answers; the most even spread they allow is A \d+, B \d+, C \d+, D \d+/);
      }
    }
  });

  test('the 6/6/6/2 case: four pins on D among twenty still give 5/5/5/5', () => {
    const allowed = Array.from({ length: 20 }, (_, i) => ([2, 7, 11, 19].includes(i) ? ['D'] : ['A', 'B', 'C', 'D']));
    for (let seed = 0; seed < 50; seed++) {
      const plan = planAnswerLetters(allowed, allowed.map(() => 4), createRng(seed));
      expect(counts(plan.letters)).toEqual([5, 5, 5, 5]);
      expect(longestRun(plan.letters)).toBeLessThanOrEqual(3);
    }
  });

  test('four pinned D in a row are a run the manifest reports', () => {
    const allowed = Array.from({ length: 8 }, (_, i) => (i < 4 ? ['D'] : ['A', 'B', 'C', 'D']));
    const plan = planAnswerLetters(allowed, allowed.map(() => 4), createRng(1));
    expect(plan.letters.slice(0, 4)).toEqual(['D', 'D', 'D', 'D']);
    expect(plan.note).toMatch(/fixedOrder forces a run of 4 equal answer letters/);
  });
});

describe('option permutations', () => {
  test('fixedOrder: true never moves an option', () => {
    const q = makeQuestion('single', 't', 1, 'Q-1', { answer: 'B', fixedOrder: true });
    for (let seed = 0; seed < 20; seed++) expect(permuteOptions(q, createRng(seed))).toBe('ABCD');
    expect(allowedLetters(q)).toEqual(['B']);
  });

  test('fixed letters stay put ("以上都是" as D) and the answer follows its option', () => {
    const q = makeQuestion('multiple', 't', 1, 'Q-2', { answer: 'AD', fixedOrder: ['D'] });
    for (let seed = 0; seed < 50; seed++) {
      const order = permuteOptions(q, createRng(seed));
      expect(order[3]).toBe('D');
      const answer = answerAfter(order, 'AD');
      expect(answer.split('').map((l) => order[l.charCodeAt(0) - 65]).sort().join('')).toBe('AD');
    }
  });

  test('a target letter puts the correct option there', () => {
    const q = makeQuestion('single', 't', 1, 'Q-3', { answer: 'A' });
    for (const target of 'ABCD') expect(answerAfter(permuteOptions(q, createRng(1), target), 'A')).toBe(target);
  });
});
