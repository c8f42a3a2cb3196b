// `exampress handbook`: the pocket etiquette handbook (礼仪口袋书) from the bank's norms, in
// reading order (handbook.pdf) and, with --impose saddle, imposed for saddle stitching
// (handbook-imposed.pdf).
import type { CommandModule } from 'yargs';
import { printHandbook, type PrintedHandbook } from '../../app/handbook.js';
import { HANDBOOK_SIZES, IMPOSITIONS, SHEETS, type HandbookSize, type Imposition, type SheetSize } from '../../app/names.js';
import { handbookRequest, openWorkspace } from '../../app/workspace.js';
import { defaultBankDir } from '../../paths.js';
import type { CommandContext, Io } from '../io.js';
import { pdfBackendOf, withPdfBackendOption } from '../options.js';
import { describeWritten, failure, printProblems } from '../report.js';

/** The files, and how the imposed one is laid out. */
export function printHandbookResult(io: Io, made: PrintedHandbook, out: string): void {
  describeWritten(made.files, out).forEach((l) => io.stdout(l));
  const imposed = made.imposed;
  if (imposed) {
    const scale = imposed.scalePercent < 100 ? `pages at ${imposed.scalePercent}% so the crop marks fit` : 'pages at actual size';
    io.stdout(`imposed: ${imposed.pages} pages on ${imposed.sheets} ${imposed.sheet.toUpperCase()} sheet${imposed.sheets === 1 ? '' : 's'} printed both sides, ${scale} (see README: the handbook)`);
  }
  io.stderr(`wrote ${made.files.length} file(s) in ${made.ms} ms`);
}

export function handbookCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'handbook',
    describe: 'print the pocket etiquette handbook (礼仪口袋书), optionally imposed for saddle stitching',
    builder: (y) =>
      withPdfBackendOption(y)
        .option('size', { choices: HANDBOOK_SIZES, describe: 'page size: a6 (pocket), a5 or a7', defaultDescription: 'a6, or config.yaml handbook.size' })
        .option('impose', { choices: IMPOSITIONS, describe: 'saddle: also write handbook-imposed.pdf to print, cut, fold and staple', defaultDescription: 'none' })
        .option('sheet', { choices: SHEETS, describe: 'the paper you print the imposed file on', defaultDescription: 'a4' })
        .option('out', { type: 'string', describe: 'folder for handbook.pdf and handbook-imposed.pdf', defaultDescription: 'output, or config.yaml output' })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (see README: templates)' })
        .example('exampress handbook --impose saddle', 'A6 handbook, and its A4 sheets (two A5 signatures each) to cut and fold'),
    handler: async (a) => {
      const ws = openWorkspace(String(a.bank), { ...(typeof a.templates === 'string' ? { templates: a.templates } : {}), ...(typeof a.out === 'string' ? { out: a.out } : {}) });
      if (!ws.ok) return cli.setExit(failure(io, 'handbook', ws));
      const req = handbookRequest(ws.workspace, {
        ...(a.size !== undefined ? { size: a.size as HandbookSize } : {}),
        ...(a.impose !== undefined ? { impose: a.impose as Imposition } : {}),
        ...(a.sheet !== undefined ? { sheet: a.sheet as SheetSize } : {}),
        pdfBackend: pdfBackendOf(a),
      });
      const made = await printHandbook({ ...req, cache: cli.cache });
      if (!made.ok) return cli.setExit(failure(io, 'handbook', made));
      printProblems(io, 'handbook', made.problems);
      printHandbookResult(io, made, req.out);
    },
  };
}
