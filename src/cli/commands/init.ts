// `exampress init DIR`: a new workspace for another organisation or subject: a bank with one
// topic, one sample question of each type, a norms chapter, a blueprint and a config, and a
// copy of the templates, which `exampress build` in DIR turns into PDFs at once.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { configJsonSchema } from '../../bank/config.js';
import { blueprintJsonSchema } from '../../assemble/blueprint.js';
import { jsonSchemas } from '../../bank/schema.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';
import { failureOf } from '../batch.js';
import { defaultTemplatesDir } from './paper.js';
import { SAMPLE_FILES } from '../init/sample.js';

export function runInit(args: { dir: string; organisation?: string; force?: boolean }, io: Io): number {
  const dir = args.dir;
  if (existsSync(dir) && readdirSync(dir).length && !args.force) {
    io.stderr(`exampress init: ${dir} is not empty; choose a new folder, or pass --force to add the workspace files there`);
    return EXIT.errors;
  }
  try {
    for (const [rel, text] of Object.entries(SAMPLE_FILES(args.organisation ?? '（单位名称）'))) writeFileAtomic(join(dir, rel), text, { force: true });
    const schemas = { ...jsonSchemas(), 'blueprint.schema.json': blueprintJsonSchema(), 'config.schema.json': configJsonSchema() };
    for (const [name, schema] of Object.entries(schemas)) writeFileAtomic(join(dir, 'bank', 'schema', name), `${JSON.stringify(schema, null, 2)}\n`, { force: true });
    cpSync(defaultTemplatesDir(), join(dir, 'templates'), { recursive: true, filter: (src) => !src.includes('previews') });
    writeFileAtomic(join(dir, 'output', '.gitkeep'), '', { force: true });
  } catch (err) {
    const f = failureOf(err);
    io.stderr(`exampress init: ${f.message}`);
    return f.exitCode;
  }
  io.stdout(`made a workspace in ${dir}:`);
  io.stdout('  bank/config.yaml            settings (organisation, blueprint, output, templates)');
  io.stdout('  bank/topics.yaml            knowledge points');
  io.stdout('  bank/questions/sample.yaml  one question of each type');
  io.stdout('  bank/norms/01-sample.yaml   a handbook chapter');
  io.stdout('  bank/blueprints/sample.yaml the paper plan');
  io.stdout('  templates/                  your copy of the templates and theme.yaml');
  io.stdout(`next: cd ${dir} && exampress build`);
  return EXIT.ok;
}

export function initCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'init <dir>',
    describe: 'make a new workspace (bank, blueprint, config, templates) that build prints at once',
    builder: (y) =>
      y
        .positional('dir', { type: 'string', describe: 'new folder for the workspace' })
        .option('organisation', { type: 'string', describe: 'name printed on the documents' })
        .option('force', { type: 'boolean', default: false, describe: 'write into a folder that is not empty' })
        .example('exampress init 某分行培训 --organisation 某分行个人金融部', 'then: cd 某分行培训 && exampress build'),
    handler: (a) => setExit(runInit({ dir: String(a.dir), ...(typeof a.organisation === 'string' ? { organisation: a.organisation } : {}), force: Boolean(a.force) }, io)),
  };
}
