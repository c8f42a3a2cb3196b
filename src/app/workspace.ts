// A workspace: a bank folder with its config.yaml beside it. What every printing use case reads
// before its own settings: the config, paths resolved against the bank folder, the templates
// folder and the theme overrides. Settings given by the caller win over the config; the config
// wins over the defaults.
import { configPath, loadConfig, type Config } from '../bank/config.js';
import { DOCUMENT_KINDS, type DocumentKind, type HandbookSize, type Imposition, type PaperSize, type SheetSize } from '../kinds.js';
import type { PdfBackendChoice } from '../typeset/pdf/index.js';
import type { HandbookRequest } from './handbook.js';
import type { PrintRequest } from './papers.js';
import { failed, fromBankProblem, problem, succeeded, type Result } from './problem.js';

export interface Workspace {
  bankDir: string;
  config: Config;
  /** A path from the config, resolved against the bank folder. */
  fromConfig(path: string | undefined): string | undefined;
  /** The templates folder given, else the config's. */
  templates?: string;
  /** The config's theme settings and organisation, for loadTheme. */
  themeOverrides?: Record<string, unknown>;
  /** The output folder given, else the config's, else `output`. */
  out: string;
}

/** The workspace of `bankDir`, or the config's problems (exit 1 on the command line). */
export function openWorkspace(bankDir: string, given: { templates?: string; out?: string } = {}): Result<{ workspace: Workspace }> {
  const { config, problems } = loadConfig(bankDir);
  if (problems.length) return failed('input', problems.map(fromBankProblem));
  const fromConfig = (p: string | undefined) => (p ? configPath(bankDir, p) : undefined);
  const templates = given.templates ?? fromConfig(config.templates);
  const themeOverrides = { ...(config.theme ?? {}), ...(config.organisation ? { organisation: config.organisation } : {}) };
  return succeeded({
    workspace: {
      bankDir,
      config,
      fromConfig,
      ...(templates ? { templates } : {}),
      ...(Object.keys(themeOverrides).length ? { themeOverrides } : {}),
      out: given.out ?? fromConfig(config.output) ?? 'output',
    },
  });
}

/** What a front end was given for printing papers; anything left out comes from the config, then the defaults. */
export interface PaperSettings {
  blueprint?: string;
  fromManifest?: string;
  seed?: number;
  variants?: number;
  mode?: 'shuffle' | 'parallel';
  roster?: string;
  issue?: boolean;
  size?: PaperSize;
  seal?: boolean;
  only?: readonly DocumentKind[];
  jobs?: number;
  range?: string;
  pdfBackend?: PdfBackendChoice;
}

/** The papers to print in `ws`: the settings given over the config over the defaults (`fallbackBlueprint` when neither names one). */
export function paperRequest(ws: Workspace, given: PaperSettings, fallbackBlueprint?: string): Result<{ request: PrintRequest }> {
  const { config } = ws;
  const blueprint = given.blueprint ?? ws.fromConfig(config.blueprint) ?? fallbackBlueprint;
  if (!blueprint && !given.fromManifest) return failed('input', [problem('no-blueprint', `give --blueprint FILE (or --from-manifest FILE), or set blueprint: in ${ws.bankDir}/config.yaml`)]);
  const { size, seal, only, ...rest } = given;
  return succeeded({
    request: {
      ...rest,
      bankDir: ws.bankDir,
      ...(blueprint ? { blueprint } : {}),
      ...(config.roster ? { rosterColumns: config.roster.columns } : {}),
      out: ws.out,
      size: size ?? config.paper?.size ?? 'a4',
      seal: seal ?? config.paper?.seal ?? false,
      only: only ?? config.paper?.only ?? DOCUMENT_KINDS,
      ...(ws.templates ? { templates: ws.templates } : {}),
      ...(ws.themeOverrides ? { themeOverrides: ws.themeOverrides } : {}),
    },
  });
}

/** What a front end was given for printing the handbook. */
export interface HandbookSettings {
  size?: HandbookSize;
  impose?: Imposition;
  sheet?: SheetSize;
  pdfBackend?: PdfBackendChoice;
}

/** The handbook to print in `ws`: the settings given over the config over the defaults (`fallbackImpose`). */
export function handbookRequest(ws: Workspace, given: HandbookSettings, fallbackImpose: Imposition = 'none'): HandbookRequest {
  const { config } = ws;
  return {
    bankDir: ws.bankDir,
    size: given.size ?? config.handbook?.size ?? 'a6',
    impose: given.impose ?? config.handbook?.impose ?? fallbackImpose,
    sheet: given.sheet ?? config.handbook?.sheet ?? 'a4',
    out: ws.out,
    ...(given.pdfBackend ? { pdfBackend: given.pdfBackend } : {}),
    ...(ws.templates ? { templates: ws.templates } : {}),
    ...(ws.themeOverrides ? { themeOverrides: ws.themeOverrides } : {}),
  };
}
