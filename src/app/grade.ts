// Grading: responses.csv + manifest → scores per candidate and section, item analysis,
// scores.csv, items.csv and results.pdf; optionally each question's measured difficulty
// written back into the bank.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Manifest } from '../assemble/manifest.js';
import { loadBank } from '../bank/load.js';
import { organisationOf, paperId } from '../documents/common.js';
import { loadTemplates } from '../documents/index.js';
import { formatCsv, parseCsv } from '../grading/csv.js';
import { itemStats, paperStats, type ItemStats, type PaperStats } from '../grading/items.js';
import { withObservations, type Observation } from '../grading/observe.js';
import { renderResultsPdf } from '../grading/report.js';
import { resultsView } from '../grading/results.js';
import { scoreResponses, type CandidateResult } from '../grading/score.js';
import { itemRows, scoreRows } from '../grading/tables.js';
import { displayPath } from '../paths.js';
import { catchOutputAsync, writeFileAtomic } from './files.js';
import { ITEMS_FILE, RESULTS_FILE, SCORES_FILE } from './names.js';
import { themeFor, type WrittenFile } from './papers.js';
import { failed, problem, succeeded, type Problem, type Result } from './problem.js';
import { failureOf } from './print/batch.js';
import { readManifestFile } from './scan.js';

export interface GradeRequest {
  responses: string;
  manifest: string;
  /** Where the results go; beside responses.csv when absent. */
  out?: string;
  /** Pass mark as a share of the full marks. */
  pass: number;
  templates?: string;
  /** Write the measured difficulty into the bank in this folder. */
  updateBank?: string;
}

export interface Graded {
  files: WrittenFile[];
  results: CandidateResult[];
  paper: PaperStats;
  items: ItemStats[];
  /** With updateBank: how many questions got their measured difficulty, in how many files. */
  observed?: { questions: number; files: number; missing: string[] };
}

/** A pass mark that is a share of the full marks, or the problem. */
export function passProblem(pass: number): Problem | undefined {
  return pass > 0 && pass <= 1 ? undefined : problem('pass', `--pass takes a share of the full marks, 0-1 (e.g. 0.6); got ${pass}`, { pass: String(pass) });
}

export async function gradeResponses(req: GradeRequest): Promise<Result<Graded>> {
  const wrongPass = passProblem(req.pass);
  if (wrongPass) return failed('input', [wrongPass]);
  const read = readManifestFile(req.manifest);
  if (!read.ok) return read;
  const { manifest } = read;
  let text: string;
  try {
    text = readFileSync(req.responses, 'utf8');
  } catch {
    return failed('input', [problem('responses-missing', `${displayPath(req.responses)}: file not found; exampress scan writes it`, { file: displayPath(req.responses) })]);
  }
  const file = displayPath(req.responses);
  const parsed = parseCsv(text);
  if ('problem' in parsed) return failed('input', [{ code: 'csv', severity: 'error', file, line: parsed.line, col: 1, message: parsed.problem }]);
  const { results, problems } = scoreResponses(parsed.rows, manifest);
  if (problems.length) {
    return failed('input', [
      ...problems.map((p): Problem => ({ code: 'responses', severity: 'error', file, line: p.line, col: 1, message: p.message })),
      problem('nothing-written', `${problems.length} problem(s) in ${file}; nothing was written`, { problems: problems.length, file }),
    ]);
  }
  const paper = paperStats(results, req.pass);
  const items = itemStats(results);
  // Question numbers as printed on variant A (the first), for labels.
  const numbers = new Map<string, number>();
  let n = 0;
  for (const s of manifest.variants[0]!.sections) for (const q of s.questions) numbers.set(q.id, ++n);
  const themed = themeFor(req.templates ? { templates: req.templates } : {});
  if (!themed.ok) return themed;
  let pdf: { bytes: Buffer; pages: number };
  try {
    const view = resultsView({ title: manifest.blueprint.content.title, organisation: organisationOf(manifest, themed.theme), results, paper, items, numbers });
    pdf = await renderResultsPdf(view, loadTemplates(themed.templatesDir));
  } catch (err) {
    const f = failureOf(err);
    if (f.kind !== 'input' || f.problem.code === 'failed') throw err;
    return failed('input', [f.problem, problem('nothing-written', 'nothing was written')]);
  }
  const out = req.out ?? dirname(req.responses);
  return catchOutputAsync(async () => {
    const written: { name: string; data: string | Buffer; pages: number }[] = [
      { name: SCORES_FILE, data: formatCsv(scoreRows(results, paper)), pages: 0 },
      { name: ITEMS_FILE, data: formatCsv(itemRows(items, numbers)), pages: 0 },
      { name: RESULTS_FILE, data: pdf.bytes, pages: pdf.pages },
    ];
    for (const w of written) writeFileAtomic(join(out, w.name), w.data, { force: true });
    const files = written.map((w) => ({ name: w.name, variant: '', pages: w.pages, bytes: Buffer.byteLength(w.data) }));
    if (!req.updateBank) return succeeded({ files, results, paper, items });
    const observed = updateBank(req.updateBank, items, manifest);
    if (!observed.ok) return observed;
    return succeeded({ files, results, paper, items, observed: observed.observed }, observed.problems);
  });
}

/** Each question's measured difficulty as `observed` in its bank file (rewritten atomically). */
function updateBank(dir: string, items: readonly ItemStats[], manifest: Manifest): Result<{ observed: NonNullable<Graded['observed']> }> {
  const { bank, problems } = loadBank(dir);
  const fatal = problems.filter((p) => p.severity === 'error' && p.rule === 'missing-folder');
  if (fatal.length || !bank.questions.length) return failed('input', [problem('no-bank', `--update-bank: no question bank in ${displayPath(dir)}; pass --bank`, { bank: displayPath(dir) })]);
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
  const notes: Problem[] = [];
  if (missing.length) notes.push({ code: 'not-in-bank', severity: 'warning', params: { ids: missing.join(', ') }, message: `--update-bank: not in the bank, left out: ${missing.join(', ')}` });
  let count = 0;
  for (const [file, observations] of byFile) {
    const result = withObservations(readFileSync(file, 'utf8'), observations);
    if ('problem' in result) {
      notes.push({ code: 'yaml', severity: 'error', file, line: 1, col: 1, message: `${result.problem}; not updated` });
      continue;
    }
    writeFileAtomic(file, result.text, { force: true });
    count += result.updated.length;
  }
  return succeeded({ observed: { questions: count, files: byFile.size, missing } }, notes);
}
