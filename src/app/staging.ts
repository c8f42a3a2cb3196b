// Writing a whole set or nothing: work goes into a fresh staging folder inside the output
// folder, and only when all of it succeeded are its files moved over the earlier ones (each by
// a rename on the same file system). A failed or interrupted set leaves earlier outputs as they were.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { makeFolder } from './files.js';

/** Run `work` into a staging folder inside `outDir`; when it reports ok, move its files into `outDir`. */
export async function inStaging<T extends { ok: boolean }>(outDir: string, work: (staging: string) => Promise<T>): Promise<T & { moved: string[] }> {
  makeFolder(outDir);
  const staging = join(outDir, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  try {
    const result = await work(staging);
    if (!result.ok) return { ...result, moved: [] };
    const moved = readdirSync(staging).filter((n) => !n.startsWith('.')).sort();
    for (const n of moved) renameSync(join(staging, n), join(outDir, n));
    return { ...result, moved };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
