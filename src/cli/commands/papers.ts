// `exampress papers`: every printed set kept in the output folder (output/papers/<id>/), newest
// first: what it is, when it was printed, how far its grading got.
import type { CommandModule } from 'yargs';
import { listPrintedPapers } from '../../app/records.js';
import { openWorkspace } from '../../app/workspace.js';
import { defaultBankDir, displayPath } from '../../paths.js';
import type { CommandContext } from '../io.js';
import { failure } from '../report.js';

export function papersCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'papers',
    describe: 'list the printed sets kept in the output folder (paper id, title, seed, variants, when printed, graded)',
    builder: (y) =>
      y
        .option('out', { type: 'string', describe: 'the output folder', defaultDescription: 'config.yaml output, else output' })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder (its config.yaml names the output folder)' })
        .option('json', { type: 'boolean', default: false, describe: 'print the list as JSON' })
        .example('exampress papers', 'every printed set in output/papers/'),
    handler: (a) => {
      const ws = openWorkspace(String(a.bank), typeof a.out === 'string' ? { out: a.out } : {});
      if (!ws.ok) return cli.setExit(failure(io, 'papers', ws));
      const papers = listPrintedPapers(ws.workspace.out);
      if (a.json) return io.stdout(JSON.stringify(papers, null, 2));
      if (!papers.length) return io.stderr(`no printed sets in ${displayPath(ws.workspace.out)}; exampress paper keeps each one under papers/<id>/`);
      for (const p of papers) {
        const who = p.candidates ? `${p.candidates} candidate(s)` : `variant(s) ${p.variants.join(', ')}`;
        const state = p.graded ? 'graded' : p.sheets ? `${p.sheets} sheet(s) scanned` : 'not scanned';
        io.stdout(`${p.id}  ${p.printed.slice(0, 16).replace('T', ' ')}  ${p.title}  ${p.blueprint} seed ${p.seed} ${p.mode}, ${who}  ${state}  ${displayPath(p.dir)}`);
      }
    },
  };
}
