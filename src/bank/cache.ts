// A loaded and linted bank, cached on disk by the content of its files. Parsing YAML with
// positions is most of a cold command's time (≈100 ms for the bundled bank on an idle
// machine, the JIT still cold); reading the cached result back takes a few milliseconds.
// The key covers every bank file's bytes, the working folder (messages name files relative
// to it), the tool's version and its build, so a stale entry is never used.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { checkBankForPapers } from './gate.js';
import { loadBank, type LoadResult } from './load.js';
import type { Bank, Norm, NormSection, Problem } from './schema.js';

const CACHE_FORMAT = 1;

/** Load and lint `dir` through the gate (src/bank/gate.ts): the bank and every problem, sorted; any error means no paper. */
export function loadCheckedBank(dir: string, opts: { cacheDir?: string; buildId?: string } = {}): LoadResult {
  const key = opts.cacheDir ? cacheKey(dir, opts.buildId ?? '') : undefined;
  const file = key && opts.cacheDir ? join(opts.cacheDir, `bank-${key}.json`) : undefined;
  if (file) {
    const hit = readCache(file);
    if (hit) return hit;
  }
  const loaded = loadBank(dir);
  // The gate's own checks (lint, an empty bank): a cached bank is judged exactly as a fresh one.
  const result = { bank: loaded.bank, problems: checkBankForPapers(loaded).problems };
  if (file && opts.cacheDir) writeCache(opts.cacheDir, file, result);
  return result;
}

function cacheKey(dir: string, buildId: string): string | undefined {
  const h = createHash('sha256').update(`${CACHE_FORMAT}\n${buildId}\n${process.cwd()}\n${dir}\n`);
  try {
    const files = [join(dir, 'topics.yaml'), ...listYaml(join(dir, 'questions')), ...listYaml(join(dir, 'norms'))];
    for (const f of files) {
      h.update(`${f}\n`);
      h.update(existsSync(f) ? readFileSync(f) : '\0missing');
      h.update('\n');
    }
  } catch {
    return undefined; // unreadable: let loadBank report it
  }
  return h.digest('hex').slice(0, 32);
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => join(dir, n));
}

interface Stored {
  format: number;
  bank: Omit<Bank, 'norms' | 'sections'>;
  problems: Problem[];
}

function readCache(file: string): LoadResult | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    if (stored.format !== CACHE_FORMAT) return undefined;
    const norms = new Map<string, Norm>();
    const sections = new Map<string, NormSection>();
    for (const ch of stored.bank.chapters) {
      for (const s of ch.sections) {
        if (!sections.has(s.id)) sections.set(s.id, s);
        for (const n of s.norms) if (!norms.has(n.id)) norms.set(n.id, n);
      }
    }
    return { bank: { ...stored.bank, norms, sections }, problems: stored.problems };
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, file: string, result: LoadResult): void {
  const { norms: _n, sections: _s, ...bank } = result.bank;
  const stored: Stored = { format: CACHE_FORMAT, bank, problems: result.problems };
  storeEntry(dir, 'bank', file, stored);
}

/**
 * Write one cache entry atomically, then keep the 8 most recent entries of its kind: every edit
 * of a bank makes a new one. A cache that cannot be written is no error.
 */
function storeEntry(dir: string, kind: string, file: string, value: unknown): void {
  // Worker threads share the pid: the thread id keeps two of them from writing one temporary file.
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
    const entry = new RegExp(`^${kind}-[0-9a-f]+\\.json$`);
    const entries = readdirSync(dir)
      .filter((n) => entry.test(n))
      .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const e of entries.slice(8)) rmSync(join(dir, e.n), { force: true });
  } catch {
    rmSync(temp, { force: true });
  }
}

/**
 * A JSON value computed once per key and kept beside the cached banks (e.g. the handbook page
 * of every norm, which keys cite): `parts` are everything the value depends on.
 */
export function cachedJson<T>(opts: { cacheDir?: string; buildId?: string }, kind: string, parts: readonly (string | Uint8Array)[], compute: () => T): T {
  if (!opts.cacheDir) return compute();
  const h = createHash('sha256').update(`${CACHE_FORMAT}\n${kind}\n${opts.buildId ?? ''}\n`);
  for (const p of parts) h.update(p).update('\n\u0000');
  const file = join(opts.cacheDir, `${kind}-${h.digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // not cached yet
  }
  const value = compute();
  storeEntry(opts.cacheDir, kind, file, value);
  return value;
}
