// `exampress start` (what `npm start` runs): the main job on the bundled bank.
import type { CommandModule } from 'yargs';
import { defaultBankDir } from '../../paths.js';
import type { Io } from '../io.js';
import { runBankStats } from './bank.js';

export function startCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'start',
    describe: 'the main job on the bundled bank (npm start)',
    handler: () => setExit(runBankStats({ bank: defaultBankDir() }, io)),
  };
}
