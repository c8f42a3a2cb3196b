// The one door from a bank folder to anything printed: a bank with a lint error never yields
// a paper, a key, a sheet or a web page. Warnings pass through to be shown, they do not stop.
import { lintBank, sortProblems } from './lint.js';
import { loadBank, type LoadResult } from './load.js';
import type { Bank, Problem } from './schema.js';

export interface BankForPapers {
  /** The bank, or null when any problem is an error: then nothing may be assembled or printed. */
  bank: Bank | null;
  /** Every problem of loading and lint, sorted by file and line (errors and warnings). */
  problems: Problem[];
}

/**
 * Load `dir` and lint it; the bank comes back only when there is no error. `assemble`, `paper`,
 * `build` and the web page all call this (or `checkBankForPapers` on a bank they loaded), print
 * `problems`, and stop with exit 1 when `bank` is null, writing nothing.
 */
export function loadBankForPapers(dir: string): BankForPapers {
  return checkBankForPapers(loadBank(dir));
}

/** The gate on a bank already loaded: load problems plus every lint rule; null bank on any error. */
export function checkBankForPapers(loaded: LoadResult): BankForPapers {
  const skipLint = loaded.problems.some((p) => p.rule === 'missing-folder');
  const problems = sortProblems([...loaded.problems, ...(skipLint ? [] : lintBank(loaded.bank))]);
  const blocked = problems.some((p) => p.severity === 'error') || loaded.bank.questions.length === 0;
  if (blocked && !problems.some((p) => p.severity === 'error')) {
    problems.push({ severity: 'error', file: loaded.bank.dir, line: 1, col: 1, rule: 'empty-bank', message: 'the bank holds no questions' });
  }
  return { bank: blocked ? null : loaded.bank, problems };
}
