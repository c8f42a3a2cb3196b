// Where the package's own files (bundled bank, templates, fonts) are, whether we run from
// src/ under vitest, from dist/src/ after tsc, or from a bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
let ownRoot: string | undefined;

/** The repository (or installed package) root: the nearest folder up with our package.json. */
export function packageRoot(from: string = here): string {
  if (from === here && ownRoot) return ownRoot;
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'exampress') {
          if (from === here) ownRoot = dir;
          return dir;
        }
      } catch {
        // an unreadable package.json above us is not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`exampress: cannot find the package root above ${from}`);
    dir = parent;
  }
}

/** The version in our package.json (read when asked, so importing this module never fails). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** `./bank` when the working folder has one, else the bank bundled with exampress. */
export function defaultBankDir(): string {
  return existsSync(join('bank', 'topics.yaml')) ? 'bank' : join(packageRoot(), 'bank');
}

/** How files are named in messages: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
