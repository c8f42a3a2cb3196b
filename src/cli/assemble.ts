// `exampress assemble`: the only part of assembly that touches files. Reads the blueprint,
// bank, roster and history; writes manifest.json (atomically) and, with --issue, the history.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { assemble } from '../assemble/assemble.js';
import { BlueprintSchema, type Blueprint } from '../assemble/blueprint.js';
import { historyLine, parseHistory, type HistoryEntry } from '../assemble/history.js';
import { parseManifest, serializeManifest, sha256, type Manifest } from '../assemble/manifest.js';
import { parseRoster, type Candidate, type RosterColumns } from '../assemble/roster.js';
import { manifestProblems } from '../assemble/verify.js';
import { loadBankForPapers } from '../bank/gate.js';
import { formatProblem } from '../bank/lint.js';
import { displayPath } from '../bank/load.js';
import type { Bank } from '../bank/schema.js';
import { isYamlFailure, locate, parseYamlText, readYaml, type YamlSource } from '../bank/yamlSource.js';
import { packageVersion } from '../paths.js';
import { checkOutputFolder, OutputFolderError, writeFileAtomic } from './files.js';

export interface AssembleArgs {
  /** Blueprint YAML; not needed with fromManifest. */
  blueprint?: string;
  seed?: number;
  variants?: number;
  mode?: 'shuffle' | 'parallel';
  roster?: string;
  /** Header names of the roster's id, name and branch columns (bank config roster.columns). */
  rosterColumns?: RosterColumns;
  out?: string;
  json?: boolean;
  fromManifest?: string;
  /** Record the issued paper in the blueprint's exposure.history file. */
  issue?: boolean;
  bankDir: string;
  /** The bank already loaded (and checked) from bankDir by the caller: saves loading it twice. */
  bank?: Bank;
}

export interface AssembleIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Exit codes: 0 written, 1 an error outside the blueprint (files, bank), 2 invalid or infeasible blueprint. */
export const ASSEMBLE_EXIT = { ok: 0, error: 1, infeasible: 2 } as const;

export const MANIFEST_FILE = 'manifest.json';

export interface LoadedBlueprint {
  blueprint: Blueprint;
  src: YamlSource;
}

/** Parse and validate a blueprint file; problems come back as `FILE:LINE:COL error RULE: message` lines. */
export function loadBlueprint(file: string): LoadedBlueprint | { errors: string[] } {
  const src = readYaml(file);
  if (isYamlFailure(src)) return { errors: [`${displayPath(file)}:${src.line}:${src.col} error blueprint: ${src.message}`] };
  const parsed = BlueprintSchema.safeParse(src.value);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => {
        const at = locate(src, issue.path);
        const field = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
        return `${displayPath(file)}:${at.line}:${at.col} error schema: ${field}${issue.message}`;
      }),
    };
  }
  return { blueprint: parsed.data, src };
}

export async function runAssemble(args: AssembleArgs, io: AssembleIo): Promise<number> {
  try {
    return args.fromManifest ? fromManifest(args, args.fromManifest, io) : fromBlueprint(args, io);
  } catch (err) {
    if (err instanceof OutputFolderError) {
      io.stderr(`exampress assemble: ${err.message}`);
      return ASSEMBLE_EXIT.error;
    }
    io.stderr(`exampress assemble: ${(err as Error).message}`);
    return ASSEMBLE_EXIT.error;
  }
}

/**
 * The bank through the gate (src/bank/gate.ts): every problem printed, null on any error so
 * nothing is assembled from a broken bank. Warnings are printed and do not stop.
 */
export function loadBankOrReport(dir: string, io: AssembleIo, command = 'assemble'): Bank | null {
  const { bank, problems } = loadBankForPapers(dir);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (!bank) {
    problems.filter((p) => p.severity === 'error').forEach((p) => io.stderr(formatProblem(p)));
    io.stderr(`exampress ${command}: the bank in ${displayPath(dir)} has ${errors} error(s); fix them (exampress bank lint) before assembling; nothing was written`);
    return null;
  }
  const warnings = problems.length;
  if (warnings) io.stderr(`note: the bank has ${warnings} warning(s); see exampress bank lint`);
  return bank;
}

/** Seeds: whole numbers from 0 to 2^53-1, every bit used (1 and 4294967297 are different papers). */
export const SEED_RANGE = `a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;

function fromBlueprint(args: AssembleArgs, io: AssembleIo): number {
  if (!args.blueprint) {
    io.stderr('exampress assemble: give --blueprint FILE (or --from-manifest FILE)');
    return ASSEMBLE_EXIT.error;
  }
  if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) {
    io.stderr(`exampress assemble: --seed must be ${SEED_RANGE}, got ${args.seed}`);
    return ASSEMBLE_EXIT.error;
  }
  checkOutputFolder(args.out ?? 'output');
  if (args.variants !== undefined && !(Number.isSafeInteger(args.variants) && args.variants >= 1 && args.variants <= 1000)) {
    io.stderr(`exampress assemble: --variants must be a whole number from 1 to 1000, got ${args.variants}`);
    return ASSEMBLE_EXIT.error;
  }
  const loaded = loadBlueprint(args.blueprint);
  if ('errors' in loaded) {
    loaded.errors.forEach((e) => io.stderr(e));
    return ASSEMBLE_EXIT.infeasible;
  }
  const { blueprint: bp, src } = loaded;
  const where = (path: (string | number)[] | undefined) => {
    const at = locate(src, path ?? []);
    return `${displayPath(args.blueprint!)}:${at.line}:${at.col}`;
  };

  let roster: Candidate[] | undefined;
  if (args.roster) {
    const text = readRosterText(args.roster);
    const parsed = parseRoster(text, args.rosterColumns);
    if (parsed.problems.length) {
      parsed.problems.forEach((p) => io.stderr(`${displayPath(args.roster!)}:${p.line}:1 error roster: ${p.message}`));
      return ASSEMBLE_EXIT.infeasible;
    }
    roster = parsed.candidates;
  }

  const historyFile = bp.exposure ? resolvePath(dirname(args.blueprint), bp.exposure.history) : undefined;
  let history: HistoryEntry[] = [];
  if (historyFile && existsSync(historyFile)) {
    const parsed = parseHistory(readText(historyFile));
    if (parsed.bad.length) {
      parsed.bad.forEach((line) => io.stderr(`${displayPath(historyFile)}:${line}:1 error history: not a history entry (one JSON object with "ids" per line)`));
      return ASSEMBLE_EXIT.infeasible;
    }
    history = parsed.entries;
  }
  if (args.issue && !historyFile) {
    io.stderr(`${where(['title'])} error exposure: --issue records the paper in exposure.history; add exposure: {history: FILE, notInLast: N} to the blueprint`);
    return ASSEMBLE_EXIT.infeasible;
  }

  const bank = args.bank ?? loadBankOrReport(args.bankDir, io);
  if (!bank) return ASSEMBLE_EXIT.error;
  const seed = args.seed ?? bp.seed ?? 1;
  const result = assemble(bank, bp, {
    seed,
    ...(args.variants !== undefined ? { variants: args.variants } : {}),
    ...(args.mode ? { mode: args.mode } : {}),
    ...(roster ? { roster } : {}),
    history,
    toolVersion: packageVersion(),
    blueprintFile: args.blueprint.split(/[\\/]/).pop()!,
  });
  if ('problems' in result) {
    if (result.problems.some((p) => p.rule === 'bank')) {
      // assemble()'s own last check on the bank (the gate above should have caught it): exit 1.
      result.problems.forEach((p) => io.stderr(`error bank: ${p.message}`));
      io.stderr('exampress assemble: the bank has errors; nothing was written');
      return ASSEMBLE_EXIT.error;
    }
    result.problems.forEach((p) => io.stderr(`${where(p.path)} error ${p.rule}: ${p.message}`));
    io.stderr('exampress assemble: the blueprint cannot be met; nothing was written');
    return ASSEMBLE_EXIT.infeasible;
  }
  const text = serializeManifest(result.manifest);
  const file = writeManifest(args.out, text, io, args.json);
  if (args.issue && historyFile) {
    const ids = [...new Set(result.manifest.variants.flatMap((v) => v.sections.flatMap((s) => s.questions.map((q) => q.id))))].sort();
    const entry: HistoryEntry = { date: new Date().toISOString().slice(0, 10), title: bp.title, seed, manifest: sha256(text), ids };
    const before = existsSync(historyFile) ? readText(historyFile) : '';
    writeFileAtomic(historyFile, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${historyLine(entry)}`, { force: true });
    io.stderr(`recorded ${ids.length} question(s) in ${displayPath(historyFile)}`);
  }
  summarise(result.manifest, file, io);
  return ASSEMBLE_EXIT.ok;
}

function fromManifest(args: AssembleArgs, file: string, io: AssembleIo): number {
  checkOutputFolder(args.out ?? 'output');
  const text = readText(file);
  const at = (path: (string | number)[]) => `${displayPath(file)}:${locateJson(text, path)}`;
  const parsed = parseManifest(text);
  if ('problem' in parsed) {
    // JSON.parse names a character position ("… at position 199"); elsewhere, the path.
    const offset = /position (\d+)/.exec(parsed.problem)?.[1];
    const where = offset !== undefined ? `${displayPath(file)}:${lineCol(text, Number(offset))}` : at(parsed.path);
    io.stderr(`${where} error manifest: ${parsed.problem}`);
    return ASSEMBLE_EXIT.infeasible;
  }
  const bank = args.bank ?? loadBankOrReport(args.bankDir, io);
  if (!bank) return ASSEMBLE_EXIT.error;
  const problems = manifestProblems(bank, parsed.manifest);
  if (problems.length) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    io.stderr(`${at(first.path)} error manifest: ${first.message}${more}`);
    io.stderr('exampress assemble: the manifest does not fit the bank; nothing was written');
    return ASSEMBLE_EXIT.infeasible;
  }
  const out = writeManifest(args.out, serializeManifest(parsed.manifest), io, args.json);
  summarise(parsed.manifest, out, io);
  return ASSEMBLE_EXIT.ok;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/** LINE:COL of a path in a JSON text (JSON is YAML, so the YAML locator reads it). */
function locateJson(text: string, path: (string | number)[]): string {
  const src = parseYamlText(text, '');
  if (isYamlFailure(src)) return '1:1';
  const at = locate(src, path);
  return `${at.line}:${at.col}`;
}

function writeManifest(outDir: string | undefined, text: string, io: AssembleIo, json: boolean | undefined): string {
  const file = join(outDir ?? 'output', MANIFEST_FILE);
  writeFileAtomic(file, text, { force: true });
  if (json) io.stdout(text);
  return file;
}

function summarise(m: Manifest, file: string, io: AssembleIo): void {
  const first = m.variants[0];
  const questions = first ? first.sections.reduce((n, s) => n + s.questions.length, 0) : 0;
  io.stderr(`wrote ${displayPath(file)}: ${m.variants.length} variant(s) (${m.mode}), ${questions} questions, ${first?.totalPoints ?? 0} points, seed ${m.seed}`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'file not found' : code ?? String(err)}`);
  }
}

/** A roster as Excel saves it: UTF-8 with or without BOM, or GBK on Chinese Windows. */
function readRosterText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${file}: ${code === 'ENOENT' ? 'file not found' : code ?? String(err)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
    return iconv.decode(bytes, 'gb18030');
  }
}
