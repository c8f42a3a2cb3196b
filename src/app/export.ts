// Exporting the bank for another exam system or for editing in Excel (Aiken, GIFT, Moodle XML,
// CSV, XLSX); `importQuestions` reads every one of them back.
import { join } from 'node:path';
import { loadBank } from '../bank/load.js';
import type { QuestionData } from '../bank/schema.js';
import { displayPath } from '../paths.js';
import { catchOutput, writeFileAtomic } from './files.js';
import { errorsIn, failed, fromBankProblem, problem, succeeded, type Result } from './problem.js';

import { EXPORT_EXTENSIONS, type ExportFormat } from '../bank/export/formats.js';

export { EXPORT_FORMATS, type ExportFormat } from '../bank/export/formats.js';

export interface ExportRequest {
  bankDir: string;
  format: ExportFormat;
  /** The file to write (default questions.<ext> in the working folder). */
  out?: string;
  /** Only the questions of this topic. */
  topic?: string;
  force?: boolean;
}

export interface Exported {
  file: string;
  written: number;
  /** Questions the format cannot hold, with the reason. */
  skipped: { id: string; reason: string }[];
}

export async function exportBank(req: ExportRequest): Promise<Result<Exported>> {
  const { exportQuestions } = await import('../bank/export/index.js');
  const { bank, problems } = loadBank(req.bankDir);
  const errors = errorsIn(problems.map(fromBankProblem));
  if (errors.length) return failed('input', [...errors, problem('bank-errors', 'the bank has errors; fix them (exampress bank lint) before exporting')]);
  if (req.topic && !bank.topics.some((t) => t.id === req.topic)) {
    return failed('input', [problem('unknown-topic', `--topic ${req.topic} is not in ${displayPath(join(req.bankDir, 'topics.yaml'))} (known: ${bank.topics.map((t) => t.id).join(', ')})`, { topic: req.topic })]);
  }
  const questions: QuestionData[] = bank.questions.filter((q) => !req.topic || q.topic === req.topic).map(({ loc: _loc, ...q }) => q);
  const out = req.out ?? `questions.${EXPORT_EXTENSIONS[req.format]}`;
  const result = await exportQuestions(questions, req.format, bank.topics);
  return catchOutput(() => {
    writeFileAtomic(out, result.bytes, { force: req.force ?? false });
    return succeeded({ file: out, written: result.written, skipped: result.skipped });
  });
}
