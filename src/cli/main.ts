#!/usr/bin/env node
// The `exampress` executable; everything it does is in cli.ts so tests can call it directly.
import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';
import { interrupt } from './files.js';

// Ctrl-C: whole files stay, the one being written is removed, exit 130 as shells expect.
process.once('SIGINT', async () => {
  await interrupt();
  process.stderr.write('\nexampress: interrupted; the files listed so far are complete, nothing half-written was left\n');
  process.exit(130);
});

process.exitCode = await runCli(hideBin(process.argv));
