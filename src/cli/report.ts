// How the command line shows what a use case returned: problems one per line (located ones as
// FILE:LINE:COL, the others after the command's name), files written as a table.
import { join } from 'node:path';
import type { WrittenFile } from '../app/papers.js';
import { problemLine, type Failure, type Problem } from '../app/problem.js';
import { displayPath } from '../paths.js';
import { exitCodeOf, type Io } from './io.js';

/** One line per problem: located problems as they are, errors without a place after "exampress COMMAND: ". */
export function problemText(command: string, p: Problem): string {
  return p.file || p.severity === 'warning' ? problemLine(p) : `exampress ${command}: ${p.message}`;
}

export function printProblems(io: Io, command: string, problems: readonly Problem[], to: 'stdout' | 'stderr' = 'stderr'): void {
  for (const p of problems) io[to](problemText(command, p));
}

/** Print why `command` failed; its exit code. */
export function failure(io: Io, command: string, f: Failure): number {
  printProblems(io, command, f.problems);
  return exitCodeOf(f.kind);
}

/** "output/standard-A-paper.pdf   4 pages   148 KB" lines. */
export function describeWritten(files: readonly WrittenFile[], out: string): string[] {
  const width = Math.max(...files.map((f) => displayPath(join(out, f.name)).length));
  return files.map((f) => {
    const path = displayPath(join(out, f.name));
    const size = `${Math.max(1, Math.round(f.bytes / 1024))} KB`;
    return `${path.padEnd(width)}  ${f.pages ? `${String(f.pages).padStart(2)} page${f.pages === 1 ? ' ' : 's'}` : '        '}  ${size.padStart(7)}`;
  });
}
