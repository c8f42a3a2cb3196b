// `exampress build` (what `npm start` runs): everything a trainer prints for a sitting, from
// the bank's config (or the standard blueprint): papers, keys, answer sheets and coverage
// tables of every variant, then the handbook; ends with what was written and how long it took.
import type { CommandModule } from 'yargs';
import { buildAll } from '../../app/build.js';
import { defaultBankDir } from '../../paths.js';
import type { CommandContext } from '../io.js';
import { failure, printProblems } from '../report.js';
import { printDraw, drawFlags } from './assemble.js';
import { printHandbookResult } from './handbook.js';
import { lazyProgress, printPrinted } from './paper.js';

export function buildCommand(cli: CommandContext, name = 'build'): CommandModule {
  const { io } = cli;
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
    handler: async (a) => {
      const bankDir = String(a.bank);
      const progress = a.json ? undefined : lazyProgress('papers');
      const built = await buildAll({
        bankDir,
        ...drawFlags(a),
        ...(typeof a.out === 'string' ? { out: a.out } : {}),
        ...(typeof a.templates === 'string' ? { templates: a.templates } : {}),
        cache: cli.cache,
        ...(progress ? { onProgress: progress.onProgress } : {}),
        ...(cli.signal ? { signal: cli.signal } : {}),
      }).finally(() => progress?.stop());
      if (!built.ok) return cli.setExit(failure(io, name, built));
      const { bank, papers, handbook } = built;
      io.stderr(`${bankDir}: ${bank.questions.length} questions in ${bank.topics.length} topics, ${bank.norms.size} norms, no errors`);
      printProblems(io, name, built.problems);
      printDraw(io, papers.draw, papers.manifestFile, papers.recorded);
      printPrinted(io, papers, papers.out, Boolean(a.json));
      // With --json, stdout holds the papers' JSON summary alone; the handbook reports on stderr.
      printHandbookResult(a.json ? { stdout: io.stderr, stderr: io.stderr } : io, handbook, papers.out);
      io.stderr(`built in ${(built.ms / 1000).toFixed(1)} s`);
    },
  };
}
