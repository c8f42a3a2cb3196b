// 阅卷: for any printed paper kept in the output folder, add batches of scans (each sheet goes to
// the paper its QR code names), decide each doubtful mark beside its crop, grade (into a staging
// folder), download the results. A paper's session lives in its record folder (papers/<id>/).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { gradeResponses, passProblem, type Graded } from '../../app/grade.js';
import { ITEMS_FILE, MANIFEST_FILE, RESPONSES_FILE, RESULTS_FILE, SCAN_EXTENSIONS, SCORES_FILE } from '../../app/names.js';
import { listPrintedPapers, type PrintedPaper } from '../../app/records.js';
import { decideCandidate, decideCell, printedLetters, readResponses, reviewState } from '../../app/review.js';
import { readPrintedPaper, scanSheets, type ScannedSheets } from '../../app/scan.js';
import { inStaging } from '../../app/staging.js';
import { sizeText } from '../html.js';
import { zh } from '../messages.js';
import { gradingPage, type GradingView } from '../pages/grading.js';
import { show, STATUS, tooLong } from '../respond.js';
import type { WorkspaceState } from '../state.js';
import { safeName } from './import.js';

const ACCEPTED: readonly string[] = SCAN_EXTENSIONS;
const RESULT_FILES = [
  { name: SCORES_FILE, label: '每位考生的分数' },
  { name: ITEMS_FILE, label: '题目分析' },
  { name: RESULTS_FILE, label: '成绩报告' },
];

/** A printed paper as the page names it: its record folder's name. */
const keyOf = (p: PrintedPaper) => basename(p.dir);

/** The paper a request names (`paper=<record folder>`), else the latest printed. */
export function chosenPaper(ws: WorkspaceState, key: string | undefined): { papers: PrintedPaper[]; paper?: PrintedPaper } {
  const papers = listPrintedPapers(ws.outDir);
  const paper = (key && papers.find((p) => keyOf(p) === key)) || papers[0];
  return paper ? { papers, paper } : { papers };
}

/** The page's view for one paper: what is left to decide in its session, and what the last scan and grade said. */
function gradingView(ws: WorkspaceState, key: string | undefined, extra: Partial<GradingView> = {}): GradingView {
  const { grading } = ws;
  const { papers, paper } = chosenPaper(ws, key);
  const choices = papers.map((p) => ({ key: keyOf(p), label: `${p.title}（${p.variants.length > 3 ? `${p.variants.length} 份` : `${p.variants.join('、')}卷`}，种子 ${p.seed}，${p.printed.slice(0, 10)}）`, state: p.graded ? '已评分' : p.sheets ? `已读 ${p.sheets} 张` : '未阅卷' }));
  const base = { maxBytes: ws.maxScan, accept: ACCEPTED.join(','), hasResponses: false, unreadable: [], sheetProblems: [], cells: [], candidates: [], busy: ws.busy, papers: choices, ...(grading.scanLines ? { scanLines: grading.scanLines } : {}) };
  if (!paper) return { ...base, paper: { missing: `还没有可阅卷的试卷：${ws.outDir} 中没有打印过的试卷（生成试卷时保存在 papers/ 中）。` }, ...extra };
  const review = grading.reviews.get(paper.dir);
  const state = reviewState(paper.dir, join(paper.dir, MANIFEST_FILE), review);
  if ('problem' in state.paper) return { ...base, paper: { missing: zh(state.paper.problem) }, ...extra };
  const v: GradingView = { ...base, paper: { ...state.paper, key: keyOf(paper), id: paper.id }, hasResponses: state.hasResponses, cells: state.cells, candidates: state.candidates };
  if (state.problems.length) v.failure = state.problems.map(zh);
  if (state.responsesProblem) v.responsesProblem = zh(state.responsesProblem);
  if (review) {
    v.unreadable = [...review.unreadable];
    // A candidate number to decide is listed from responses.csv (its truth), not twice.
    v.sheetProblems = review.sheets.flatMap((s) => s.problems.filter((p) => !/^(candidate number read as|no candidate number)/.test(p)).map((p) => `${s.sources.join(' ')}：${p}`));
  }
  if (RESULT_FILES.every((f) => existsSync(join(paper.dir, f.name)))) v.grade = { lines: grading.grades.get(paper.dir) ?? ['已评分。'], files: RESULT_FILES };
  return { ...v, ...extra };
}

/** Keep an upload's scans in the output folder (scans/<batch>/, where later crops are cut from) and add them to their papers' sessions. */
async function readScans(ws: WorkspaceState, given: readonly File[], names: readonly string[], replace: boolean): Promise<{ ok: false; lines: string[] } | { ok: true; lines: string[]; scanned: ScannedSheets }> {
  const batch = join(ws.outDir, 'scans', `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`);
  mkdirSync(batch, { recursive: true });
  for (let i = 0; i < given.length; i++) writeFileSync(join(batch, names[i]!), new Uint8Array(await given[i]!.arrayBuffer()));
  const scanned = await scanSheets({ inputs: names.map((n) => join(batch, n)), papers: ws.outDir, dpi: 200, replace });
  if (!scanned.ok) return { ok: false, lines: scanned.problems.map(zh) };
  const lines = [
    `读取 ${scanned.pages} 页，${scanned.unreadable.length} 页无法读取。`,
    ...scanned.sessions.map((s) => `${s.paper.title}（试卷 ${s.paper.id}）：新增 ${s.added} 张答题卡，共 ${s.sheets} 张；${s.doubts} 处填涂待决定。`),
    ...scanned.problems.filter((p) => p.code === 'duplicate-sheet' || p.code === 'conflicting-sheets').map(zh),
  ];
  return { ok: true, lines, scanned };
}

/** One line of what grading found, in the trainer's words. */
function gradeSummary(graded: Graded): string {
  const { paper } = graded;
  const kr = paper.kr20.map((k) => (k.value === null ? '无法计算' : k.value.toFixed(3))).join('、');
  return `${graded.results.length} 名考生：平均分 ${paper.mean.toFixed(1)}（满分 ${paper.max}），及格率 ${(paper.passRate * 100).toFixed(1)}%，信度 KR-20 ${kr}；需关注的题目 ${graded.items.filter((i) => i.flags.length).length} 道。`;
}

export function gradingRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();
  const { grading } = ws;
  const page = (c: Context, key: string | undefined, extra: Partial<GradingView> = {}, status: 200 | 404 | 409 | 413 | 415 | 422 = 200) => show(c, '阅卷', 'grading', gradingPage(gradingView(ws, key, extra)), status);
  const fail = (c: Context, key: string | undefined, lines: string[], status: 404 | 409 | 413 | 415 | 422) => page(c, key, { failure: lines }, status);
  const back = (key: string | undefined, anchor: string, extra = '') => `/grading?${new URLSearchParams({ ...(key ? { paper: key } : {}) })}${extra}#${anchor}`;

  app.get('/grading', (c) => {
    const decided = c.req.query('decided');
    return page(c, c.req.query('paper'), decided ? { decided: `已记录第 ${decided} 题的决定。` } : {});
  });

  const tooManyScans = (c: Context) => fail(c, c.req.query('paper'), [`扫描件太大：一次上传合计上限 ${sizeText(ws.maxScan)}。请分批上传 PDF，或降低扫描分辨率。`], STATUS.tooLarge);
  app.post(
    '/grading/scan',
    async (c, next) => (tooLong(c, ws.maxScan) ? tooManyScans(c) : next()),
    bodyLimit({ maxSize: ws.maxScan + 64 * 1024, onError: tooManyScans }),
    async (c) => {
      const body = await c.req.parseBody({ all: true });
      const key = typeof body.paper === 'string' ? body.paper : undefined;
      const given = ([] as unknown[]).concat(body.scans ?? []).filter((f): f is File => f instanceof File && f.name !== '');
      if (!given.length) return fail(c, key, ['请选择答题卡的扫描件（PNG、JPEG 或 PDF）。'], STATUS.invalid);
      const names = given.map((f, i) => `${String(i + 1).padStart(3, '0')}-${safeName(f.name, 'scan')}`);
      const wrong = names.filter((n) => !ACCEPTED.includes(extname(n).toLowerCase()));
      if (wrong.length) return fail(c, key, [`不支持的文件类型：${wrong.map((n) => n.slice(4)).join('、')}；可上传 ${ACCEPTED.join(' ')}`], STATUS.wrongType);
      if (given.reduce((n, f) => n + f.size, 0) > ws.maxScan) return tooManyScans(c);
      const replace = body.replace === '1' || (Array.isArray(body.replace) && body.replace.includes('1'));
      const result = await ws.builds.run('scan', () => readScans(ws, given, names, replace));
      if (!result) return fail(c, key, ['另一个任务正在进行，请稍后再试。'], STATUS.busy);
      if (!result.ok) return fail(c, key, result.lines, STATUS.invalid);
      for (const s of result.scanned.sessions) {
        grading.reviews.set(s.dir, s.review);
        grading.grades.delete(s.dir);
      }
      grading.scanLines = result.lines;
      // Show the paper the sheets went to (the first, when they went to several).
      const to = result.scanned.sessions[0] ? basename(result.scanned.sessions[0].dir) : key;
      return c.redirect(back(to, 'doubts'), 303);
    },
  );

  app.post('/grading/decide', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const { paper } = chosenPaper(ws, body.paper);
    if (!paper) return fail(c, body.paper, ['找不到这份试卷。'], STATUS.notFound);
    const line = Number(body.line);
    const question = Number(body.question);
    const value = [...new Set(String(body.value ?? '').toUpperCase().replace(/\s+/g, ''))];
    const printed = readPrintedPaper(join(paper.dir, MANIFEST_FILE));
    const read = readResponses(paper.dir);
    const variant = read && 'rows' in read ? read.rows[line - 1]?.[2] : undefined;
    const { letters } = printedLetters(printed.ok ? printed.geometries : [], variant, question);
    if (!Number.isInteger(line) || !Number.isInteger(question) || value.some((l) => !letters.includes(l))) {
      return fail(c, body.paper, [`第 ${body.question ?? '?'} 题只能填 ${letters.join('、') || '答题卡上的字母'} 或空白；收到「${body.value ?? ''}」。`], STATUS.invalid);
    }
    const decided = decideCell(paper.dir, { line, question, source: String(body.source ?? '') }, letters.filter((l) => value.includes(l)).join(''));
    if (!decided.saved) return fail(c, body.paper, [zh(decided.problem)], decided.conflict ? STATUS.staleEdit : STATUS.invalid);
    grading.grades.delete(paper.dir);
    return c.redirect(back(body.paper, 'doubts', `&decided=${question}`), 303);
  });

  app.post('/grading/candidate', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const { paper } = chosenPaper(ws, body.paper);
    if (!paper) return fail(c, body.paper, ['找不到这份试卷。'], STATUS.notFound);
    const line = Number(body.line);
    const value = String(body.value ?? '').trim();
    if (!Number.isInteger(line) || !/^\d{1,20}$/.test(value)) return fail(c, body.paper, [`考号只能由数字组成；收到「${value}」。`], STATUS.invalid);
    const decided = decideCandidate(paper.dir, { line, source: String(body.source ?? '') }, value);
    if (!decided.saved) return fail(c, body.paper, [zh(decided.problem)], decided.conflict ? STATUS.staleEdit : STATUS.invalid);
    grading.grades.delete(paper.dir);
    return c.redirect(back(body.paper, 'candidates'), 303);
  });

  app.post('/grading/grade', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const { paper } = chosenPaper(ws, body.paper);
    if (!paper) return fail(c, body.paper, ['找不到这份试卷。'], STATUS.notFound);
    const pass = Number(body.pass ?? 0.6);
    const wrongPass = passProblem(pass);
    if (wrongPass) return fail(c, body.paper, [zh(wrongPass)], STATUS.invalid);
    const result = await ws.builds.run('grade', () => inStaging(paper.dir, (staging) => gradeResponses({ responses: join(paper.dir, RESPONSES_FILE), manifest: join(paper.dir, MANIFEST_FILE), out: staging, pass })));
    if (!result) return fail(c, body.paper, ['另一个任务正在进行，请稍后再试。'], STATUS.busy);
    if (!result.ok) return fail(c, body.paper, result.problems.map(zh), STATUS.invalid);
    grading.grades.set(paper.dir, [gradeSummary(result)]);
    return c.redirect(back(body.paper, 'results'), 303);
  });

  return app;
}
