// Printed sets are records. Every set a print makes is kept whole under its paper id
// (output/papers/<id>/: manifest.json, the documents, the sheets' geometry, record.json), so a
// later print never orphans sheets already handed out; the output folder itself shows the latest
// set under the names trainers know (standard-A-paper.pdf …), as links to the record's files.
// Scanning finds a sheet's record by the paper id in its QR code.
import { existsSync, linkSync, copyFileSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../assemble/manifest.js';
import { parseManifest } from '../assemble/manifest.js';
import { paperId } from '../documents/common.js';
import { makeFolder, writeFileAtomic } from './files.js';
import { MANIFEST_FILE, RESPONSES_FILE, SCORES_FILE } from './names.js';

/** Where the records live inside an output folder. */
export const RECORDS_DIR = 'papers';
export const RECORD_FILE = 'record.json';
/** The names of the latest set shown in the output folder, so the next set replaces exactly them. */
const VIEW_FILE = '.latest.json';

/** What record.json says of a printed set. */
export interface PaperRecord {
  format: 1;
  id: string;
  title: string;
  blueprint: string;
  seed: number;
  mode: 'shuffle' | 'parallel';
  /** Variant labels (A, B… or candidate ids). */
  variants: string[];
  /** Candidates of a roster, 0 without one. */
  candidates: number;
  /** When the set was first printed (ISO time; the documents themselves never read the clock). */
  printed: string;
  tool: string;
}

/** A record as listed: what record.json says, where it is, and how far its grading got. */
export interface PrintedPaper extends PaperRecord {
  /** The record's folder. */
  dir: string;
  /** Sheets read into its responses.csv so far. */
  sheets: number;
  graded: boolean;
}

export function recordOf(manifest: Manifest, printed: Date): PaperRecord {
  const bp = manifest.blueprint.content;
  return {
    format: 1,
    id: paperId(manifest),
    title: bp.title,
    blueprint: manifest.blueprint.file,
    seed: manifest.seed,
    mode: manifest.mode,
    variants: manifest.variants.map((v) => v.label),
    candidates: manifest.variants.filter((v) => v.candidate).length,
    printed: printed.toISOString(),
    tool: manifest.tool.version,
  };
}

const readText = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The record folders of `outDir` (papers/<id>, papers/<id>-2 …), sorted. */
function recordDirs(outDir: string): string[] {
  const root = join(outDir, RECORDS_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => !n.startsWith('.') && existsSync(join(root, n, RECORD_FILE)))
    .sort()
    .map((n) => join(root, n));
}

function readRecord(dir: string): PaperRecord | undefined {
  try {
    const r = JSON.parse(readText(join(dir, RECORD_FILE)) ?? '') as PaperRecord;
    return r.format === 1 && typeof r.id === 'string' && Array.isArray(r.variants) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Every printed set kept in `outDir`, newest first. */
export function listPrintedPapers(outDir: string): PrintedPaper[] {
  return recordDirs(outDir)
    .flatMap((dir) => {
      const r = readRecord(dir);
      if (!r) return [];
      const responses = readText(join(dir, RESPONSES_FILE));
      const sheets = responses ? Math.max(0, responses.trim().split(/\r?\n/).length - 1) : 0;
      return [{ ...r, dir, sheets, graded: existsSync(join(dir, SCORES_FILE)) }];
    })
    .sort((a, b) => b.printed.localeCompare(a.printed) || a.dir.localeCompare(b.dir));
}

/** The record of paper `id` that printed variant `variant`, if one was kept. */
export function findRecord(outDir: string, id: string, variant: string): PrintedPaper | undefined {
  return listPrintedPapers(outDir).find((p) => p.id === id && p.variants.includes(variant));
}

/** The record folder a set of `manifest` goes to: its own if it was printed before, else the next free name. */
function recordDirFor(outDir: string, manifest: Manifest, text: string): { dir: string; exists: boolean } {
  const id = paperId(manifest);
  for (let n = 1; ; n++) {
    const dir = join(outDir, RECORDS_DIR, n === 1 ? id : `${id}-${n}`);
    if (!existsSync(dir)) return { dir, exists: false };
    // The same draw (same manifest, byte for byte) prints into the same record: a later
    // --range of a roster adds its candidates' documents to the ones already there.
    if (readText(join(dir, MANIFEST_FILE)) === text) return { dir, exists: true };
  }
}

/** Hard-link `from` to `to` (replacing it), copying where links are not possible. */
function linkOrCopy(from: string, to: string): void {
  const temp = `${to}.${process.pid}.link.tmp`;
  rmSync(temp, { force: true });
  try {
    linkSync(from, temp);
  } catch {
    copyFileSync(from, temp);
  }
  renameSync(temp, to);
}

/**
 * Keep the set printed into `staging` (manifest.json and documents, all complete) as the record
 * of its paper, then show it as the output folder's latest set. `extra` names files of the
 * staging folder that belong to the view only (the handbook of a build). Returns the record.
 */
export function commitPrintedSet(outDir: string, staging: string, manifest: Manifest, text: string, extra: readonly string[] = []): PrintedPaper {
  const { dir, exists } = recordDirFor(outDir, manifest, text);
  const documents = readdirSync(staging).filter((n) => !n.startsWith('.') && !extra.includes(n));
  if (!exists) {
    writeFileAtomic(join(staging, RECORD_FILE), `${JSON.stringify(recordOf(manifest, new Date()), null, 2)}\n`, { force: true });
    // The record appears whole or not at all: the staging folder, complete, is renamed into place.
    makeFolder(join(outDir, RECORDS_DIR));
    renameSync(staging, dir);
    for (const n of extra) renameSync(join(dir, n), join(outDir, n));
  } else {
    for (const n of documents) renameSync(join(staging, n), join(dir, n));
    for (const n of extra) renameSync(join(staging, n), join(outDir, n));
  }
  showLatest(outDir, dir, extra);
  return listPrintedPapers(outDir).find((p) => p.dir === dir)!;
}

/** The output folder shows the record in `dir` (and the `extra` files already there): links to its files, manifest.json last; the previous set's names go. */
function showLatest(outDir: string, dir: string, extra: readonly string[]): void {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.') && n !== RECORD_FILE && n !== RESPONSES_FILE && statSync(join(dir, n)).isFile());
  const before = (() => {
    try {
      return (JSON.parse(readText(join(outDir, VIEW_FILE)) ?? '[]') as string[]).filter((n) => typeof n === 'string');
    } catch {
      return [];
    }
  })();
  const shown = [...names, ...extra];
  for (const n of names.filter((x) => x !== MANIFEST_FILE)) linkOrCopy(join(dir, n), join(outDir, n));
  if (names.includes(MANIFEST_FILE)) linkOrCopy(join(dir, MANIFEST_FILE), join(outDir, MANIFEST_FILE));
  for (const n of before) if (!shown.includes(n) && !n.includes('/') && !n.startsWith('.')) rmSync(join(outDir, n), { force: true });
  writeFileAtomic(join(outDir, VIEW_FILE), `${JSON.stringify(shown.sort())}\n`, { force: true });
}

/** The manifest of a record folder. */
export function recordManifest(dir: string): Manifest | undefined {
  const text = readText(join(dir, MANIFEST_FILE));
  const parsed = text === undefined ? undefined : parseManifest(text);
  return parsed && 'manifest' in parsed ? parsed.manifest : undefined;
}
