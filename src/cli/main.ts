// The bundled command line's entry: src/cli/launch.mjs (the `exampress` executable) runs
// main() from the bundle dist/exampress.cjs. Everything else is in cli.ts, so tests call it directly.
import { runCli } from './cli.js';
import { EXIT, processIo } from './io.js';

/** Run exampress with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Ctrl-C: the running use case stops at its next step (whole files stay, nothing half-written),
  // prints why and exits 130 as shells expect; a second Ctrl-C, or one it does not heed within
  // two seconds, ends the process at once.
  const controller = new AbortController();
  process.once('SIGINT', () => {
    controller.abort();
    process.once('SIGINT', () => process.exit(EXIT.interrupted));
    setTimeout(() => process.exit(EXIT.interrupted), 2000).unref();
  });
  return runCli(argv, processIo, controller.signal);
}
