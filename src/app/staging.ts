// Writing a whole set or nothing: work goes into a fresh staging folder inside the output
// folder (the same file system, so moving its files out is a rename), and the folder is gone
// afterwards whatever happened. A failed, interrupted or killed run leaves earlier outputs as
// they were; a staging folder a killed run left behind is removed by the next run.
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { folderError, makeFolder } from './files.js';

const PREFIX = '.staging-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staging folders of processes that are gone (killed mid-print). */
function removeAbandoned(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

/** Run `work` with a new staging folder inside `outDir`, removed afterwards (what `work` moved out stays). */
export async function withStaging<T>(outDir: string, work: (staging: string) => Promise<T>): Promise<T> {
  const made = makeFolder(outDir);
  removeAbandoned(outDir);
  const staging = join(outDir, `${PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(staging);
  } catch (err) {
    throw folderError(outDir, err);
  }
  try {
    return await work(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    // Folders made for a run that kept nothing are removed again (only while empty).
    for (const dir of made.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
}

/** Run `work` into a staging folder inside `outDir`; when it reports ok, move its files into `outDir`. */
export async function inStaging<T extends { ok: boolean }>(outDir: string, work: (staging: string) => Promise<T>): Promise<T & { moved: string[] }> {
  return withStaging(outDir, async (staging) => {
    const result = await work(staging);
    if (!result.ok) return { ...result, moved: [] };
    const moved = readdirSync(staging).filter((n) => !n.startsWith('.')).sort();
    for (const n of moved) renameSync(join(staging, n), join(outDir, n));
    return { ...result, moved };
  });
}
