// The bundled command line's entry: src/cli/launch.mjs (the `exampress` executable) runs
// main() from the bundle dist/exampress.cjs. Everything else is in cli.ts, so tests call it directly.
import { runCli } from './cli.js';
import { interrupt } from './files.js';

/** Run exampress with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Ctrl-C: whole files stay, the one being written is removed, exit 130 as shells expect.
  process.once('SIGINT', async () => {
    await interrupt();
    process.stderr.write('\nexampress: interrupted; the files listed so far are complete, nothing half-written was left\n');
    process.exit(130);
  });
  return runCli(argv);
}
