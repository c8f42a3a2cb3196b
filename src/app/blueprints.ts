// What the page shows before a build: the blueprints of a workspace, supply against demand for
// every cell of one, the assembler's verdict for given settings, and the coverage table
// (双向细目表) of the paper last printed from it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../assemble/manifest.js';
import { resolveVariant } from '../assemble/resolve.js';
import { supplyTable, type SupplyTable } from '../assemble/supply.js';
import type { Bank } from '../bank/schema.js';
import { loadTheme, specView, type SpecView } from '../documents/index.js';
import { drawSummary, loadBlueprint, seedProblem, tryBlueprint, variantsProblem } from './assemble.js';
import { defaultTemplatesDir } from './cache.js';
import { MANIFEST_FILE } from './names.js';
import { errorsIn, type Problem } from './problem.js';

/** The blueprint files of a bank, sorted. */
export function blueprintFiles(bankDir: string): string[] {
  const dir = join(bankDir, 'blueprints');
  return existsSync(dir) ? readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort() : [];
}

export interface BlueprintCheck {
  /** Problems of the blueprint file itself (YAML, schema). */
  blueprintProblems: Problem[];
  /** The blueprint's own settings, to start a form from. */
  defaults?: { seed: number; variants: number; mode: 'shuffle' | 'parallel' };
  supply?: SupplyTable;
  /** The assembler's verdict for the settings: what a build would print, or why it cannot. */
  verdict?: { ok: true; variants: number; mode: string; questions: number; points: number; seed: number } | { ok: false; problems: Problem[] };
}

/**
 * Check blueprint `file` against `bank` (with its own problems `bankProblems`) for the given
 * settings (the blueprint's own where left out).
 */
export function checkBlueprint(bank: Bank, bankProblems: readonly Problem[], file: string, settings: { seed?: number; variants?: number; mode?: 'shuffle' | 'parallel' }): BlueprintCheck {
  const loaded = loadBlueprint(file);
  if ('problems' in loaded) return { blueprintProblems: loaded.problems };
  const bp = loaded.blueprint;
  const defaults = { seed: bp.seed ?? 1, variants: bp.variants?.count ?? 1, mode: bp.variants?.mode ?? 'shuffle' };
  const check: BlueprintCheck = { blueprintProblems: [], defaults, supply: supplyTable(bank, bp) };
  const errors = errorsIn(bankProblems);
  if (errors.length) {
    check.verdict = { ok: false, problems: [{ code: 'bank-errors', severity: 'error', params: { errors: errors.length }, message: `the bank has ${errors.length} error(s); fix them before printing (see the bank page)` }] };
    return check;
  }
  const seed = settings.seed ?? defaults.seed;
  const variants = settings.variants ?? defaults.variants;
  const wrong = [seedProblem(seed), variantsProblem(variants)].filter((p) => p !== undefined);
  if (wrong.length) {
    check.verdict = { ok: false, problems: wrong };
    return check;
  }
  const tried = tryBlueprint(bank, loaded, file, { seed, variants, mode: settings.mode ?? defaults.mode });
  check.verdict = tried.ok ? { ok: true, ...drawSummary(tried.manifest) } : { ok: false, problems: tried.problems.filter((p) => p.code !== 'infeasible') };
  return check;
}

/** The coverage table of the paper in `outDir` printed from blueprint `blueprintName`, when it still fits the bank. */
export function printedCoverage(bank: Bank, outDir: string, blueprintName: string): SpecView | undefined {
  const manifestFile = join(outDir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) return undefined;
  const parsed = parseManifest(readFileSync(manifestFile, 'utf8'));
  if (!('manifest' in parsed) || parsed.manifest.blueprint.file !== blueprintName) return undefined;
  try {
    const defaults = defaultTemplatesDir();
    const { theme } = loadTheme(defaults, defaults);
    const bp = parsed.manifest.blueprint.content;
    return theme ? specView(resolveVariant(bank, parsed.manifest, 0), bank, bp, theme, { size: 'a4', seal: false, organisation: bp.organisation ?? '' }) : undefined;
  } catch {
    // a manifest the bank no longer fits: no table (the build says so when rebuilt)
    return undefined;
  }
}
