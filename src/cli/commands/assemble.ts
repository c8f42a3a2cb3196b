// `exampress assemble`: blueprint + seed -> manifest.json (the question sets of every variant).
import type { Argv, CommandModule } from 'yargs';
import { runAssemble, type AssembleArgs } from '../assemble.js';
import { defaultBankDir } from '../../paths.js';
import type { Io } from '../io.js';
import type { RosterColumns } from '../../assemble/roster.js';

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

/** Parsed options → the assemble request. */
export function assembleRequest(a: unknown): AssembleArgs {
  const args = a as Record<string, unknown>;
  return {
    bankDir: String(args.bank),
    ...(typeof args.blueprint === 'string' ? { blueprint: args.blueprint } : {}),
    ...(typeof args.seed === 'number' ? { seed: args.seed } : {}),
    ...(typeof args.variants === 'number' ? { variants: args.variants } : {}),
    ...(args.mode === 'shuffle' || args.mode === 'parallel' ? { mode: args.mode } : {}),
    ...(typeof args.roster === 'string' ? { roster: args.roster } : {}),
    ...(args.rosterColumns ? { rosterColumns: args.rosterColumns as RosterColumns } : {}),
    out: typeof args.out === 'string' ? args.out : 'output',
    ...(typeof args.fromManifest === 'string' ? { fromManifest: args.fromManifest } : {}),
    json: Boolean(args.json),
    issue: Boolean(args.issue),
  };
}

export function assembleCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'assemble',
    describe: 'choose the questions of each paper from a blueprint and a seed; writes manifest.json',
    builder: (y) =>
      withAssembleOptions(y)
        .option('json', { type: 'boolean', default: false, describe: 'also print the manifest on stdout' })
        .option('issue', { type: 'boolean', default: false, describe: 'record the questions in the blueprint\'s exposure.history' })
        .example('exampress assemble --blueprint bank/blueprints/standard.yaml --seed 7 --variants 4 --mode parallel', 'four different papers, output/manifest.json')
        .example('exampress assemble --from-manifest old/manifest.json', 'check that an old paper can still be printed from today\'s bank'),
    handler: async (a) => {
      if (!a.blueprint && !a['from-manifest']) {
        io.stderr('exampress assemble: give --blueprint FILE or --from-manifest FILE');
        return setExit(1);
      }
      setExit(await runAssemble(assembleRequest(a), io));
    },
  };
}
