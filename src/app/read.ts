// Reading the files a use case is given (blueprints' histories, manifests, rosters): a file that
// cannot be read is one ReadError with a located problem, never a raw errno.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { displayPath } from '../paths.js';
import type { Problem } from './problem.js';

export class ReadError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'ReadError';
  }
}

/** Why `file` could not be read, as a person says it. */
export function unreadable(file: string, err: unknown): ReadError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : (code ?? String(err));
  return new ReadError({ code: 'unreadable', severity: 'error', params: { file: displayPath(file), reason: code ?? 'unknown' }, message: `cannot read ${displayPath(file)}: ${why}` });
}

export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw unreadable(file, err);
  }
}

/** A UTF-8 text file, without its BOM. */
export function readText(file: string): string {
  return readBytes(file).toString('utf8').replace(/^\uFEFF/, '');
}

/** A roster as Excel saves it: UTF-8 with or without BOM, or GBK on Chinese Windows. */
export function readRosterText(file: string): string {
  const bytes = readBytes(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
    return iconv.decode(bytes, 'gb18030');
  }
}
