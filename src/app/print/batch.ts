// Printing many variants (a roster's candidates): in this thread for a few, in worker threads
// (tinypool, one per core by default) for many. Progress is reported to the caller; an abort
// signal (Ctrl-C on the command line) stops the workers and removes what they left unfinished.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../../documents/templates.js';
import { TypesetError } from '../../typeset/types.js';
import { asOutputError, OutputError, removeUnfinished } from '../files.js';
import type { FailureKind, Problem } from '../problem.js';
import { runJob, type KnownInputs, type PaperJob, type WrittenFile } from './job.js';

/** Below this many variants a worker's start-up (≈ 150 ms) costs more than it saves. */
const WORKERS_FROM = 6;
const CHUNK = 4;

/** Why printing stopped: a problem in the input (template, text no font has), a file that could not be written, or an interruption. */
export class PrintFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly problem: Problem,
  ) {
    super(problem.message);
  }
}

/** The problem an error raised while printing stands for; `subject` names what a bank id in it is. */
export function failureOf(err: unknown, out = 'the output', subject: 'question' | 'norm' = 'question'): PrintFailure {
  if (err instanceof PrintFailure) return err;
  if (err instanceof TemplateError || err instanceof TypesetError) {
    const from = err instanceof TypesetError && err.from && !err.message.includes(err.from) ? ` (${subject} ${err.from})` : '';
    const at = err instanceof TemplateError ? { file: err.problem.template, line: err.problem.line, col: err.problem.col } : err.pos ? { file: err.pos.template, line: err.pos.line, col: err.pos.col } : {};
    return new PrintFailure('input', { code: err instanceof TemplateError ? 'template' : 'typeset', severity: 'error', ...at, ...(err instanceof TypesetError && err.from ? { id: err.from } : {}), message: `${err.message}${from}` });
  }
  const output = asOutputError(err, out);
  if (output instanceof OutputError) return new PrintFailure('output', output.problem);
  return new PrintFailure('input', { code: 'failed', severity: 'error', message: (err as Error)?.message ?? String(err) });
}

/** "1-250", "7", "10-" (to the end) → 0-based indices; a range outside 1..count is a problem. */
export function parseRange(range: string | undefined, count: number): number[] | Problem {
  if (!range) return [...Array(count).keys()];
  const bad = (message: string): Problem => ({ code: 'range', severity: 'error', params: { range, count }, message });
  const m = /^(\d+)(?:-(\d*))?$/.exec(range.trim());
  if (!m) return bad(`--range takes "FIRST-LAST" like 1-250 (1-based, inclusive), got "${range}"`);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : m[2] === '' ? count : Number(m[2]);
  if (first < 1 || last > count || first > last) return bad(`--range ${range} is outside the ${count} variant(s) of the manifest (1-${count})`);
  return [...Array(last - first + 1).keys()].map((i) => first - 1 + i);
}

export interface BatchOptions {
  jobs: number;
  /** What this thread has loaded already, for variants printed here rather than in workers. */
  known?: KnownInputs;
  /** Called after each variant (in-thread) or chunk (workers) with the number done. */
  onProgress?: (done: number) => void;
  /** Aborting stops the work: the files written so far stay, nothing half-written does. */
  signal?: AbortSignal;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

const interrupted = () => new PrintFailure('interrupted', { code: 'interrupted', severity: 'error', message: 'interrupted; nothing was written, the files printed before are as they were' });

/** Render and write the variants `indices`; resolves to what was written, in index order. Throws PrintFailure. */
export async function printBatch(job: PaperJob, indices: readonly number[], opts: BatchOptions): Promise<WrittenFile[]> {
  try {
    return await printAll(job, indices, opts);
  } catch (err) {
    if (opts.signal?.aborted) removeUnfinished(job.out);
    throw failureOf(opts.signal?.aborted ? interrupted() : err, job.out);
  }
}

async function printAll(job: PaperJob, indices: readonly number[], opts: BatchOptions): Promise<WrittenFile[]> {
  const worker = workerFile();
  if (opts.jobs <= 1 || indices.length < WORKERS_FROM || !worker) {
    const out: WrittenFile[] = [];
    for (const [n, i] of indices.entries()) {
      if (opts.signal?.aborted) throw interrupted();
      out.push(...(await runJob(job, [i], opts.known)));
      opts.onProgress?.(n + 1);
      // Let a Ctrl-C between two variants be seen.
      if (opts.signal) await new Promise((r) => setImmediate(r));
    }
    return out;
  }
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: worker, minThreads: 1, maxThreads: Math.min(opts.jobs, Math.ceil(indices.length / CHUNK)), isolateWorkers: false });
  const chunks: number[][] = [];
  for (let k = 0; k < indices.length; k += CHUNK) chunks.push(indices.slice(k, k + CHUNK));
  let finished = 0;
  const stop = () => void pool.destroy();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    const results = await Promise.all(
      chunks.map(async (chunk) => {
        const r = (await pool.run({ job, indices: chunk })) as WrittenFile[] | { failure: { kind: FailureKind; problem: Problem } };
        if ('failure' in r) throw new PrintFailure(r.failure.kind, r.failure.problem);
        finished += chunk.length;
        opts.onProgress?.(finished);
        return r;
      }),
    );
    return results.flat();
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    await pool.destroy();
  }
}

/** The worker script beside this module: the bundle's paper-worker.mjs, or tsc's worker.js. */
function workerFile(): string | undefined {
  const here = import.meta.url;
  for (const name of ['./paper-worker.mjs', './worker.js']) {
    const file = fileURLToPath(new URL(name, here));
    if (existsSync(file)) return file;
  }
  return undefined;
}
