// The bank as the use cases see it: opened through the gate (a bank with an error never yields
// a paper), linted, counted, its JSON Schemas written.
import { join } from 'node:path';
import { blueprintJsonSchema } from '../assemble/blueprint.js';
import { loadCheckedBank } from '../bank/cache.js';
import { configJsonSchema } from '../bank/config.js';
import { loadBankForPapers } from '../bank/gate.js';
import { lintBank, sortProblems } from '../bank/lint.js';
import { DEFAULT_MAX_QUESTIONS_PER_NORM } from '../bank/lintContent.js';
import { loadBank } from '../bank/load.js';
import { jsonSchemas, type Bank, type Problem as BankProblem } from '../bank/schema.js';
import { bankStats, formatStats, type BankStats } from '../bank/stats.js';
import { displayPath } from '../paths.js';
import type { CacheSettings } from './cache.js';
import { catchOutput, writeFileAtomic } from './files.js';
import { errorsIn, failed, fromBankProblem, succeeded, type Problem, type Result } from './problem.js';

/**
 * The bank in `dir` through the gate: its warnings on success; on any error every error and a
 * last line saying nothing was written. With a cache, a bank checked before is read back.
 */
export function openBank(dir: string, opts: { cache?: CacheSettings } = {}): Result<{ bank: Bank }> {
  const { bank, problems } = opts.cache ? gated(loadCheckedBank(dir, opts.cache)) : loadBankForPapers(dir);
  const all = problems.map(fromBankProblem);
  const errors = errorsIn(all);
  if (!bank || errors.length) {
    return failed('input', [...errors, { code: 'bank-errors', severity: 'error', params: { errors: errors.length, bank: displayPath(dir) }, message: `the bank has ${errors.length} error(s); fix them (exampress bank lint); nothing was written` }]);
  }
  const warnings = all.length - errors.length;
  return succeeded({ bank }, warnings ? [{ code: 'bank-warnings', severity: 'warning', params: { warnings }, message: `note: the bank has ${warnings} warning(s); see exampress bank lint` }] : []);
}

/** A cached load through the gate: no bank when any problem is an error. */
function gated(loaded: { bank: Bank; problems: BankProblem[] }): { bank: Bank | null; problems: BankProblem[] } {
  return { bank: loaded.problems.some((p) => p.severity === 'error') ? null : loaded.bank, problems: loaded.problems };
}

export interface LintReport {
  questions: number;
  norms: number;
  /** Every problem, sorted by file and line. */
  problems: Problem[];
  errors: number;
  warnings: number;
}

/** Every problem of the bank in `dir`: loading, schema and every lint rule. */
export function lintBankFolder(dir: string, opts: { maxPerNorm?: number } = {}): LintReport {
  const { bank, problems } = loadBank(dir);
  const missing = problems.some((p) => p.rule === 'missing-folder');
  const all = sortProblems([...problems, ...(missing ? [] : lintBank(bank, { maxQuestionsPerNorm: opts.maxPerNorm ?? DEFAULT_MAX_QUESTIONS_PER_NORM }))]).map(fromBankProblem);
  const errors = errorsIn(all).length;
  return { questions: bank.questions.length, norms: bank.norms.size, problems: all, errors, warnings: all.length - errors };
}

/** Counts by topic × type × difficulty (also as the table `bank stats` prints). */
export function bankStatistics(dir: string): Result<{ stats: BankStats; table: string }> {
  const { bank, problems } = loadBank(dir);
  const errors = errorsIn(problems.map(fromBankProblem));
  if (errors.length && bank.questions.length === 0) return failed('input', errors);
  const stats = bankStats(bank);
  const notes: Problem[] = errors.length ? [{ code: 'items-left-out', severity: 'warning', params: { count: errors.length }, message: `note: ${errors.length} problem(s) left some items out; run exampress bank lint` }] : [];
  return succeeded({ stats, table: formatStats(stats, bank) }, notes);
}

/** The JSON Schemas editors complete bank files with, by file name. */
export function allJsonSchemas(): Record<string, unknown> {
  return { ...jsonSchemas(), 'blueprint.schema.json': blueprintJsonSchema(), 'config.schema.json': configJsonSchema() };
}

/** Write the JSON Schemas into `bankDir/schema/`. */
export function writeSchemas(bankDir: string): Result<{ files: string[] }> {
  return catchOutput(() => {
    const files: string[] = [];
    for (const [name, schema] of Object.entries(allJsonSchemas())) {
      const file = join(bankDir, 'schema', name);
      writeFileAtomic(file, `${JSON.stringify(schema, null, 2)}\n`, { force: true });
      files.push(file);
    }
    return succeeded({ files });
  });
}

/** The bank as the page shows it, errors and all (cached by content): never a paper from it while an error remains. */
export function bankWithProblems(dir: string, opts: { cache?: CacheSettings } = {}): { bank: Bank; problems: Problem[] } {
  const { bank, problems } = loadCheckedBank(dir, opts.cache ?? {});
  return { bank, problems: problems.map(fromBankProblem) };
}
