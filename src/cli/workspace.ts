// What every printing command reads from the bank's config.yaml before its own settings: the
// config itself, paths resolved against the bank folder, the templates folder and the theme
// overrides. Flags win over the config; the config wins over the defaults.
import { configPath, loadConfig, type Config } from '../bank/config.js';
import { formatProblem } from '../bank/lint.js';
import { EXIT, type Io } from './io.js';

export interface Workspace {
  bankDir: string;
  config: Config;
  /** A path from the config, resolved against the bank folder. */
  fromConfig(path: string | undefined): string | undefined;
  /** --templates, else the config's templates folder. */
  templates?: string;
  /** The config's theme settings and organisation, for loadTheme. */
  themeOverrides?: Record<string, unknown>;
}

/** The workspace of `--bank`, or the exit code after printing the config's problems. */
export function workspaceOf(a: Record<string, unknown>, io: Io): Workspace | number {
  const bankDir = String(a.bank);
  const { config, problems } = loadConfig(bankDir);
  if (problems.length) {
    problems.forEach((p) => io.stderr(formatProblem(p)));
    return EXIT.errors;
  }
  const fromConfig = (p: string | undefined) => (p ? configPath(bankDir, p) : undefined);
  const templates = (a.templates as string | undefined) ?? fromConfig(config.templates);
  const themeOverrides = { ...(config.theme ?? {}), ...(config.organisation ? { organisation: config.organisation } : {}) };
  return { bankDir, config, fromConfig, ...(templates ? { templates } : {}), ...(Object.keys(themeOverrides).length ? { themeOverrides } : {}) };
}
