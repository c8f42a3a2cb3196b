// `exampress assemble`: blueprint + seed -> manifest.json (the question sets of every variant).
import type { Argv, CommandModule } from 'yargs';
import { assemblePapers, drawSummary, type DrawRequest } from '../../app/assemble.js';
import { defaultBankDir, displayPath } from '../../paths.js';
import type { CommandContext, Io } from '../io.js';
import { failure, printProblems } from '../report.js';
import type { Draw } from '../../app/assemble.js';

/** The options that choose papers: shared by assemble, paper and build. */
export function withAssembleOptions<T>(y: Argv<T>) {
  return y
    .option('blueprint', { type: 'string', describe: 'blueprint YAML (bank/blueprints/*.yaml)' })
    .option('seed', { type: 'number', describe: 'seed of the draw, a whole number 0 to 2^53-1 (default: the blueprint\'s seed, else 1)' })
    .option('variants', { type: 'number', describe: 'number of papers (default: the blueprint\'s variants.count)' })
    .option('mode', { choices: ['shuffle', 'parallel'] as const, describe: 'shuffle: same questions, new order (A/B卷); parallel: different questions' })
    .option('roster', { type: 'string', describe: 'CSV of candidate id and name: one paper per candidate' })
    .option('out', { type: 'string', describe: 'folder for what it writes', defaultDescription: 'output, or the bank config\'s output' })
    .option('from-manifest', { type: 'string', describe: 'reproduce the papers of an earlier manifest.json' })
    .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' });
}

/** The draw's settings among parsed flags. */
export function drawFlags(a: Record<string, unknown>): Omit<DrawRequest, 'bankDir'> {
  return {
    ...(typeof a.blueprint === 'string' ? { blueprint: a.blueprint } : {}),
    ...(typeof a.seed === 'number' ? { seed: a.seed } : {}),
    ...(typeof a.variants === 'number' ? { variants: a.variants } : {}),
    ...(a.mode === 'shuffle' || a.mode === 'parallel' ? { mode: a.mode } : {}),
    ...(typeof a.roster === 'string' ? { roster: a.roster } : {}),
    ...(typeof a['from-manifest'] === 'string' ? { fromManifest: a['from-manifest'] } : {}),
    ...(a.issue ? { issue: true } : {}),
  };
}

/** "wrote output/manifest.json: 2 variant(s) (shuffle), 50 questions, 100 points, seed 2026". */
export function printDraw(io: Io, draw: Draw, file: string, recorded?: { file: string; questions: number }): void {
  if (recorded) io.stderr(`recorded ${recorded.questions} question(s) in ${displayPath(recorded.file)}`);
  const s = drawSummary(draw.manifest);
  io.stderr(`wrote ${displayPath(file)}: ${s.variants} variant(s) (${s.mode}), ${s.questions} questions, ${s.points} points, seed ${s.seed}`);
}

export function assembleCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'assemble',
    describe: 'choose the questions of each paper from a blueprint and a seed; writes manifest.json',
    builder: (y) =>
      withAssembleOptions(y)
        .option('json', { type: 'boolean', default: false, describe: 'also print the manifest on stdout' })
        .option('issue', { type: 'boolean', default: false, describe: 'record the questions in the blueprint\'s exposure.history' })
        .example('exampress assemble --blueprint bank/blueprints/standard.yaml --seed 7 --variants 4 --mode parallel', 'four different papers, output/manifest.json')
        .example('exampress assemble --from-manifest old/manifest.json', 'check that an old paper can still be printed from today\'s bank'),
    handler: (a) => {
      if (!a.blueprint && !a['from-manifest']) {
        io.stderr('exampress assemble: give --blueprint FILE or --from-manifest FILE');
        return cli.setExit(1);
      }
      const result = assemblePapers({ bankDir: String(a.bank), ...drawFlags(a), out: typeof a.out === 'string' ? a.out : 'output' });
      if (!result.ok) return cli.setExit(failure(io, 'assemble', result));
      printProblems(io, 'assemble', result.problems);
      if (a.json) io.stdout(result.text);
      printDraw(io, result, result.file, result.issued ? { file: result.issued.file, questions: result.issued.entry.ids.length } : undefined);
    },
  };
}
