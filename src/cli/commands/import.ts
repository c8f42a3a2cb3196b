// `exampress bank import FILE`: questions from Word text, .docx, .xlsx, .csv, JSON, Moodle XML, QTI,
// the seed's formats, Aiken or GIFT into bank YAML.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Argv } from 'yargs';
import { stringify } from 'yaml';
import { importFile } from '../../bank/import/file.js';
import { parseMap } from '../../bank/import/records.js';
import { FILE_FORMATS, TEXT_FORMATS, type ImportFormat, type ImportResult } from '../../bank/import/types.js';
import { displayPath, loadBank } from '../../bank/load.js';
import { formatProblem } from '../../bank/lint.js';
import { questionInHouseStyle } from '../../bank/punctuation.js';
import type { QuestionData } from '../../bank/schema.js';
import { OutputExistsError, writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';

export interface ImportArgs {
  file: string;
  bank: string;
  format: ImportFormat;
  topic?: string;
  map?: string;
  source?: string;
  out?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

function readBytes(file: string): Uint8Array | { error: string } {
  try {
    if (statSync(file).isDirectory()) return { error: `${file}: is a folder; name the file to import` };
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: `${file}: file not found` };
    return { error: `${file}: cannot read (${code ?? String(err)})` };
  }
}

/** The question file an import writes: one default topic, the others named per question. */
export function questionFileYaml(questions: QuestionData[], fallbackTopic: string): string {
  const counts = new Map<string, number>();
  for (const q of questions) if (q.topic) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
  const topic = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallbackTopic;
  const body = stringify(
    { topic, questions: questions.map(({ topic: t, ...rest }) => (t && t !== topic ? { ...rest, topic: t } : rest)) },
    { lineWidth: 0 },
  );
  return `# yaml-language-server: $schema=../schema/questions.schema.json\n${body}`;
}

function summary(result: ImportResult, file: string): string[] {
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

export async function runBankImport(args: ImportArgs, io: Io): Promise<number> {
  const bytes = readBytes(args.file);
  if ('error' in bytes) {
    io.stderr(`exampress: ${bytes.error}`);
    return EXIT.errors;
  }
  const map = args.map ? parseMap(args.map) : {};
  if ('error' in map) {
    io.stderr(`exampress: ${map.error}`);
    return EXIT.errors;
  }
  const { bank, problems } = loadBank(args.bank);
  const fatal = problems.find((p) => p.rule === 'missing-folder');
  if (fatal) {
    io.stderr(formatProblem(fatal));
    return EXIT.errors;
  }
  if (args.topic && !bank.topics.some((t) => t.id === args.topic)) {
    io.stderr(`exampress: --topic ${args.topic} is not in ${displayPath(join(args.bank, 'topics.yaml'))} (known: ${bank.topics.map((t) => t.id).join(', ')})`);
    return EXIT.errors;
  }
  const parsed = await importFile(bytes, args.file, {
    format: args.format,
    topic: args.topic,
    topics: bank.topics,
    existingStems: bank.questions.map(({ id, stem, options, answer, material }) => ({ id, stem, answer, ...(options ? { options } : {}), ...(material ? { material } : {}) })),
    existingIds: bank.questions.map((q) => q.id),
    map,
    // Never the file name: a missing source is filled from --source or the nearest heading, with a warning.
    ...(args.source ? { sourceName: args.source } : {}),
  });
  if ('error' in parsed) {
    io.stderr(`exampress: ${displayPath(args.file)}: ${parsed.error}`);
    return EXIT.errors;
  }
  // What goes into the bank is written in its house style (full-width Chinese punctuation).
  const result = { ...parsed, questions: parsed.questions.map(questionInHouseStyle) };
  const out = args.out ?? join(args.bank, 'questions', `imported-${basename(args.file, extname(args.file))}.yaml`);
  let written: string | undefined;
  if (!args.dryRun && result.questions.length > 0) {
    try {
      writeFileAtomic(out, questionFileYaml(result.questions, args.topic ?? bank.topics[0]?.id ?? 'imported'), { force: args.force });
      written = out;
    } catch (err) {
      io.stderr(`exampress: ${err instanceof OutputExistsError ? err.message : `cannot write ${out}: ${(err as Error).message}`}`);
      return EXIT.errors;
    }
  }
  if (args.json) {
    io.stdout(
      JSON.stringify(
        {
          format: result.format,
          detected: result.detected,
          parsed: result.questions.length,
          duplicates: result.duplicates.length,
          duplicateItems: result.duplicates,
          failed: result.failed,
          warnings: result.warnings,
          written: written ?? null,
          questions: result.questions,
        },
        null,
        2,
      ),
    );
  } else {
    summary(result, displayPath(args.file)).forEach((l) => io.stdout(l));
    io.stdout(written ? `wrote ${result.questions.length} question(s) to ${displayPath(written)}` : args.dryRun ? 'dry run: nothing written' : 'nothing new to write');
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
