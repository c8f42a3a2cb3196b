#!/usr/bin/env node
// The `exampress` executable; everything it does is in cli.ts so tests can call it directly.
import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';

process.exitCode = await runCli(hideBin(process.argv));
