// Where commands print: real streams in the CLI, buffers in tests.
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Exit codes: 0 done, 1 errors in the input, 2 a request that cannot be met (infeasible), 3 output could not be written. */
export const EXIT = { ok: 0, errors: 1, infeasible: 2, output: 3 } as const;
