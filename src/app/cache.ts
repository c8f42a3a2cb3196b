// Where the library keeps its caches (node_modules/.cache/exampress, as other tools do): checked
// banks, the keys' handbook pages, compiled templates; keyed by this build of exampress.
// The front ends ask for it once and hand it to every use case; EXAMPRESS_CACHE=0 turns it off.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, packageVersion } from '../paths.js';

export interface CacheSettings {
  cacheDir?: string;
  buildId?: string;
}

/** The cache of this installation, or none when EXAMPRESS_CACHE=0. */
export function defaultCache(env: NodeJS.ProcessEnv = process.env, executable = process.argv[1]): CacheSettings {
  if (env.EXAMPRESS_CACHE === '0') return {};
  let buildId = packageVersion();
  try {
    const self = statSync(executable ?? '');
    buildId += `:${self.mtimeMs}:${self.size}`;
  } catch {
    // running from a test harness: the version alone
  }
  return { cacheDir: join(packageRoot(), 'node_modules', '.cache', 'exampress'), buildId };
}

/** The bundled templates folder (templates/ of the package). */
export const defaultTemplatesDir = () => join(packageRoot(), 'templates');
