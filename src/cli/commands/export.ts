// `exampress bank export --format aiken|gift|moodle-xml|csv|xlsx`: the bank written out for
// another exam system or for editing in Excel; `bank import` reads every one of them back.
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { displayPath, loadBank } from '../../bank/load.js';
import { formatProblem } from '../../bank/lint.js';
import type { QuestionData } from '../../bank/schema.js';
import { OutputExistsError, writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';

export interface ExportArgs {
  bank: string;
  format: 'aiken' | 'gift' | 'moodle-xml' | 'csv' | 'xlsx';
  out?: string;
  topic?: string;
  force?: boolean;
}

export async function runBankExport(args: ExportArgs, io: Io): Promise<number> {
  const { exportQuestions, EXPORT_EXTENSIONS } = await import('../../bank/export/index.js');
  const { bank, problems } = loadBank(args.bank);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    errors.forEach((p) => io.stderr(formatProblem(p)));
    io.stderr('exampress: the bank has errors; fix them (exampress bank lint) before exporting');
    return EXIT.errors;
  }
  if (args.topic && !bank.topics.some((t) => t.id === args.topic)) {
    io.stderr(`exampress: --topic ${args.topic} is not in ${displayPath(join(args.bank, 'topics.yaml'))} (known: ${bank.topics.map((t) => t.id).join(', ')})`);
    return EXIT.errors;
  }
  const questions: QuestionData[] = bank.questions.filter((q) => !args.topic || q.topic === args.topic).map(({ loc: _loc, ...q }) => q);
  const out = args.out ?? `questions.${EXPORT_EXTENSIONS[args.format]}`;
  const result = await exportQuestions(questions, args.format, bank.topics);
  try {
    writeFileAtomic(out, result.bytes, { force: args.force });
  } catch (err) {
    io.stderr(`exampress: ${err instanceof OutputExistsError ? err.message : `cannot write ${out}: ${(err as Error).message}`}`);
    return EXIT.errors;
  }
  for (const s of result.skipped) io.stdout(`skipped ${s.id}: ${s.reason}`);
  io.stdout(`wrote ${result.written} question(s) to ${displayPath(out)} (${args.format})${result.skipped.length ? `; skipped ${result.skipped.length} the format cannot hold` : ''}`);
  return EXIT.ok;
}

export function exportBuilder(y: Argv) {
  return y
    .option('format', { choices: ['aiken', 'gift', 'moodle-xml', 'csv', 'xlsx'] as const, demandOption: true, describe: 'file format to write' })
    .option('out', { type: 'string', describe: 'file to write (default questions.<ext> in the current folder)' })
    .option('topic', { type: 'string', describe: 'only the questions of this topic' })
    .option('force', { type: 'boolean', default: false, describe: 'replace --out if it exists' });
}
