// `exampress bank import FILE`: questions from Word text, .docx, .xlsx, .csv, JSON, Moodle XML, QTI,
// the seed's formats, Aiken or GIFT into bank YAML.
import type { Argv } from 'yargs';
import { importQuestions } from '../../app/import.js';
import { FILE_FORMATS, TEXT_FORMATS, type ImportFormat, type ImportResult } from '../../bank/import/types.js';
import { displayPath } from '../../paths.js';
import { EXIT, type Io } from '../io.js';
import { failure } from '../report.js';

/** The report: counts that always add up, then every failed, duplicate and doubtful item with its line. */
export function importSummary(result: ImportResult, file: string): string[] {
  const { detected, questions, duplicates, failed } = result;
  const adds = questions.length + duplicates.length + failed.length === detected;
  const lines = [
    `${file}: ${result.format} format: parsed ${questions.length}, duplicates ${duplicates.length}, failed ${failed.length}`,
    `${file}: ${detected} item(s) detected = ${questions.length} imported + ${duplicates.length} duplicate(s) + ${failed.length} failed${adds ? '' : ' (THE COUNTS DO NOT ADD UP: please report this file)'}`,
  ];
  for (const f of failed) lines.push(`${file}:${f.line} failed: ${f.reason}`);
  for (const d of duplicates) lines.push(`${file}:${d.line} duplicate: ${d.reason}${d.id ? ` (${d.id})` : ''}`);
  for (const w of result.warnings) lines.push(`${file}:${w.line} ${w.id ? `${w.id} ` : ''}warning: ${w.message}`);
  return lines;
}

export async function runBankImport(a: Record<string, unknown>, io: Io): Promise<number> {
  const file = String(a.file);
  const dryRun = Boolean(a['dry-run'] ?? a.dryRun);
  const imported = await importQuestions({
    file,
    bankDir: String(a.bank),
    format: (a.format as ImportFormat | undefined) ?? 'auto',
    ...(typeof a.topic === 'string' ? { topic: a.topic } : {}),
    ...(typeof a.map === 'string' ? { map: a.map } : {}),
    ...(typeof a.source === 'string' ? { source: a.source } : {}),
    ...(typeof a.out === 'string' ? { out: a.out } : {}),
    force: Boolean(a.force),
    dryRun,
  });
  if (!imported.ok) return failure(io, 'bank import', imported);
  const { result, written } = imported;
  if (a.json) {
    const { questions, duplicates, failed, warnings } = result;
    io.stdout(JSON.stringify({ format: result.format, detected: result.detected, parsed: questions.length, duplicates: duplicates.length, duplicateItems: duplicates, failed, warnings, written: written ?? null, questions }, null, 2));
  } else {
    importSummary(result, displayPath(file)).forEach((l) => io.stdout(l));
    io.stdout(written ? `wrote ${result.questions.length} question(s) to ${displayPath(written)}` : dryRun ? 'dry run: nothing written' : 'nothing new to write');
  }
  return result.failed.length ? EXIT.errors : EXIT.ok;
}

export function importBuilder(y: Argv) {
  return y
    .positional('file', { type: 'string', demandOption: true, describe: 'the file to import' })
    .option('format', { choices: ['auto', ...TEXT_FORMATS, ...FILE_FORMATS] as const, default: 'auto' as const, describe: 'input format (auto: from the extension and the content)' })
    .option('map', { type: 'string', describe: 'columns or keys for tables and JSON, e.g. 题干=B,答案=F,选项=C' })
    .option('source', { type: 'string', describe: '出处 for questions that name none (else the nearest heading, with a warning)' })
    .option('topic', { type: 'string', describe: 'topic id for questions that name none' })
    .option('out', { type: 'string', describe: 'question file to write (default bank/questions/imported-<name>.yaml)' })
    .option('force', { type: 'boolean', default: false, describe: 'replace --out if it exists' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'parse and report, write nothing' })
    .option('json', { type: 'boolean', default: false, describe: 'print {parsed, duplicates, failed, questions} as JSON' });
}
