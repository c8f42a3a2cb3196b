// `exampress bank lint|stats|import|export|schema`: the trainer's tools for the question bank.
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { blueprintJsonSchema } from '../../assemble/blueprint.js';
import { lintBank, formatProblem, sortProblems } from '../../bank/lint.js';
import { DEFAULT_MAX_QUESTIONS_PER_NORM } from '../../bank/lintContent.js';
import { loadBank } from '../../bank/load.js';
import { jsonSchemas } from '../../bank/schema.js';
import { configJsonSchema } from '../../bank/config.js';
import { bankStats, formatStats } from '../../bank/stats.js';
import { defaultBankDir } from '../../paths.js';
import { writeFileAtomic } from '../files.js';
import { exportBuilder, runBankExport } from './export.js';
import { importBuilder, runBankImport } from './import.js';
import { EXIT, type Io } from '../io.js';

export function runBankLint(args: { bank: string; maxPerNorm?: number }, io: Io): number {
  const { bank, problems } = loadBank(args.bank);
  const all = sortProblems([...problems, ...(problems.some((p) => p.rule === 'missing-folder') ? [] : lintBank(bank, { maxQuestionsPerNorm: args.maxPerNorm }))]);
  for (const p of all) io.stdout(formatProblem(p));
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.length - errors;
  io.stderr(`${bank.questions.length} questions, ${bank.norms.size} norms: ${errors} error(s), ${warnings} warning(s)`);
  return errors ? EXIT.errors : EXIT.ok;
}

export function runBankStats(args: { bank: string; json?: boolean }, io: Io): number {
  const { bank, problems } = loadBank(args.bank);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length && bank.questions.length === 0) {
    errors.forEach((p) => io.stderr(formatProblem(p)));
    return EXIT.errors;
  }
  const stats = bankStats(bank);
  io.stdout(args.json ? JSON.stringify(stats, null, 2) : formatStats(stats, bank));
  if (errors.length) io.stderr(`note: ${errors.length} problem(s) left some items out; run exampress bank lint`);
  return EXIT.ok;
}

export function runBankSchema(args: { bank: string }, io: Io): number {
  const schemas = { ...jsonSchemas(), 'blueprint.schema.json': blueprintJsonSchema(), 'config.schema.json': configJsonSchema() };
  for (const [name, schema] of Object.entries(schemas)) {
    const file = join(args.bank, 'schema', name);
    writeFileAtomic(file, `${JSON.stringify(schema, null, 2)}\n`, { force: true });
    io.stdout(`wrote ${file}`);
  }
  return EXIT.ok;
}

const bankOption = (y: Argv) =>
  y.option('bank', { type: 'string', describe: 'bank folder (topics.yaml, questions/, norms/)', default: defaultBankDir(), defaultDescription: './bank' });

export function bankCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'bank',
    describe: 'check, count, import and export the question bank',
    builder: (y) =>
      bankOption(y)
        .command(
          'lint',
          'report every problem in the bank (exit 1 on errors)',
          (yy) =>
            yy
              .option('max-per-norm', { type: 'number', default: DEFAULT_MAX_QUESTIONS_PER_NORM, describe: 'warn when a norm is tested by more questions than this' })
              .example('exampress bank lint', 'every problem of ./bank, one located line each'),
          (a) => setExit(runBankLint(a as never, io)),
        )
        .command(
          'stats',
          'counts by topic x type x difficulty',
          (yy) => yy.option('json', { type: 'boolean', default: false, describe: 'print JSON' }).example('exampress bank stats --json', 'the counts as JSON'),
          (a) => setExit(runBankStats(a as never, io)),
        )
        .command(
          'import <file>',
          'import questions (Word text, .docx, .xlsx, .csv, JSON, Moodle XML, QTI, Aiken, GIFT) into a new question file',
          (yy) => importBuilder(yy).example('exampress bank import 题库.docx --topic dianhua-liyi --dry-run', 'what a Word bank would give, without writing'),
          async (a) => setExit(await runBankImport(a as never, io)),
        )
        .command(
          'export',
          'write the bank as Aiken, GIFT, Moodle XML, CSV or XLSX (bank import reads them back)',
          (yy) => exportBuilder(yy).example('exampress bank export --format xlsx --out bank.xlsx', 'the whole bank as an Excel sheet'),
          async (a) => setExit(await runBankExport(a as never, io)),
        )
        .command('schema', 'write the JSON Schemas editors use to bank/schema/', (yy) => yy.example('exampress bank schema', 'after upgrading exampress'), (a) => setExit(runBankSchema(a as never, io)))
        .demandCommand(1, 'name a bank command: lint, stats, import, export or schema'),
    handler: () => {},
  };
}
