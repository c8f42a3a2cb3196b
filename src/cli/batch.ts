// Printing many variants (a roster's candidates): in this thread for a few, in worker threads
// (tinypool, one per core by default) for many, with a progress bar on a terminal.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../documents/templates.js';
import { TypesetError } from '../typeset/types.js';
import { runJob, type KnownInputs, type PaperJob, type WrittenFile } from './paperJob.js';
import { EXIT } from './io.js';
import { onInterrupt, writingInto } from './files.js';

/** Below this many variants a worker's start-up (≈ 150 ms) costs more than it saves. */
const WORKERS_FROM = 6;
const CHUNK = 4;

export class PrintFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** 1 for a problem in the input (template, text no font has), 3 when a file could not be written. */
export function failureOf(err: unknown): PrintFailure {
  if (err instanceof PrintFailure) return err;
  const e = err as NodeJS.ErrnoException;
  if (err instanceof TemplateError || err instanceof TypesetError) {
    const from = err instanceof TypesetError && err.from && !err.message.includes(err.from) ? ` (question ${err.from})` : '';
    return new PrintFailure(`${err.message}${from}`, EXIT.errors);
  }
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
    const why = { EACCES: 'permission denied', EPERM: 'not permitted', ENOSPC: 'the disk is full', EROFS: 'read-only file system', ENOTDIR: 'a part of the path is a file, not a folder', EISDIR: 'is a folder', EEXIST: 'exists and is not a folder' }[e.code] ?? e.code;
    return new PrintFailure(`cannot write ${e.path ?? 'the output'}: ${why}`, EXIT.output);
  }
  return new PrintFailure(e?.message ?? String(err), EXIT.errors);
}

/** "1-250", "7", "10-" (to the end) → 0-based indices; a range outside 1..count is an error. */
export function parseRange(range: string | undefined, count: number): number[] | string {
  if (!range) return [...Array(count).keys()];
  const m = /^(\d+)(?:-(\d*))?$/.exec(range.trim());
  if (!m) return `--range takes "FIRST-LAST" like 1-250 (1-based, inclusive), got "${range}"`;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : m[2] === '' ? count : Number(m[2]);
  if (first < 1 || last > count || first > last) return `--range ${range} is outside the ${count} variant(s) of the manifest (1-${count})`;
  return [...Array(last - first + 1).keys()].map((i) => first - 1 + i);
}

export interface BatchOptions {
  jobs: number;
  /** What this thread has loaded already, for variants printed here rather than in workers. */
  known?: KnownInputs;
  /** Called after each variant (in-process) or chunk (workers) with the number done. */
  onProgress?: (done: number) => void;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Render and write the variants `indices`; resolves to what was written, in index order. */
export async function printBatch(job: PaperJob, indices: readonly number[], opts: BatchOptions): Promise<WrittenFile[]> {
  const done = writingInto(job.out);
  try {
    return await printAll(job, indices, opts);
  } finally {
    done();
  }
}

async function printAll(job: PaperJob, indices: readonly number[], opts: BatchOptions): Promise<WrittenFile[]> {
  const worker = workerFile();
  if (opts.jobs <= 1 || indices.length < WORKERS_FROM || !worker) {
    const out: WrittenFile[] = [];
    for (const [n, i] of indices.entries()) {
      try {
        out.push(...(await runJob(job, [i], opts.known)));
      } catch (err) {
        throw failureOf(err);
      }
      opts.onProgress?.(n + 1);
    }
    return out;
  }
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: worker, minThreads: 1, maxThreads: Math.min(opts.jobs, Math.ceil(indices.length / CHUNK)), isolateWorkers: false });
  const chunks: number[][] = [];
  for (let k = 0; k < indices.length; k += CHUNK) chunks.push(indices.slice(k, k + CHUNK));
  let finished = 0;
  const unhook = onInterrupt(() => pool.destroy());
  try {
    const results = await Promise.all(
      chunks.map(async (chunk) => {
        const r = (await pool.run({ job, indices: chunk })) as WrittenFile[] | { failure: { message: string; exitCode: number } };
        if ('failure' in r) throw new PrintFailure(r.failure.message, r.failure.exitCode);
        finished += chunk.length;
        opts.onProgress?.(finished);
        return r;
      }),
    );
    return results.flat();
  } catch (err) {
    throw failureOf(err);
  } finally {
    unhook();
    await pool.destroy();
  }
}

/** The worker script beside this module: the bundle's paper-worker.mjs, or tsc's paperWorker.js. */
function workerFile(): string | undefined {
  const here = import.meta.url;
  for (const name of ['./paper-worker.mjs', './paperWorker.js']) {
    const file = fileURLToPath(new URL(name, here));
    if (existsSync(file)) return file;
  }
  return undefined;
}
