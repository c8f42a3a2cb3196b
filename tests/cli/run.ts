// Runs the CLI in-process and captures what it prints.
import { readdirSync } from 'node:fs';
import { runCli } from '../../src/cli/cli.js';

export async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s.endsWith('\n') ? s : `${s}\n`),
    stderr: (s) => (stderr += s.endsWith('\n') ? s : `${s}\n`),
  });
  return { code, stdout, stderr };
}

/** The documents an output folder shows (its latest set and the handbook), without the records in papers/ and the dotfiles. */
export function documentsIn(dir: string): string[] {
  return readdirSync(dir).filter((n) => !n.startsWith('.') && n !== 'papers').sort();
}
