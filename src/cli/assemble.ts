// `exampress assemble`: the only part of assembly that touches files. Reads the blueprint,
// bank, roster and history; writes manifest.json (atomically) and, with --issue, the history.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { displayPath, loadBank } from '../bank/load.js';
import { isYamlFailure, locate, readYaml, type YamlSource } from '../bank/yamlSource.js';
import { writeFileAtomic } from '../cli/files.js';
import { packageVersion } from '../paths.js';
import { assemble } from './assemble.js';
import { BlueprintSchema, type Blueprint } from './blueprint.js';
import { historyLine, parseHistory, type HistoryEntry } from './history.js';
import { parseManifest, serializeManifest, sha256, type Manifest } from './manifest.js';
import { missingQuestions } from './resolve.js';
import { parseRoster, type Candidate } from './roster.js';

export interface AssembleArgs {
  /** Blueprint YAML; not needed with fromManifest. */
  blueprint?: string;
  seed?: number;
  variants?: number;
  mode?: 'shuffle' | 'parallel';
  roster?: string;
  out?: string;
  json?: boolean;
  fromManifest?: string;
  /** Record the issued paper in the blueprint's exposure.history file. */
  issue?: boolean;
  bankDir: string;
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
    io.stderr(`exampress assemble: ${(err as Error).message}`);
    return ASSEMBLE_EXIT.error;
  }
}

function loadUsableBank(dir: string, io: AssembleIo) {
  const { bank, problems } = loadBank(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (bank.questions.length === 0) {
    errors.slice(0, 20).forEach((p) => io.stderr(`${p.file}:${p.line}:${p.col} error ${p.rule}: ${p.message}`));
    io.stderr(`exampress assemble: the bank in ${dir} has no usable questions`);
    return null;
  }
  if (errors.length) io.stderr(`note: ${errors.length} problem(s) in the bank left some questions out; run exampress bank lint`);
  return bank;
}

function fromBlueprint(args: AssembleArgs, io: AssembleIo): number {
  if (!args.blueprint) {
    io.stderr('exampress assemble: give --blueprint FILE (or --from-manifest FILE)');
    return ASSEMBLE_EXIT.error;
  }
  if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) {
    io.stderr(`exampress assemble: --seed must be a whole number 0 or more, got ${args.seed}`);
    return ASSEMBLE_EXIT.error;
  }
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
    const text = readText(args.roster);
    const parsed = parseRoster(text);
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

  const bank = loadUsableBank(args.bankDir, io);
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
  const parsed = parseManifest(readText(file));
  if ('problem' in parsed) {
    io.stderr(`${displayPath(file)}:1:1 error manifest: ${parsed.problem}`);
    return ASSEMBLE_EXIT.infeasible;
  }
  const bank = loadUsableBank(args.bankDir, io);
  if (!bank) return ASSEMBLE_EXIT.error;
  const missing = missingQuestions(bank, parsed.manifest);
  if (missing.length) {
    io.stderr(`${displayPath(file)}:1:1 error manifest: the bank lacks ${missing.length} question(s) the paper needs (ids: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''})`);
    return ASSEMBLE_EXIT.infeasible;
  }
  const text = serializeManifest(parsed.manifest);
  const out = writeManifest(args.out, text, io, args.json);
  summarise(parsed.manifest, out, io);
  return ASSEMBLE_EXIT.ok;
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
