// `exampress build` (what `npm start` runs): everything a trainer prints for a sitting, from
// the bank's config (or the standard blueprint): papers, keys, answer sheets and coverage
// tables of every variant, then the handbook; ends with what was written and how long it took.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { defaultBankDir } from '../../paths.js';
import { EXIT, type Io } from '../io.js';
import { checkedBank, paperSettings, runPaper } from './paper.js';
import { handbookSettings, runHandbook } from './handbook.js';

export async function runBuild(a: Record<string, unknown>, io: Io): Promise<number> {
  const started = performance.now();
  const bankDir = String(a.bank);
  const bank = checkedBank(bankDir, io, 'build');
  if (!bank) return EXIT.errors;
  io.stderr(`${bankDir}: ${bank.questions.length} questions in ${bank.topics.length} topics, ${bank.norms.size} norms, no errors`);
  const standard = join(bankDir, 'blueprints', 'standard.yaml');
  const settings = paperSettings({ ...a, ...(a.blueprint === undefined && existsSync(standard) ? { blueprintFallback: standard } : {}) }, io, 'build');
  if (typeof settings === 'number') return settings;
  const code = await runPaper(settings.request, { ...settings.args, bank }, io);
  if (code !== EXIT.ok) return code;
  const handbook = handbookSettings({ bank: bankDir, ...(a.out !== undefined ? { out: a.out } : {}), ...(a.templates !== undefined ? { templates: a.templates } : {}) }, io, 'saddle');
  if (typeof handbook === 'number') return handbook;
  // With --json, stdout holds the papers' JSON summary alone; the handbook reports on stderr.
  const made = await runHandbook({ ...handbook, bank }, a.json ? { stdout: io.stderr, stderr: io.stderr } : io);
  if (made !== EXIT.ok) return made;
  io.stderr(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return EXIT.ok;
}

export function buildCommand(io: Io, setExit: (code: number) => void, name = 'build'): CommandModule {
  return {
    command: name,
    describe: name === 'build' ? 'print everything for a sitting: papers, keys, sheets, coverage tables and the handbook (npm start)' : false,
    builder: (y) =>
      y
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder (its config.yaml gives the blueprint, output and settings)' })
        .option('blueprint', { type: 'string', describe: 'blueprint YAML', defaultDescription: 'config.yaml blueprint, else blueprints/standard.yaml' })
        .option('out', { type: 'string', describe: 'folder for what it writes', defaultDescription: 'config.yaml output, else output' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder' })
        .option('json', { type: 'boolean', default: false, describe: 'print a JSON summary of what was written' })
        .example('exampress build', 'the bundled bank\'s standard papers and handbook into output/')
        .example('exampress build --bank my-workspace/bank', 'another workspace (made with exampress init)'),
    handler: async (a) => setExit(await runBuild(a, io)),
  };
}
