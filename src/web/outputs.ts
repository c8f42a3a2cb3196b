// The workspace's output folder: the only place the page hands files out from. A name is one
// plain file name inside it, nothing else: no folder part, no "..", no absolute path, however
// it was encoded.
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';

/** File kinds the page serves, and their types. */
export const SERVED_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.zip': 'application/zip',
  '.csv': 'text/csv; charset=utf-8',
};

export type OutputName = { file: string } | { refused: 'bad-name' | 'missing' };

/** `name` as given in a URL (still percent-encoded) → the file in `outDir`, or why not. */
export function outputFile(outDir: string, name: string): OutputName {
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return { refused: 'bad-name' };
  }
  // One more decoding round must change nothing: %252e%252e is refused too.
  const twice = (() => {
    try {
      return decodeURIComponent(decoded);
    } catch {
      return decoded;
    }
  })();
  const bad = (s: string) => !s || s.includes('/') || s.includes('\\') || s.includes('\0') || s === '.' || s === '..' || s.startsWith('.') || isAbsolute(s) || /^[a-z]:/i.test(s);
  if (bad(decoded) || bad(twice) || basename(decoded) !== decoded) return { refused: 'bad-name' };
  const ext = decoded.slice(decoded.lastIndexOf('.')).toLowerCase();
  if (!SERVED_TYPES[ext]) return { refused: 'bad-name' };
  const root = resolve(outDir);
  const file = join(root, decoded);
  if (!existsSync(file)) return { refused: 'missing' };
  // A symlink planted in the folder must not lead out of it.
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (!real.startsWith(realRoot + sep) || !lstatSync(real).isFile()) return { refused: 'bad-name' };
  return { file: real };
}

/** The served files in `outDir` whose names start with `prefix`, sorted. */
export function listOutputs(outDir: string, prefix = ''): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir)
    .filter((n) => n.startsWith(prefix) && !n.startsWith('.') && SERVED_TYPES[n.slice(n.lastIndexOf('.')).toLowerCase()])
    .sort();
}
