// Where commands print (real streams in the CLI, buffers in tests), and what their exit codes mean.
import type { CacheSettings } from '../app/cache.js';
import type { FailureKind } from '../app/problem.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Exit codes: 0 done, 1 errors in the input, 2 a request that cannot be met (infeasible), 3 output could not be written, 130 interrupted. */
export const EXIT = { ok: 0, errors: 1, infeasible: 2, output: 3, interrupted: 130 } as const;

/** The exit code of a use case that failed. */
export function exitCodeOf(kind: FailureKind): number {
  return { input: EXIT.errors, infeasible: EXIT.infeasible, output: EXIT.output, interrupted: EXIT.interrupted }[kind];
}

/** What every command is run with: where to print, how to say its exit code, the run's cache and its Ctrl-C signal. */
export interface CommandContext {
  io: Io;
  setExit(code: number): void;
  cache: CacheSettings;
  signal?: AbortSignal;
}
