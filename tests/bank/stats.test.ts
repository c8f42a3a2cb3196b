// What `exampress bank stats` tells a trainer about coverage: which norms no question tests.
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import { bankStats, formatStats } from '../../src/bank/stats.js';
import { makeBank, validQuestions } from './makeBank.js';

describe('bank stats coverage', () => {
  it('says every norm is tested, and by how many questions at most', () => {
    const { bank } = loadBank(makeBank());
    const stats = bankStats(bank);
    expect(stats.untestedNorms).toEqual([]);
    expect(stats.maxQuestionsPerNorm).toBe(2);
    expect(formatStats(stats, bank)).toMatch(/Every norm is tested: each by 1 to 2 questions\./);
  });

  it('names the norms no question tests', () => {
    const { bank } = loadBank(makeBank({ questions: validQuestions().filter((q) => q.id !== 'DH-002') }));
    const stats = bankStats(bank);
    expect(stats.untestedNorms).toEqual(['phone-note']);
    expect(formatStats(stats, bank)).toMatch(/1 norms are not tested yet: phone-note\./);
  });
});
