// A progress bar for long runs, on a terminal only: quiet in a pipe, in CI and in tests.
import type { SingleBar } from 'cli-progress';
import { createRequire } from 'node:module';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A bar on stderr when it is a terminal and the run is long enough to watch; else undefined. */
export function progressBar(total: number, what: string): Progress | undefined {
  if (!process.stderr.isTTY || process.env.CI || total < 6) return undefined;
  const { SingleBar: Bar, Presets } = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar: SingleBar = new Bar({ stream: process.stderr, format: `{bar} {value}/{total} ${what}  {eta_formatted} left`, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
}
