// The only place that writes files: atomically (temp file, then rename), never over a file
// the user did not ask us to replace.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; pass --force to replace it, or choose another --out`);
  }
}

/** Write `data` to `file` so that readers see either the old file or the whole new one. */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { force?: boolean } = {}): void {
  if (!opts.force && existsSync(file)) throw new OutputExistsError(file);
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
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
