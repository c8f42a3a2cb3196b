// 阅卷: for the paper the last build left in the output folder, upload the scans (read as
// `exampress scan` reads them), decide each doubtful mark beside its crop, grade (into a staging
// folder), download the results.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { gradeResponses, passProblem, type Graded } from '../../app/grade.js';
import { ITEMS_FILE, MANIFEST_FILE, RESPONSES_FILE, RESULTS_FILE, SCAN_EXTENSIONS, SCORES_FILE } from '../../app/names.js';
import { decideCandidate, decideCell, printedLetters, readResponses, reviewState } from '../../app/review.js';
import { readPrintedPaper, scanSheets } from '../../app/scan.js';
import { inStaging } from '../../app/staging.js';
import type { ReviewInput } from '../../grading/review.js';
import { sizeText } from '../html.js';
import { zh } from '../messages.js';
import { gradingPage, type GradingView } from '../pages/grading.js';
import { show, STATUS, tooLong } from '../respond.js';
import type { WorkspaceState } from '../state.js';
import { safeName } from './import.js';

const ACCEPTED: readonly string[] = SCAN_EXTENSIONS;

/** The page's view: what is left to decide in the output folder, and what the last scan and grade said. */
function gradingView(ws: WorkspaceState, extra: Partial<GradingView> = {}): GradingView {
  const { grading } = ws;
  const manifestFile = join(ws.outDir, MANIFEST_FILE);
  const state = reviewState(ws.outDir, manifestFile, grading.review);
  const base = { maxBytes: ws.maxScan, accept: ACCEPTED.join(','), hasResponses: state.hasResponses, unreadable: [], sheetProblems: [], cells: state.cells, candidates: state.candidates, busy: ws.busy };
  if ('problem' in state.paper) return { ...base, paper: { missing: zh(state.paper.problem) }, ...extra };
  const v: GradingView = { ...base, paper: state.paper, ...(grading.scanLines ? { scanLines: grading.scanLines } : {}) };
  if (state.problems.length) v.failure = state.problems.map(zh);
  if (state.responsesProblem) v.responsesProblem = zh(state.responsesProblem);
  const review = grading.review;
  if (review) {
    v.unreadable = [...review.unreadable];
    // A candidate number to decide is listed from responses.csv (its truth), not twice.
    v.sheetProblems = review.sheets.flatMap((s) => s.problems.filter((p) => !/^(candidate number read as|no candidate number)/.test(p)).map((p) => `${s.sources.join(' ')}：${p}`));
  }
  if (grading.grade && [SCORES_FILE, ITEMS_FILE, RESULTS_FILE].every((n) => existsSync(join(ws.outDir, n)))) {
    v.grade = { lines: grading.grade, files: [{ name: SCORES_FILE, label: '每位考生的分数' }, { name: ITEMS_FILE, label: '题目分析' }, { name: RESULTS_FILE, label: '成绩报告' }] };
  }
  return { ...v, ...extra };
}

/** Keep the uploaded scans in the output folder's scans/ and read them into responses.csv. */
async function readScans(ws: WorkspaceState, given: readonly File[], names: readonly string[], replace: boolean): Promise<{ ok: false; lines: string[] } | { ok: true; lines: string[]; review: ReviewInput }> {
  if (existsSync(join(ws.outDir, RESPONSES_FILE)) && !replace) return { ok: false, lines: [`${RESPONSES_FILE} 已存在，其中可能有您的人工决定：勾选「替换已有的 ${RESPONSES_FILE}」后再上传。`] };
  const scansDir = join(ws.outDir, 'scans');
  rmSync(scansDir, { recursive: true, force: true });
  mkdirSync(scansDir, { recursive: true });
  for (let i = 0; i < given.length; i++) writeFileSync(join(scansDir, names[i]!), new Uint8Array(await given[i]!.arrayBuffer()));
  const scanned = await scanSheets({ inputs: names.map((n) => join(scansDir, n)), manifest: join(ws.outDir, MANIFEST_FILE), out: ws.outDir, dpi: 200, force: true });
  if (!scanned.ok) return { ok: false, lines: scanned.problems.map(zh) };
  const lines = [`读取 ${scanned.pages} 页，${scanned.sheets.length} 张答题卡；${scanned.doubts} 处填涂待决定，${scanned.unreadable.length} 页无法读取。`];
  return { ok: true, lines, review: scanned.review };
}

/** One line of what grading found, in the trainer's words. */
function gradeSummary(graded: Graded): string {
  const { paper } = graded;
  const kr = paper.kr20.map((k) => (k.value === null ? '无法计算' : k.value.toFixed(3))).join('、');
  return `${graded.results.length} 名考生：平均分 ${paper.mean.toFixed(1)}（满分 ${paper.max}），及格率 ${(paper.passRate * 100).toFixed(1)}%，信度 KR-20 ${kr}；需关注的题目 ${graded.items.filter((i) => i.flags.length).length} 道。`;
}

export function gradingRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();
  const manifestFile = join(ws.outDir, MANIFEST_FILE);
  const { grading } = ws;
  const view = (extra: Partial<GradingView> = {}) => gradingView(ws, extra);
  const fail = (c: Context, lines: string[], status: 404 | 409 | 413 | 415 | 422) => show(c, '阅卷', 'grading', gradingPage(view({ failure: lines })), status);
  const busy = (c: Context) => fail(c, ['另一个任务正在进行，请稍后再试。'], STATUS.busy);

  app.get('/grading', (c) => {
    const decided = c.req.query('decided');
    return show(c, '阅卷', 'grading', gradingPage(view(decided ? { decided: `已记录第 ${decided} 题的决定。` } : {})));
  });

  const tooManyScans = (c: Context) => fail(c, [`扫描件太大：一次上传合计上限 ${sizeText(ws.maxScan)}。请分批上传 PDF，或降低扫描分辨率。`], STATUS.tooLarge);
  app.post(
    '/grading/scan',
    async (c, next) => (tooLong(c, ws.maxScan) ? tooManyScans(c) : next()),
    bodyLimit({ maxSize: ws.maxScan + 64 * 1024, onError: tooManyScans }),
    async (c) => {
      const body = await c.req.parseBody({ all: true });
      const given = ([] as unknown[]).concat(body.scans ?? []).filter((f): f is File => f instanceof File && f.name !== '');
      if (!given.length) return fail(c, ['请选择答题卡的扫描件（PNG、JPEG 或 PDF）。'], STATUS.invalid);
      const names = given.map((f, i) => `${String(i + 1).padStart(3, '0')}-${safeName(f.name, 'scan')}`);
      const wrong = names.filter((n) => !ACCEPTED.includes(extname(n).toLowerCase()));
      if (wrong.length) return fail(c, [`不支持的文件类型：${wrong.map((n) => n.slice(4)).join('、')}；可上传 ${ACCEPTED.join(' ')}`], STATUS.wrongType);
      if (given.reduce((n, f) => n + f.size, 0) > ws.maxScan) return tooManyScans(c);
      const replace = body.replace === '1' || (Array.isArray(body.replace) && body.replace.includes('1'));
      const result = await ws.builds.run('scan', () => readScans(ws, given, names, replace));
      if (!result) return busy(c);
      if (!result.ok) return fail(c, result.lines, STATUS.invalid);
      grading.review = result.review;
      grading.scanLines = result.lines;
      delete grading.grade;
      return c.redirect('/grading#doubts', 303);
    },
  );

  app.post('/grading/decide', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const line = Number(body.line);
    const question = Number(body.question);
    const value = [...new Set(String(body.value ?? '').toUpperCase().replace(/\s+/g, ''))];
    const printed = readPrintedPaper(manifestFile);
    const read = readResponses(ws.outDir);
    const variant = read && 'rows' in read ? read.rows[line - 1]?.[2] : undefined;
    const { letters } = printedLetters(printed.ok ? printed.geometries : [], variant, question);
    if (!Number.isInteger(line) || !Number.isInteger(question) || value.some((l) => !letters.includes(l))) {
      return fail(c, [`第 ${body.question ?? '?'} 题只能填 ${letters.join('、') || '答题卡上的字母'} 或空白；收到「${body.value ?? ''}」。`], STATUS.invalid);
    }
    const decided = decideCell(ws.outDir, { line, question, source: String(body.source ?? '') }, letters.filter((l) => value.includes(l)).join(''));
    if (!decided.saved) return fail(c, [zh(decided.problem)], decided.conflict ? STATUS.staleEdit : STATUS.invalid);
    delete grading.grade;
    return c.redirect(`/grading?decided=${question}#doubts`, 303);
  });

  app.post('/grading/candidate', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const line = Number(body.line);
    const value = String(body.value ?? '').trim();
    if (!Number.isInteger(line) || !/^\d{1,20}$/.test(value)) return fail(c, [`考号只能由数字组成；收到「${value}」。`], STATUS.invalid);
    const decided = decideCandidate(ws.outDir, { line, source: String(body.source ?? '') }, value);
    if (!decided.saved) return fail(c, [zh(decided.problem)], decided.conflict ? STATUS.staleEdit : STATUS.invalid);
    delete grading.grade;
    return c.redirect('/grading#candidates', 303);
  });

  app.post('/grading/grade', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const pass = Number(body.pass ?? 0.6);
    const wrongPass = passProblem(pass);
    if (wrongPass) return fail(c, [zh(wrongPass)], STATUS.invalid);
    const result = await ws.builds.run('grade', () => inStaging(ws.outDir, (staging) => gradeResponses({ responses: join(ws.outDir, RESPONSES_FILE), manifest: manifestFile, out: staging, pass })));
    if (!result) return busy(c);
    if (!result.ok) return fail(c, result.problems.map(zh), STATUS.invalid);
    grading.grade = [gradeSummary(result)];
    return c.redirect('/grading#results', 303);
  });

  return app;
}
