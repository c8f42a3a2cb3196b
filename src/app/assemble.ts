// Drawing papers: blueprint (or an earlier manifest) + bank + seed → the manifest, checked. The
// draw itself (src/assemble) is pure; here the blueprint, roster and history files are read and
// every problem is located in the file it was found in.
import { existsSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { assemble } from '../assemble/assemble.js';
import { BlueprintSchema, type Blueprint } from '../assemble/blueprint.js';
import { historyLine, parseHistory, type HistoryEntry } from '../assemble/history.js';
import { parseManifest, serializeManifest, sha256, type Manifest } from '../assemble/manifest.js';
import { parseRoster, type Candidate, type RosterColumns } from '../assemble/roster.js';
import { manifestProblems } from '../assemble/verify.js';
import type { Bank } from '../bank/schema.js';
import { isYamlFailure, locate, parseYamlText, readYaml, type YamlSource } from '../bank/yamlSource.js';
import { displayPath, packageVersion } from '../paths.js';
import { openBank } from './bank.js';
import type { CacheSettings } from './cache.js';
import { catchOutput, checkOutputFolder, writeFileAtomic } from './files.js';
import { MANIFEST_FILE } from './names.js';
import { failed, problem, succeeded, type Problem, type Result } from './problem.js';
import { ReadError, readRosterText, readText } from './read.js';

export interface DrawRequest {
  bankDir: string;
  /** Blueprint YAML; not needed with fromManifest. */
  blueprint?: string;
  /** Reproduce the papers of an earlier manifest.json instead of drawing. */
  fromManifest?: string;
  seed?: number;
  variants?: number;
  mode?: 'shuffle' | 'parallel';
  /** CSV of candidates: one paper each. */
  roster?: string;
  /** Header names of the roster's id, name and branch columns (bank config roster.columns). */
  rosterColumns?: RosterColumns;
  /** Record the issued papers in the blueprint's exposure.history. */
  issue?: boolean;
  /** The bank, opened (and checked) by the caller: not read again. */
  bank?: Bank;
  cache?: CacheSettings;
}

export interface Draw {
  manifest: Manifest;
  /** manifest.json's text. */
  text: string;
  /** The history line to append when the papers are issued (--issue). */
  issued?: { file: string; entry: HistoryEntry };
}

export interface LoadedBlueprint {
  blueprint: Blueprint;
  src: YamlSource;
}

/** Seeds: whole numbers from 0 to 2^53-1, every bit used (1 and 4294967297 are different papers). */
export const SEED_RANGE = `a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;

/** Is `seed` a seed? A problem saying what a seed is, if not. */
export function seedProblem(seed: number): Problem | undefined {
  return Number.isSafeInteger(seed) && seed >= 0 ? undefined : problem('seed', `--seed must be ${SEED_RANGE}, got ${seed}`, { seed: String(seed) });
}

/** Is `n` a number of papers? */
export function variantsProblem(n: number): Problem | undefined {
  return Number.isSafeInteger(n) && n >= 1 && n <= 1000 ? undefined : problem('variants', `--variants must be a whole number from 1 to 1000, got ${n}`, { variants: String(n) });
}

const at = (file: string, line: number, col: number) => ({ file: displayPath(file), line, col });

/** Parse and validate a blueprint file, every problem located in it. */
export function loadBlueprint(file: string): LoadedBlueprint | { problems: Problem[] } {
  const src = readYaml(file);
  if (isYamlFailure(src)) return { problems: [{ code: 'blueprint', severity: 'error', ...at(file, src.line, src.col), message: src.message }] };
  const parsed = BlueprintSchema.safeParse(src.value);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const where = locate(src, issue.path);
        const field = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
        return { code: 'schema', severity: 'error' as const, ...at(file, where.line, where.col), params: { field: issue.path.map(String).join('.') }, message: `${field}${issue.message}` };
      }),
    };
  }
  return { blueprint: parsed.data, src };
}

/** The assembler's verdict on `bp` with these settings, its problems located in the blueprint file. */
export function tryBlueprint(bank: Bank, loaded: LoadedBlueprint, file: string, opts: { seed: number; variants?: number; mode?: 'shuffle' | 'parallel'; roster?: readonly Candidate[]; history?: readonly HistoryEntry[] }): Result<{ manifest: Manifest }> {
  const result = assemble(bank, loaded.blueprint, {
    seed: opts.seed,
    ...(opts.variants !== undefined ? { variants: opts.variants } : {}),
    ...(opts.mode ? { mode: opts.mode } : {}),
    ...(opts.roster ? { roster: opts.roster } : {}),
    history: opts.history ?? [],
    toolVersion: packageVersion(),
    blueprintFile: file.split(/[\\/]/).pop()!,
  });
  if ('manifest' in result) return succeeded({ manifest: result.manifest });
  if (result.problems.some((p) => p.rule === 'bank')) {
    // assemble()'s own last check on the bank (the gate should have caught it).
    return failed('input', [...result.problems.map((p) => problem('bank', `error bank: ${p.message}`)), problem('bank-errors', 'the bank has errors; nothing was written')]);
  }
  const located = result.problems.map((p): Problem => {
    const where = locate(loaded.src, p.path ?? []);
    return { code: p.rule, severity: 'error', ...at(file, where.line, where.col), message: p.message };
  });
  return failed('infeasible', [...located, problem('infeasible', 'the blueprint cannot be met; nothing was written')]);
}

/** Draw the papers of a blueprint (or reread an earlier manifest), checked against the bank; nothing is written. */
export function drawPapers(req: DrawRequest): Result<Draw> {
  try {
    return req.fromManifest ? fromManifest(req, req.fromManifest) : fromBlueprint(req);
  } catch (err) {
    if (err instanceof ReadError) return failed('input', [err.problem]);
    throw err;
  }
}

/** `exampress assemble`: draw, then write manifest.json (and the history line with `issue`). */
export function assemblePapers(req: DrawRequest & { out: string }): Result<Draw & { file: string }> {
  return catchOutput(() => {
    checkOutputFolder(req.out);
    const draw = drawPapers(req);
    if (!draw.ok) return draw;
    const file = join(req.out, MANIFEST_FILE);
    writeFileAtomic(file, draw.text, { force: true });
    recordIssue(draw);
    return succeeded({ ...draw, file }, draw.problems);
  });
}

/** Append the issued papers to the blueprint's exposure.history (when the draw was asked to). */
export function recordIssue(draw: Draw): void {
  if (!draw.issued) return;
  const { file, entry } = draw.issued;
  const before = existsSync(file) ? readText(file) : '';
  writeFileAtomic(file, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${historyLine(entry)}`, { force: true });
}

function bankFor(req: DrawRequest): Result<{ bank: Bank }> {
  return req.bank ? succeeded({ bank: req.bank }) : openBank(req.bankDir, req.cache ? { cache: req.cache } : {});
}

function fromBlueprint(req: DrawRequest): Result<Draw> {
  if (!req.blueprint) return failed('input', [problem('no-blueprint', 'give --blueprint FILE (or --from-manifest FILE)')]);
  const early = [req.seed !== undefined ? seedProblem(req.seed) : undefined, req.variants !== undefined ? variantsProblem(req.variants) : undefined].filter((p) => p !== undefined);
  if (early.length) return failed('input', early);
  const file = req.blueprint;
  const loaded = loadBlueprint(file);
  if ('problems' in loaded) return failed('infeasible', loaded.problems);
  const bp = loaded.blueprint;

  let roster: Candidate[] | undefined;
  if (req.roster) {
    const parsed = parseRoster(readRosterText(req.roster), req.rosterColumns);
    if (parsed.problems.length) return failed('input', parsed.problems.map((p) => ({ code: 'roster', severity: 'error' as const, ...at(req.roster!, p.line, 1), message: p.message })));
    roster = parsed.candidates;
  }

  const historyFile = bp.exposure ? resolvePath(dirname(file), bp.exposure.history) : undefined;
  let history: HistoryEntry[] = [];
  if (historyFile && existsSync(historyFile)) {
    const parsed = parseHistory(readText(historyFile));
    if (parsed.bad.length) return failed('infeasible', parsed.bad.map((line) => ({ code: 'history', severity: 'error' as const, ...at(historyFile, line, 1), message: 'not a history entry (one JSON object with "ids" per line)' })));
    history = parsed.entries;
  }
  if (req.issue && !historyFile) {
    const where = locate(loaded.src, ['title']);
    return failed('infeasible', [{ code: 'exposure', severity: 'error', ...at(file, where.line, where.col), message: '--issue records the paper in exposure.history; add exposure: {history: FILE, notInLast: N} to the blueprint' }]);
  }

  const opened = bankFor(req);
  if (!opened.ok) return opened;
  const seed = req.seed ?? bp.seed ?? 1;
  const tried = tryBlueprint(opened.bank, loaded, file, { seed, ...(req.variants !== undefined ? { variants: req.variants } : {}), ...(req.mode ? { mode: req.mode } : {}), ...(roster ? { roster } : {}), history });
  if (!tried.ok) return { ...tried, problems: [...opened.problems, ...tried.problems] };
  const text = serializeManifest(tried.manifest);
  // Documents are printed from the manifest as written (its keys in canonical order), so that a
  // reprint from manifest.json gives the same bytes.
  const written = parseManifest(text);
  if (!('manifest' in written)) throw new Error(`the manifest just written does not read back: ${written.problem}`);
  const draw: Draw = { manifest: written.manifest, text };
  if (req.issue && historyFile) {
    const ids = [...new Set(tried.manifest.variants.flatMap((v) => v.sections.flatMap((s) => s.questions.map((q) => q.id))))].sort();
    draw.issued = { file: historyFile, entry: { date: new Date().toISOString().slice(0, 10), title: bp.title, seed, manifest: sha256(text), ids } };
  }
  return succeeded(draw, opened.problems);
}

function fromManifest(req: DrawRequest, file: string): Result<Draw> {
  const text = readText(file);
  const parsed = parseManifest(text);
  if ('problem' in parsed) {
    // JSON.parse names a character position ("… at position 199"); elsewhere, the path.
    const offset = /position (\d+)/.exec(parsed.problem)?.[1];
    const where = offset !== undefined ? lineCol(text, Number(offset)) : locateJson(text, parsed.path);
    return failed('infeasible', [{ code: 'manifest', severity: 'error', ...at(file, where.line, where.col), message: parsed.problem }]);
  }
  const opened = bankFor(req);
  if (!opened.ok) return opened;
  const problems = manifestProblems(opened.bank, parsed.manifest);
  if (problems.length) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    const where = locateJson(text, first.path);
    return failed('infeasible', [
      { code: 'manifest', severity: 'error', ...at(file, where.line, where.col), message: `${first.message}${more}` },
      problem('manifest-misfit', 'the manifest does not fit the bank; nothing was written'),
    ]);
  }
  return succeeded({ manifest: parsed.manifest, text: serializeManifest(parsed.manifest) }, opened.problems);
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** LINE:COL of a path in a JSON text (JSON is YAML, so the YAML locator reads it). */
function locateJson(text: string, path: (string | number)[]): { line: number; col: number } {
  const src = parseYamlText(text, '');
  return isYamlFailure(src) ? { line: 1, col: 1 } : locate(src, path);
}

/** "2 variant(s) (shuffle), 50 questions, 100 points, seed 2026". */
export function drawSummary(m: Manifest): { variants: number; mode: string; questions: number; points: number; seed: number } {
  const first = m.variants[0];
  return { variants: m.variants.length, mode: m.mode, questions: first ? first.sections.reduce((n, s) => n + s.questions.length, 0) : 0, points: first?.totalPoints ?? 0, seed: m.seed };
}
