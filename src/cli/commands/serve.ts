// `exampress serve`: the local web workspace for trainers (src/web). Prints the one URL to open,
// with this run's token; stops on Ctrl-C.
import type { CommandModule } from 'yargs';
import { openWorkspace } from '../../app/workspace.js';
import { defaultBankDir } from '../../paths.js';
import { EXIT, type CommandContext } from '../io.js';
import { failure } from '../report.js';

export function serveCommand(cli: CommandContext): CommandModule {
  const { io, setExit } = cli;
  return {
    command: 'serve',
    describe: 'open a local web workspace: browse and edit the bank, import, build and preview papers and the handbook',
    builder: (y) =>
      y
        .option('port', { type: 'number', describe: 'port to listen on', defaultDescription: 'a free port' })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on (anything but 127.0.0.1 lets other machines try to connect)' })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' })
        .option('out', { type: 'string', describe: 'the workspace\'s output folder (the only one it serves files from)', defaultDescription: 'config.yaml output, else output' })
        .example('exampress serve', 'prints http://127.0.0.1:PORT/?token=… to open in a browser'),
    handler: async (a) => {
      const opened = openWorkspace(String(a.bank), typeof a.out === 'string' ? { out: a.out } : {});
      if (!opened.ok) return setExit(failure(io, 'serve', opened));
      const { bankDir, out: outDir } = opened.workspace;
      const port = a.port as number | undefined;
      if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
        io.stderr(`exampress serve: --port takes a whole number from 1 to 65535, got ${port}`);
        return setExit(EXIT.errors);
      }
      const host = String(a.host);
      if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
        io.stderr(`warning: listening on ${host}: other machines on the network can reach the workspace; only the token keeps them out`);
      }
      let ws;
      try {
        // The web server and its libraries are loaded only when serving: other commands start faster.
        const { startWorkspace } = await import('../../web/server.js');
        ws = await startWorkspace({ bankDir, outDir, host, cache: cli.cache, ...(port ? { port } : {}) });
      } catch (err) {
        io.stderr(`exampress serve: cannot listen on ${host}${port ? `:${port}` : ''}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        return setExit(EXIT.errors);
      }
      io.stdout(ws.url);
      io.stderr('exampress serve: open the address above in your browser; Ctrl-C stops the workspace');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void ws.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      setExit(EXIT.ok);
    },
  };
}
