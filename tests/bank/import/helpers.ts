import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { importQuestions } from '../../../src/bank/import/index.js';
import type { ImportOptions, ImportResult } from '../../../src/bank/import/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const TOPICS: { id: string; name: string }[] = parse(readFileSync(`${root}bank/topics.yaml`, 'utf8')).topics;

export function fixture(name: string): string {
  return readFileSync(`${root}tests/fixtures/import/${name}`, 'utf8');
}

export function run(text: string, opts: Partial<ImportOptions> = {}): ImportResult {
  return importQuestions(text, { topics: TOPICS, existingStems: [], ...opts });
}

/** The question whose stem contains `part`. */
export function find(r: ImportResult, part: string) {
  const i = r.questions.findIndex((q) => q.stem.includes(part));
  if (i < 0) throw new Error(`no question with "${part}" in: ${r.questions.map((q) => q.stem).join(' / ')}`);
  return { q: r.questions[i]!, line: r.lines[i]! };
}

/** A file's bytes through `importFile`, as the CLI reads it; fails the test on a file-level error. */
export async function runFile(bytes: Uint8Array | string, name: string, opts: Partial<ImportOptions> = {}): Promise<ImportResult> {
  const { importFile } = await import('../../../src/bank/import/file.js');
  const r = await importFile(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, name, { topics: TOPICS, existingStems: [], ...opts });
  if ('error' in r) throw new Error(`${name}: ${r.error}`);
  return r;
}

/** The fields a person checks, by line. */
export function byLine(r: ImportResult, line: number) {
  const i = r.lines.indexOf(line);
  if (i < 0) throw new Error(`no question at line ${line}; lines: ${r.lines.join(', ')}; failed: ${JSON.stringify(r.failed)}`);
  const { type, stem, options, answer, explanation, difficulty, topic, source, material } = r.questions[i]!;
  return { type, stem, options, answer, explanation, difficulty, topic, source, material };
}
