// `exampress scan INPUT… --manifest FILE`: read scanned answer sheets into responses.csv and
// review.html.
import type { CommandModule } from 'yargs';
import { problem } from '../../app/problem.js';
import { scanSheets } from '../../app/scan.js';
import { openWorkspace } from '../../app/workspace.js';
import { defaultBankDir, displayPath } from '../../paths.js';
import { EXIT, type CommandContext } from '../io.js';
import { failure, printProblems } from '../report.js';

export function scanCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'scan <inputs..>',
    describe: 'read scanned answer sheets (PNG, JPEG, PDF) into responses.csv and review.html',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, describe: 'scanned pages: image files, PDFs (one sheet page per page) or folders of them' })
        .option('papers', { type: 'string', describe: 'the output folder whose printed papers the sheets are looked up in by their QR code', defaultDescription: 'config.yaml output, else output' })
        .option('manifest', { type: 'string', describe: 'pin the paper: its manifest.json (the sheets\' geometry lies beside it)' })
        .option('out', { type: 'string', describe: 'with --manifest: where to write responses.csv and review.html (default: beside the manifest)' })
        .option('dpi', { type: 'number', default: 200, describe: 'resolution at which PDF pages are read' })
        .option('replace', { type: 'boolean', default: false, describe: 'start the session over instead of adding these sheets to it' })
        .option('force', { type: 'boolean', default: false, describe: 'with --replace: drop the decisions made by hand too' })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder (its config.yaml names the output folder)' })
        .example('exampress scan scans/', 'every scan in scans/, each sheet added to its paper\'s session in output/papers/<id>/ (responses.csv, review.html)')
        .example('exampress scan more-scans/ --manifest output/manifest.json', 'the same for one paper named by its manifest'),
    handler: async (a) => {
      const dpi = Number(a.dpi);
      if (!(dpi >= 72 && dpi <= 1200)) return cli.setExit(failure(io, 'scan', { ok: false, kind: 'input', problems: [problem('dpi', `--dpi takes 72-1200; got ${String(a.dpi)}`)] }));
      let papers: string | undefined;
      if (typeof a.manifest !== 'string') {
        const ws = openWorkspace(String(a.bank), typeof a.papers === 'string' ? { out: a.papers } : {});
        if (!ws.ok) return cli.setExit(failure(io, 'scan', ws));
        papers = ws.workspace.out;
      }
      const scanned = await scanSheets({
        inputs: (a.inputs as string[]).map(String),
        ...(typeof a.manifest === 'string' ? { manifest: a.manifest } : {}),
        ...(papers ? { papers } : {}),
        ...(typeof a.out === 'string' ? { out: a.out } : {}),
        dpi,
        replace: Boolean(a.replace || a.force),
        force: Boolean(a.force),
        ...(cli.signal ? { signal: cli.signal } : {}),
      });
      if (!scanned.ok) return cli.setExit(failure(io, 'scan', scanned));
      for (const s of scanned.sessions) {
        io.stdout(`${displayPath(s.responsesFile)}  ${s.sheets} sheet(s), ${s.added} added (paper ${s.paper.id}, ${s.paper.title})`);
        io.stdout(`${displayPath(s.reviewFile)}  ${s.doubts} doubtful mark(s)`);
      }
      if (scanned.unreadable.length) io.stdout(`${scanned.unreadable.length} unreadable page(s)`);
      printProblems(io, 'scan', scanned.problems);
      io.stderr(`read ${scanned.pages} page(s) in ${scanned.seconds.toFixed(1)} s${scanned.doubts ? `; decide the ${scanned.doubts} "?" cell(s) with review.html, then run exampress grade` : ''}`);
      cli.setExit(scanned.unreadable.length ? EXIT.errors : EXIT.ok);
    },
  };
}
