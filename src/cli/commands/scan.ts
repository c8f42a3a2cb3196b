// `exampress scan INPUT… --manifest FILE`: read scanned answer sheets into responses.csv and
// review.html.
import type { CommandModule } from 'yargs';
import { problem } from '../../app/problem.js';
import { scanSheets } from '../../app/scan.js';
import { displayPath } from '../../paths.js';
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
        .option('manifest', { type: 'string', demandOption: true, describe: 'the manifest.json of the paper (the sheet geometry JSON files lie beside it)' })
        .option('out', { type: 'string', describe: 'where to write responses.csv and review.html (default: beside the manifest)' })
        .option('dpi', { type: 'number', default: 200, describe: 'resolution at which PDF pages are read' })
        .option('force', { type: 'boolean', default: false, describe: 'replace an existing responses.csv' })
        .example('exampress scan scans/ --manifest output/manifest.json', 'every scan in scans/ → output/responses.csv and output/review.html'),
    handler: async (a) => {
      const dpi = Number(a.dpi);
      if (!(dpi >= 72 && dpi <= 1200)) return cli.setExit(failure(io, 'scan', { ok: false, kind: 'input', problems: [problem('dpi', `--dpi takes 72-1200; got ${String(a.dpi)}`)] }));
      const scanned = await scanSheets({ inputs: (a.inputs as string[]).map(String), manifest: String(a.manifest), ...(typeof a.out === 'string' ? { out: a.out } : {}), dpi, force: Boolean(a.force), ...(cli.signal ? { signal: cli.signal } : {}) });
      if (!scanned.ok) return cli.setExit(failure(io, 'scan', scanned));
      io.stdout(`${displayPath(scanned.responsesFile)}  ${scanned.sheets.length} sheet(s)`);
      io.stdout(`${displayPath(scanned.reviewFile)}  ${scanned.doubts} doubtful mark(s), ${scanned.unreadable.length} unreadable page(s)`);
      printProblems(io, 'scan', scanned.problems);
      io.stderr(`read ${scanned.pages} page(s) in ${scanned.seconds.toFixed(1)} s${scanned.doubts ? `; decide the ${scanned.doubts} "?" cell(s) with review.html, then run exampress grade` : ''}`);
      cli.setExit(scanned.unreadable.length ? EXIT.errors : EXIT.ok);
    },
  };
}
