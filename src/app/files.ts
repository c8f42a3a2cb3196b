// Where the library writes files: atomically (temp file, then rename), never over a file the
// user did not ask us to replace, and into folders that are checked before any work is done.
// Failures come back as OutputError with one line for a person (no raw EEXIST / ENOTDIR).
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { displayPath } from '../paths.js';
import { failed, type Failure, type Problem } from './problem.js';

/** A file or folder that could not be written: `problem` says which and why, in one line. */
export class OutputError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'OutputError';
  }
}

/** A file that exists where the user did not ask to replace one. */
export class OutputExistsError extends OutputError {
  constructor(readonly file: string) {
    super({ code: 'output-exists', severity: 'error', params: { file: displayPath(file) }, message: `${displayPath(file)} already exists; pass --force to replace it, or choose another --out` });
  }
}

const WHY: Record<string, string> = {
  EEXIST: 'a file is in the way (the output must be a folder)',
  ENOTDIR: 'a file is in the way (the output must be a folder)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the system does not allow a folder there',
};

/** "cannot use DIR as the output folder: WHY": the one wording every command uses. */
export function folderError(dir: string, err: unknown): OutputError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = (code && WHY[code]) ?? code ?? String(err);
  return new OutputError({ code: 'output-folder', severity: 'error', params: { folder: displayPath(dir), reason: code ?? 'unknown' }, message: `cannot use ${displayPath(dir)} as the output folder: ${why}` });
}

/** "cannot write FILE: WHY" for a file inside a folder that was usable. */
export function fileError(file: string, err: unknown): OutputError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'EISDIR' ? 'a folder of that name is in the way' : ((code && WHY[code]) ?? code ?? String(err));
  return new OutputError({ code: 'output-file', severity: 'error', params: { file: displayPath(file), reason: code ?? 'unknown' }, message: `cannot write ${displayPath(file)}: ${why}` });
}

/** An error from writing turned into its OutputError; anything else is passed through. */
export function asOutputError(err: unknown, file: string): unknown {
  if (err instanceof OutputError) return err;
  const e = err as NodeJS.ErrnoException;
  return e && typeof e.code === 'string' && typeof e.syscall === 'string' ? fileError(e.path ?? file, err) : err;
}

/**
 * Create `dir` and its missing parents one level at a time and return the folders created,
 * outermost first. (Node's recursive mkdir loops forever on paths such as /proc/nope.)
 */
export function makeFolder(dir: string): string[] {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let st;
    try {
      st = statSync(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw folderError(dir, err);
      missing.unshift(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
      continue;
    }
    if (!st.isDirectory()) throw folderError(dir, Object.assign(new Error(), { code: 'ENOTDIR' }));
    break;
  }
  const made: string[] = [];
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(m).isDirectory()) continue;
      throw folderError(dir, err);
    }
    made.push(m);
  }
  return made;
}

/**
 * Fail fast, before any work: can files be written into `dir`? Creates what is missing, writes
 * and removes a probe file, then removes the folders it created, so a run that stops later has
 * written nothing. Throws OutputError with one line for a person.
 */
export function checkOutputFolder(dir: string): void {
  const made = makeFolder(dir);
  const probe = join(dir, `.exampress-probe.${process.pid}.tmp`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (err) {
    throw folderError(dir, err);
  } finally {
    for (const m of made.reverse()) rmdirSync(m);
  }
}

/** This process's (and thread's) temporary names end so: an interrupted run removes them. */
const tempSuffix = () => `.${process.pid}.${threadId}.tmp`;

/** Write `data` to `file` so that readers see either the old file or the whole new one. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { force?: boolean } = {}): void {
  if (!opts.force && existsSync(file)) throw new OutputExistsError(file);
  makeFolder(dirname(file));
  const temp = join(dirname(file), `.${basename(file)}${tempSuffix()}`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw asOutputError(err, file);
  }
}

/**
 * After an interruption: remove the temporary files this process (any of its threads) left
 * unfinished in `dir`, so the folder holds only whole files, earlier outputs as they were.
 */
export function removeUnfinished(dir: string): void {
  const mine = new RegExp(`^\\..*\\.${process.pid}\\.\\d+\\.tmp$`);
  try {
    for (const name of readdirSync(dir)) if (mine.test(name)) rmSync(join(dir, name), { force: true });
  } catch {
    // nothing to clean
  }
}

/** The failure an OutputError stands for: a file the user did not ask to replace is a request to change (input), anything else an output that could not be written. */
function outputFailure(err: OutputError): Failure {
  return failed(err instanceof OutputExistsError ? 'input' : 'output', [err.problem]);
}

/** `work()`, with a file or folder that could not be written turned into a failure. */
export function catchOutput<T>(work: () => T): T | Failure {
  try {
    return work();
  } catch (err) {
    if (err instanceof OutputError) return outputFailure(err);
    throw err;
  }
}

/** The same for work that awaits. */
export async function catchOutputAsync<T>(work: () => Promise<T>): Promise<T | Failure> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof OutputError) return outputFailure(err);
    throw err;
  }
}
