import { describe, expect, test } from 'vitest';
import { allowedLetters, answerAfter, balanceAnswerLetters, permuteOptions } from '../../src/assemble/options.js';
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
