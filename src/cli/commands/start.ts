// `exampress start` (what `npm start` runs): the main job on the bundled bank. Until the
// documents stage renders papers, that is: check the bank, print what it holds, and assemble
// the standard blueprint into output/manifest.json.
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { runAssemble } from '../assemble.js';
import { defaultBankDir } from '../../paths.js';
import { EXIT, type Io } from '../io.js';
import { runBankLint, runBankStats } from './bank.js';

export async function runStart(args: { bank: string; out: string }, io: Io): Promise<number> {
  const quiet: Io = { stdout: () => {}, stderr: io.stderr };
  if (runBankLint({ bank: args.bank }, quiet) !== EXIT.ok) {
    io.stderr('exampress: the bank has errors; run exampress bank lint to see them');
    return EXIT.errors;
  }
  runBankStats({ bank: args.bank }, io);
  io.stdout('');
  return runAssemble({ bankDir: args.bank, blueprint: join(args.bank, 'blueprints', 'standard.yaml'), out: args.out }, io);
}

export function startCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'start',
    describe: 'the main job on the bundled bank (npm start)',
    builder: (y) =>
      y
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' })
        .option('out', { type: 'string', default: 'output', describe: 'folder for what it writes' }),
    handler: async (a) => setExit(await runStart(a as never, io)),
  };
}
