// `exampress bank lint|stats|import|export|schema`: the trainer's tools for the question bank.
import type { Argv, CommandModule } from 'yargs';
import { bankStatistics, lintBankFolder, writeSchemas } from '../../app/bank.js';
import { DEFAULT_MAX_QUESTIONS_PER_NORM } from '../../bank/lintContent.js';
import { defaultBankDir } from '../../paths.js';
import { EXIT, type CommandContext } from '../io.js';
import { failure, printProblems } from '../report.js';
import { exportBuilder, runBankExport } from './export.js';
import { importBuilder, runBankImport } from './import.js';

const bankOption = (y: Argv) =>
  y.option('bank', { type: 'string', describe: 'bank folder (topics.yaml, questions/, norms/)', default: defaultBankDir(), defaultDescription: './bank' });

export function bankCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
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
          (a) => {
            const report = lintBankFolder(String(a.bank), { maxPerNorm: a['max-per-norm'] as number });
            printProblems(io, 'bank lint', report.problems, 'stdout');
            io.stderr(`${report.questions} questions, ${report.norms} norms: ${report.errors} error(s), ${report.warnings} warning(s)`);
            cli.setExit(report.errors ? EXIT.errors : EXIT.ok);
          },
        )
        .command(
          'stats',
          'counts by topic x type x difficulty',
          (yy) => yy.option('json', { type: 'boolean', default: false, describe: 'print JSON' }).example('exampress bank stats --json', 'the counts as JSON'),
          (a) => {
            const result = bankStatistics(String(a.bank));
            if (!result.ok) return cli.setExit(failure(io, 'bank stats', result));
            io.stdout(a.json ? JSON.stringify(result.stats, null, 2) : result.table);
            printProblems(io, 'bank stats', result.problems);
          },
        )
        .command(
          'import <file>',
          'import questions (Word text, .docx, .xlsx, .csv, JSON, Moodle XML, QTI, Aiken, GIFT) into a new question file',
          (yy) => importBuilder(yy).example('exampress bank import 题库.docx --topic dianhua-liyi --dry-run', 'what a Word bank would give, without writing'),
          async (a) => cli.setExit(await runBankImport(a, io)),
        )
        .command(
          'export',
          'write the bank as Aiken, GIFT, Moodle XML, CSV or XLSX (bank import reads them back)',
          (yy) => exportBuilder(yy).example('exampress bank export --format xlsx --out bank.xlsx', 'the whole bank as an Excel sheet'),
          async (a) => cli.setExit(await runBankExport(a, io)),
        )
        .command(
          'schema',
          'write the JSON Schemas editors use to bank/schema/',
          (yy) => yy.example('exampress bank schema', 'after upgrading exampress'),
          (a) => {
            const result = writeSchemas(String(a.bank));
            if (!result.ok) return cli.setExit(failure(io, 'bank schema', result));
            result.files.forEach((f) => io.stdout(`wrote ${f}`));
          },
        )
        .demandCommand(1, 'name a bank command: lint, stats, import, export or schema'),
    handler: () => {},
  };
}
