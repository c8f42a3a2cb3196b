// Importing questions (Word text and .docx, .xlsx, .csv, JSON, Moodle XML, QTI, Aiken, GIFT, the
// seed's forms) into a new question file of the bank, or only reporting what a file would give.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { stringify } from 'yaml';
import { importFile } from '../bank/import/file.js';
import { parseMap } from '../bank/import/records.js';
import type { ImportFormat, ImportResult } from '../bank/import/types.js';
import { loadBank } from '../bank/load.js';
import { questionInHouseStyle } from '../bank/punctuation.js';
import type { QuestionData } from '../bank/schema.js';
import { displayPath } from '../paths.js';
import { catchOutput, writeFileAtomic } from './files.js';
import { failed, fromBankProblem, problem, succeeded, type Problem, type Result } from './problem.js';

export interface ImportRequest {
  file: string;
  bankDir: string;
  format: ImportFormat;
  /** Topic id for questions that name none. */
  topic?: string;
  /** Columns or keys for tables and JSON, e.g. 题干=B,答案=F,选项=C. */
  map?: string;
  /** 出处 for questions that name none. */
  source?: string;
  /** The question file to write (default bank/questions/imported-<name>.yaml). */
  out?: string;
  force?: boolean;
  /** Parse and report, write nothing. */
  dryRun?: boolean;
}

export interface Imported {
  /** The importer's report, questions in the bank's house style. */
  result: ImportResult;
  /** The question file written, when something was. */
  written?: string;
}

/** The question file an import writes: one default topic, the others named per question. */
export function questionFileYaml(questions: QuestionData[], fallbackTopic: string): string {
  const counts = new Map<string, number>();
  for (const q of questions) if (q.topic) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
  const topic = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallbackTopic;
  const body = stringify({ topic, questions: questions.map(({ topic: t, ...rest }) => (t && t !== topic ? { ...rest, topic: t } : rest)) }, { lineWidth: 0 });
  return `# yaml-language-server: $schema=../schema/questions.schema.json\n${body}`;
}

function importBytes(file: string): Uint8Array | { problem: Problem } {
  try {
    if (statSync(file).isDirectory()) return { problem: problem('import-folder', `${file}: is a folder; name the file to import`, { file }) };
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: problem('unreadable', code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot read (${code ?? String(err)})`, { file, reason: code ?? 'unknown' }) };
  }
}

export async function importQuestions(req: ImportRequest): Promise<Result<Imported>> {
  const bytes = importBytes(req.file);
  if ('problem' in bytes) return failed('input', [bytes.problem]);
  const map = req.map ? parseMap(req.map) : {};
  if ('error' in map) return failed('input', [problem('map', map.error)]);
  const { bank, problems } = loadBank(req.bankDir);
  const fatal = problems.find((p) => p.rule === 'missing-folder');
  if (fatal) return failed('input', [fromBankProblem(fatal)]);
  if (req.topic && !bank.topics.some((t) => t.id === req.topic)) {
    return failed('input', [problem('unknown-topic', `--topic ${req.topic} is not in ${displayPath(join(req.bankDir, 'topics.yaml'))} (known: ${bank.topics.map((t) => t.id).join(', ')})`, { topic: req.topic })]);
  }
  const parsed = await importFile(bytes, req.file, {
    format: req.format,
    topic: req.topic,
    topics: bank.topics,
    existingStems: bank.questions.map(({ id, stem, options, answer, material }) => ({ id, stem, answer, ...(options ? { options } : {}), ...(material ? { material } : {}) })),
    existingIds: bank.questions.map((q) => q.id),
    map,
    // Never the file name: a missing source is filled from --source or the nearest heading, with a warning.
    ...(req.source ? { sourceName: req.source } : {}),
  });
  if ('error' in parsed) return failed('input', [problem('import', `${displayPath(req.file)}: ${parsed.error}`, { file: displayPath(req.file) })]);
  // What goes into the bank is written in its house style (full-width Chinese punctuation).
  const result = { ...parsed, questions: parsed.questions.map(questionInHouseStyle) };
  if (req.dryRun || result.questions.length === 0) return succeeded({ result });
  const out = req.out ?? join(req.bankDir, 'questions', `imported-${basename(req.file, extname(req.file))}.yaml`);
  return catchOutput(() => {
    writeFileAtomic(out, questionFileYaml(result.questions, req.topic ?? bank.topics[0]?.id ?? 'imported'), { force: req.force ?? false });
    return succeeded({ result, written: out });
  });
}
