// `exampress grade responses.csv --manifest FILE`: scores per candidate and section, item
// analysis, scores.csv, items.csv and results.pdf.
import { readFileSync } from 'node:fs';
import { loadBank } from '../../bank/load.js';
import { paperId } from '../../documents/common.js';
import { withObservations, type Observation } from '../../grading/observe.js';
import type { ItemStats } from '../../grading/items.js';
import type { Manifest } from '../../assemble/manifest.js';
import { defaultBankDir } from '../../paths.js';
import { dirname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { displayPath } from '../../bank/load.js';
import { organisationOf } from '../../documents/common.js';
import { loadTemplates, loadTheme, TemplateError } from '../../documents/index.js';
import { formatCsv, parseCsv } from '../../grading/csv.js';
import { itemStats, paperStats } from '../../grading/items.js';
import { renderResultsPdf } from '../../grading/report.js';
import { resultsView } from '../../grading/results.js';
import { scoreResponses } from '../../grading/score.js';
import { itemRows, scoreRows } from '../../grading/tables.js';
import { TypesetError } from '../../typeset/types.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';
import { defaultTemplatesDir } from './paper.js';
import { readManifestFile } from './scan.js';

export { scanCommand } from './scan.js';

export interface GradeArgs {
  responses: string;
  manifest: string;
  out?: string;
  pass: number;
  templates?: string;
  /** Write the measured difficulty into the bank in this folder. */
  updateBank?: string;
}

export async function runGrade(args: GradeArgs, io: Io): Promise<number> {
  const manifest = readManifestFile(args.manifest, io, 'grade');
  if (!manifest) return EXIT.errors;
  let text: string;
  try {
    text = readFileSync(args.responses, 'utf8');
  } catch {
    io.stderr(`exampress grade: ${displayPath(args.responses)}: file not found; exampress scan writes it`);
    return EXIT.errors;
  }
  const parsed = parseCsv(text);
  if ('problem' in parsed) {
    io.stderr(`${displayPath(args.responses)}:${parsed.line}:1 error csv: ${parsed.problem}`);
    return EXIT.errors;
  }
  const { results, problems } = scoreResponses(parsed.rows, manifest);
  if (problems.length) {
    for (const p of problems) io.stderr(`${displayPath(args.responses)}:${p.line}:1 error responses: ${p.message}`);
    io.stderr(`exampress grade: ${problems.length} problem(s) in ${displayPath(args.responses)}; nothing was written`);
    return EXIT.errors;
  }
  const paper = paperStats(results, args.pass);
  const items = itemStats(results);
  // Question numbers as printed on variant A (the first), for labels.
  const numbers = new Map<string, number>();
  let n = 0;
  for (const s of manifest.variants[0]!.sections) for (const q of s.questions) numbers.set(q.id, ++n);
  const defaults = defaultTemplatesDir();
  const dir = args.templates ?? defaults;
  const { theme, problems: themeProblems } = loadTheme(dir, defaults);
  if (!theme) {
    themeProblems.forEach((p) => io.stderr(p));
    return EXIT.errors;
  }
  let pdf: { bytes: Buffer; pages: number };
  try {
    const view = resultsView({ title: manifest.blueprint.content.title, organisation: organisationOf(manifest, theme), results, paper, items, numbers });
    pdf = await renderResultsPdf(view, loadTemplates(dir));
  } catch (err) {
    if (err instanceof TemplateError || err instanceof TypesetError) {
      io.stderr(err.message);
      io.stderr('exampress grade: nothing was written');
      return EXIT.errors;
    }
    throw err;
  }
  const out = args.out ?? dirname(args.responses);
  writeFileAtomic(join(out, 'scores.csv'), formatCsv(scoreRows(results, paper)), { force: true });
  writeFileAtomic(join(out, 'items.csv'), formatCsv(itemRows(items, numbers)), { force: true });
  writeFileAtomic(join(out, 'results.pdf'), pdf.bytes, { force: true });
  io.stdout(`${displayPath(join(out, 'scores.csv'))}  ${results.length} candidate(s)`);
  io.stdout(`${displayPath(join(out, 'items.csv'))}  ${items.length} question(s)`);
  io.stdout(`${displayPath(join(out, 'results.pdf'))}  ${pdf.pages} page(s)`);
  const kr = paper.kr20.map((k) => (k.value === null ? 'n/a' : k.value.toFixed(3))).join(', ');
  io.stderr(`mean ${paper.mean.toFixed(1)} of ${paper.max}, pass rate ${(paper.passRate * 100).toFixed(1)}%, KR-20 ${kr}; ${items.filter((i) => i.flags.length).length} question(s) flagged`);
  return args.updateBank ? updateBank(args.updateBank, items, manifest, io) : EXIT.ok;
}

/** Each question's measured difficulty as `observed` in its bank file (rewritten atomically). */
function updateBank(dir: string, items: readonly ItemStats[], manifest: Manifest, io: Io): number {
  const { bank, problems } = loadBank(dir);
  const fatal = problems.filter((p) => p.severity === 'error' && p.rule === 'missing-folder');
  if (fatal.length || !bank.questions.length) {
    io.stderr(`exampress grade --update-bank: no question bank in ${displayPath(dir)}; pass --bank`);
    return EXIT.errors;
  }
  const fileOf = new Map(bank.questions.map((q) => [q.id, q.loc.file]));
  const byFile = new Map<string, Map<string, Observation>>();
  const missing: string[] = [];
  const id = paperId(manifest);
  for (const it of items) {
    const file = fileOf.get(it.id);
    if (!file) {
      missing.push(it.id);
      continue;
    }
    const m = byFile.get(file) ?? new Map<string, Observation>();
    m.set(it.id, { difficulty: it.difficulty, candidates: it.n, paper: id });
    byFile.set(file, m);
  }
  if (missing.length) io.stderr(`exampress grade --update-bank: not in the bank, left out: ${missing.join(', ')}`);
  let count = 0;
  for (const [file, observations] of byFile) {
    const result = withObservations(readFileSync(file, 'utf8'), observations);
    if ('problem' in result) {
      io.stderr(`${file}:1:1 error yaml: ${result.problem}; not updated`);
      continue;
    }
    writeFileAtomic(file, result.text, { force: true });
    count += result.updated.length;
  }
  io.stdout(`observed difficulty written for ${count} question(s) in ${byFile.size} bank file(s)`);
  return missing.length ? EXIT.errors : EXIT.ok;
}

export function gradeCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'grade <responses>',
    describe: 'score responses.csv; write scores.csv, items.csv and results.pdf (item analysis)',
    builder: (y) =>
      y
        .positional('responses', { type: 'string', describe: 'responses.csv from exampress scan (corrected by hand where needed)' })
        .option('manifest', { type: 'string', demandOption: true, describe: 'the manifest.json of the paper' })
        .option('out', { type: 'string', describe: 'where to write the results (default: beside responses.csv)' })
        .option('pass', { type: 'number', default: 0.6, describe: 'pass mark as a share of the full marks' })
        .option('templates', { type: 'string', describe: 'your own copy of the templates folder (results.hbs)' })
        .option('update-bank', { type: 'boolean', default: false, describe: "write each question's measured difficulty into the bank as observed: {difficulty, candidates, paper}" })
        .option('bank', { type: 'string', default: defaultBankDir(), defaultDescription: './bank', describe: 'bank folder (for --update-bank)' })
        .example('exampress grade output/responses.csv --manifest output/manifest.json', 'scores.csv, items.csv and results.pdf in output/'),
    handler: async (a) => {
      const pass = Number(a.pass);
      if (!(pass > 0 && pass <= 1)) {
        io.stderr(`exampress grade: --pass takes a share of the full marks, 0-1 (e.g. 0.6); got ${String(a.pass)}`);
        return setExit(EXIT.errors);
      }
      setExit(await runGrade({ responses: String(a.responses), manifest: String(a.manifest), ...(typeof a.out === 'string' ? { out: a.out } : {}), pass, ...(typeof a.templates === 'string' ? { templates: a.templates } : {}), ...(a['update-bank'] ? { updateBank: String(a.bank) } : {}) }, io));
    },
  };
}
