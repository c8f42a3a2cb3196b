// `exampress start` (what `npm start` runs): the main job on the bundled bank. Check the bank,
// print what it holds, then print the standard blueprint's papers, keys, answer sheets and
// coverage tables into output/.
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { defaultBankDir } from '../../paths.js';
import { EXIT, type Io } from '../io.js';
import { runBankStats } from './bank.js';
import { DOCUMENT_KINDS } from '../../documents/index.js';
import { checkedBank, runPaper } from './paper.js';
import type { PdfBackendChoice } from '../../typeset/pdf/index.js';
import { pdfBackendOf, withPdfBackendOption } from '../options.js';

export async function runStart(args: { bank: string; out: string; pdfBackend?: PdfBackendChoice }, io: Io): Promise<number> {
  if (!checkedBank(args.bank, io, 'start')) return EXIT.errors;
  runBankStats({ bank: args.bank }, io);
  io.stdout('');
  const blueprint = join(args.bank, 'blueprints', 'standard.yaml');
  return runPaper({ bank: args.bank, blueprint, out: args.out }, { size: 'a4', seal: false, only: [...DOCUMENT_KINDS], out: args.out, bankDir: args.bank, pdfBackend: args.pdfBackend ?? 'auto' }, io);
}

export function startCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'start',
    describe: 'the main job on the bundled bank (npm start): check it, then print the standard papers',
    builder: (y) =>
      withPdfBackendOption(y)
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' })
        .option('out', { type: 'string', default: 'output', describe: 'folder for what it writes' }),
    handler: async (a) => setExit(await runStart({ ...(a as never as { bank: string; out: string }), pdfBackend: pdfBackendOf(a) }, io)),
  };
}
