// Where the package's own files (bundled bank, templates, fonts) are, whether we run from
// src/ under vitest or from dist/src/ after tsc.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'exampress') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('exampress: cannot find its package.json');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
export const packageVersion: string = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

/** `./bank` when the working folder has one, else the bank bundled with exampress. */
export function defaultBankDir(): string {
  return existsSync(join('bank', 'topics.yaml')) ? 'bank' : join(packageRoot, 'bank');
}
