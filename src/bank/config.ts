// bank/config.yaml: a workspace's settings, kept beside its bank. Validated like the bank, with
// a JSON Schema for editors; every path in it is relative to the bank folder. Flags override it.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { DOCUMENT_KINDS, HANDBOOK_SIZES, IMPOSITIONS, PAPER_SIZES, SHEETS } from '../kinds.js';
import { displayPath } from './load.js';
import type { Problem } from './schema.js';
import { isYamlFailure, locate, readYaml } from './yamlSource.js';

const text = z.string().trim().min(1);

export const ConfigSchema = z
  .object({
    organisation: text.optional().describe('printed on every document unless the blueprint names one'),
    blueprint: text.optional().describe('default blueprint for paper and build, relative to the bank folder (e.g. blueprints/standard.yaml)'),
    output: text.optional().describe('folder for what is written, relative to the bank folder (e.g. ../output)'),
    templates: text.optional().describe('your copy of the templates folder, relative to the bank folder (e.g. ../templates)'),
    theme: z.record(z.string(), z.unknown()).optional().describe('theme.yaml settings to override (same keys as templates/theme.yaml)'),
    paper: z
      .object({
        size: z.enum(PAPER_SIZES).optional(),
        seal: z.boolean().optional(),
        only: z.array(z.enum(DOCUMENT_KINDS)).min(1).optional(),
      })
      .strict()
      .optional(),
    roster: z
      .object({
        columns: z
          .object({ id: text.optional(), name: text.optional(), branch: text.optional() })
          .strict()
          .describe('header names of the candidate id, name and branch columns, e.g. {id: 员工编号, name: 姓名, branch: 所属支行}'),
      })
      .strict()
      .optional(),
    handbook: z
      .object({
        size: z.enum(HANDBOOK_SIZES).optional(),
        impose: z.enum(IMPOSITIONS).optional(),
        sheet: z.enum(SHEETS).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Config = z.output<typeof ConfigSchema>;

export const CONFIG_FILE = 'config.yaml';

/** The bank's config (empty when there is none) and its problems, located. */
export function loadConfig(bankDir: string): { config: Config; problems: Problem[] } {
  const file = join(bankDir, CONFIG_FILE);
  if (!existsSync(file)) return { config: {}, problems: [] };
  const src = readYaml(file);
  if (isYamlFailure(src)) return { config: {}, problems: [{ severity: 'error', file: displayPath(file), line: src.line, col: src.col, rule: 'config', message: src.message }] };
  const parsed = ConfigSchema.safeParse(src.value ?? {});
  if (parsed.success) return { config: parsed.data, problems: [] };
  return {
    config: {},
    problems: parsed.error.issues.map((issue) => {
      const at = locate(src, issue.path);
      const key = issue.path.map(String).join('.');
      const message = issue.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}; see bank/schema/config.schema.json` : `${key ? `${key}: ` : ''}${issue.message}`;
      return { severity: 'error' as const, file: displayPath(file), line: at.line, col: at.col, rule: 'config', message };
    }),
  };
}

/** A path from the config, relative to the bank folder. */
export function configPath(bankDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(bankDir, path);
}

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { target: 'draft-7', io: 'input' });
}


