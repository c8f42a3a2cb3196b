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
