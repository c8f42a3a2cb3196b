// A new workspace for another organisation or subject: a bank with one topic, one sample
// question of each type, a norms chapter, a blueprint and a config, and a copy of the
// templates, which `buildAll` in it turns into PDFs at once.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allJsonSchemas } from './bank.js';
import { defaultTemplatesDir } from './cache.js';
import { asOutputError, catchOutput, OutputError, writeFileAtomic } from './files.js';
import { failed, problem, succeeded, type Result } from './problem.js';
import { SAMPLE_FILES } from './sample.js';

export interface InitRequest {
  dir: string;
  /** Printed on every document. */
  organisation?: string;
  /** Write into a folder that is not empty. */
  force?: boolean;
}

export function initWorkspace(req: InitRequest): Result<{ dir: string }> {
  const { dir } = req;
  if (existsSync(dir) && readdirSync(dir).length && !req.force) return failed('input', [problem('not-empty', `${dir} is not empty; choose a new folder, or pass --force to add the workspace files there`, { folder: dir })]);
  return catchOutput(() => {
    try {
      for (const [rel, text] of Object.entries(SAMPLE_FILES(req.organisation ?? '（单位名称）'))) writeFileAtomic(join(dir, rel), text, { force: true });
      for (const [name, schema] of Object.entries(allJsonSchemas())) writeFileAtomic(join(dir, 'bank', 'schema', name), `${JSON.stringify(schema, null, 2)}\n`, { force: true });
      cpSync(defaultTemplatesDir(), join(dir, 'templates'), { recursive: true, filter: (src) => !src.includes('previews') });
      writeFileAtomic(join(dir, 'output', '.gitkeep'), '', { force: true });
    } catch (err) {
      const e = asOutputError(err, dir);
      throw e instanceof OutputError ? e : err;
    }
    return succeeded({ dir });
  });
}
