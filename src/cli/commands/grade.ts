// `exampress grade responses.csv --manifest FILE`: scores per candidate and section, item
// analysis, scores.csv, items.csv and results.pdf.
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { gradeResponses } from '../../app/grade.js';
import { ITEMS_FILE, MANIFEST_FILE, RESPONSES_FILE, RESULTS_FILE, SCORES_FILE } from '../../app/names.js';
import { listPrintedPapers } from '../../app/records.js';
import { openWorkspace } from '../../app/workspace.js';
import { defaultBankDir, displayPath } from '../../paths.js';
import { EXIT, type CommandContext } from '../io.js';
import { failure, printProblems } from '../report.js';

/** Grade one session (responses.csv, the manifest beside it unless named); its exit code. */
async function gradeOne(cli: CommandContext, a: Record<string, unknown>, responses: string): Promise<number> {
  const { io } = cli;
  const graded = await gradeResponses({ responses, manifest: typeof a.manifest === 'string' ? a.manifest : join(dirname(responses), MANIFEST_FILE), ...(typeof a.out === 'string' ? { out: a.out } : {}), pass: Number(a.pass), ...(typeof a.templates === 'string' ? { templates: a.templates } : {}), ...(a['update-bank'] ? { updateBank: String(a.bank) } : {}) });
  if (!graded.ok) return failure(io, 'grade', graded);
  const out = typeof a.out === 'string' ? a.out : dirname(responses);
  const n: Record<string, string> = { [SCORES_FILE]: `${graded.results.length} candidate(s)`, [ITEMS_FILE]: `${graded.items.length} question(s)`, [RESULTS_FILE]: '' };
  for (const f of graded.files) io.stdout(`${displayPath(join(out, f.name))}  ${f.pages ? `${f.pages} page(s)` : n[f.name]}`);
  const { paper, items } = graded;
  const kr = paper.kr20.map((k) => (k.value === null ? 'n/a' : k.value.toFixed(3))).join(', ');
  io.stderr(`mean ${paper.mean.toFixed(1)} of ${paper.max}, pass rate ${(paper.passRate * 100).toFixed(1)}%, KR-20 ${kr}; ${items.filter((i) => i.flags.length).length} question(s) flagged`);
  printProblems(io, 'grade', graded.problems);
  if (graded.observed) io.stdout(`observed difficulty written for ${graded.observed.questions} question(s) in ${graded.observed.files} bank file(s)`);
  return graded.observed?.missing.length ? EXIT.errors : EXIT.ok;
}

export function gradeCommand(cli: CommandContext): CommandModule {
  const { io } = cli;
  return {
    command: 'grade [responses]',
    describe: 'score responses.csv; write scores.csv, items.csv and results.pdf (item analysis)',
    builder: (y) =>
      y
        .positional('responses', { type: 'string', describe: 'responses.csv from exampress scan (corrected by hand where needed); without it, every printed paper scanned and not yet graded' })
        .option('papers', { type: 'string', describe: 'without responses.csv: the output folder whose printed papers are graded', defaultDescription: 'config.yaml output, else output' })
        .option('manifest', { type: 'string', describe: 'the manifest.json of the paper', defaultDescription: 'the one beside responses.csv (a printed paper\'s folder holds both)' })
        .option('out', { type: 'string', describe: 'where to write the results (default: beside responses.csv)' })
        .option('pass', { type: 'number', default: 0.6, describe: 'pass mark as a share of the full marks' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (results.hbs)' })
        .option('update-bank', { type: 'boolean', default: false, describe: "write each question's measured difficulty into the bank as observed: {difficulty, candidates, paper}" })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder (for --update-bank)' })
        .example('exampress grade', 'every printed paper whose sheets were scanned: scores.csv, items.csv and results.pdf in its folder')
        .example('exampress grade output/papers/1468c4fa7491/responses.csv', 'that paper again'),
    handler: async (a) => {
      let sessions: string[];
      if (typeof a.responses === 'string') sessions = [a.responses];
      else {
        // Every printed paper's session that has responses and no results yet.
        const ws = openWorkspace(String(a.bank), typeof a.papers === 'string' ? { out: a.papers } : {});
        if (!ws.ok) return cli.setExit(failure(io, 'grade', ws));
        sessions = listPrintedPapers(ws.workspace.out).filter((p) => p.sheets && !p.graded).map((p) => join(p.dir, RESPONSES_FILE));
        if (!sessions.length) {
          io.stderr(`exampress grade: no printed paper in ${displayPath(ws.workspace.out)} has sheets scanned and not graded; name a responses.csv to grade it again`);
          return cli.setExit(EXIT.errors);
        }
      }
      let code: number = EXIT.ok;
      for (const responses of sessions) code = Math.max(code, await gradeOne(cli, a, responses));
      cli.setExit(code);
    },
  };
}
