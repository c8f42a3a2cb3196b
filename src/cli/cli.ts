// The exampress command line: parses flags, calls a use case (src/app), prints its result and
// picks the exit code. Nothing else lives here.
import yargs from 'yargs';
import { defaultCache } from '../app/cache.js';
import { packageVersion } from '../paths.js';
import { assembleCommand } from './commands/assemble.js';
import { bankCommand } from './commands/bank.js';
import { buildCommand } from './commands/build.js';
import { gradeCommand } from './commands/grade.js';
import { handbookCommand } from './commands/handbook.js';
import { initCommand } from './commands/init.js';
import { paperCommand } from './commands/paper.js';
import { papersCommand } from './commands/papers.js';
import { scanCommand } from './commands/scan.js';
import { serveCommand } from './commands/serve.js';
import { EXIT, processIo, type CommandContext, type Io } from './io.js';

/** Raised from yargs' fail hook so that no command handler runs after a usage mistake. */
class ReportedFailure extends Error {}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: Io = processIo, signal?: AbortSignal): Promise<number> {
  let exitCode: number = EXIT.ok;
  const cli: CommandContext = { io, setExit: (code) => (exitCode = code), cache: defaultCache(), ...(signal ? { signal } : {}) };
  const parser = yargs(argv)
    .scriptName('exampress')
    .version(packageVersion())
    .strict()
    .command(bankCommand(cli))
    .command(assembleCommand(cli))
    .command(paperCommand(cli))
    .command(papersCommand(cli))
    .command(buildCommand(cli))
    .command(buildCommand(cli, 'start'))
    .command(initCommand(cli))
    .command(handbookCommand(cli))
    .command(serveCommand(cli))
    .completion('completion', 'print a bash/zsh completion script: exampress completion >> ~/.bashrc')
    .command(scanCommand(cli))
    .command(gradeCommand(cli))
    .demandCommand(1, 'name a command; see exampress --help')
    .recommendCommands()
    // yargs lays out the help text of the command it runs even when nobody asks for it; unwrapped
    // that costs a third as much (~25 ms of every run), so wrap only when help is shown.
    .wrap(argv.includes('--help') || argv.includes('-h') ? Math.min(100, process.stdout.columns || 100) : null)
    .exitProcess(false)
    .fail((msg, err) => {
      // Usage mistakes and errors raised inside commands: one line for a person, no stack trace.
      io.stderr(`exampress: ${msg ?? err?.message ?? 'failed'}`);
      if (msg) io.stderr('run exampress --help for the commands and their options');
      if (err && process.env.EXAMPRESS_DEBUG) io.stderr(String(err.stack));
      exitCode = EXIT.errors;
      throw new ReportedFailure();
    });
  try {
    await parser.parseAsync();
  } catch (err) {
    if (!(err instanceof ReportedFailure)) {
      io.stderr(`exampress: ${(err as Error).message}`);
      if (process.env.EXAMPRESS_DEBUG) io.stderr(String((err as Error).stack));
      exitCode = EXIT.errors;
    }
  }
  return exitCode;
}
