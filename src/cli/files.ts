// The only place that writes files: atomically (temp file, then rename), never over a file
// the user did not ask us to replace.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; pass --force to replace it, or choose another --out`);
  }
}

/** A folder we cannot write into, said in one line (no raw EEXIST / ENOTDIR). */
export class OutputFolderError extends Error {}

function folderProblem(dir: string, err: unknown): OutputFolderError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'EEXIST' || code === 'ENOTDIR'
      ? 'a file is in the way (the output must be a folder; manifest.json and the PDFs are written inside it)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOENT'
            ? 'the system does not allow a folder there'
            : (code ?? String(err));
  return new OutputFolderError(`cannot use ${dir} as the output folder: ${why}`);
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
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw folderProblem(dir, err);
      missing.unshift(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
      continue;
    }
    if (!st.isDirectory()) throw folderProblem(dir, Object.assign(new Error(), { code: 'ENOTDIR' }));
    break;
  }
  const made: string[] = [];
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(m).isDirectory()) continue;
      throw folderProblem(dir, err);
    }
    made.push(m);
  }
  return made;
}

/**
 * Fail fast, before any work: can files be written into `dir`? Creates what is missing, writes
 * and removes a probe file, then removes the folders it created, so a run that stops later has
 * written nothing. Throws OutputFolderError with one line for a person.
 */
export function checkOutputFolder(dir: string): void {
  const made = makeFolder(dir);
  const probe = join(dir, `.exampress-probe.${process.pid}.tmp`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (err) {
    throw folderProblem(dir, err);
  } finally {
    for (const m of made.reverse()) rmdirSync(m);
  }
}

/** Write `data` to `file` so that readers see either the old file or the whole new one. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { force?: boolean } = {}): void {
  if (!opts.force && existsSync(file)) throw new OutputExistsError(file);
  makeFolder(dirname(file));
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new OutputFolderError(`cannot write ${file}: a folder of that name is in the way`);
    throw err;
  }
}

/** Folders being written to now: an interrupted run removes its temporary files from them. */
const active = new Set<string>();

export function writingInto(dir: string): () => void {
  active.add(dir);
  return () => active.delete(dir);
}

/** Work to stop on Ctrl-C before the unfinished files are removed (worker pools). */
const stoppers = new Set<() => Promise<unknown>>();

export function onInterrupt(stop: () => Promise<unknown>): () => void {
  stoppers.add(stop);
  return () => stoppers.delete(stop);
}

/** Stop the workers (at most 2 s), then remove what they left unfinished. */
export async function interrupt(): Promise<void> {
  await Promise.race([Promise.allSettled([...stoppers].map((s) => s())), new Promise((r) => setTimeout(r, 2000))]);
  removeUnfinished();
}

/**
 * After Ctrl-C: remove this process's unfinished temporary files (worker threads write
 * with the same pid), so the folder holds only whole files, earlier outputs as they were.
 */
export function removeUnfinished(): void {
  const suffix = `.${process.pid}.tmp`;
  for (const dir of active) {
    try {
      for (const name of readdirSync(dir)) if (name.startsWith('.') && name.endsWith(suffix)) rmSync(join(dir, name), { force: true });
    } catch {
      // nothing to clean
    }
  }
}
