// The workspace's routes over the same library as the CLI. Pages are plain server-rendered HTML;
// builds call the CLI's own runPaper / runHandbook (so a failure reads exactly as on the command
// line) into a staging folder, one build at a time per workspace.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { assemble } from '../assemble/assemble.js';
import { parseManifest } from '../assemble/manifest.js';
import { resolveVariant } from '../assemble/resolve.js';
import { loadCheckedBank } from '../bank/cache.js';
import { locate } from '../bank/yamlSource.js';
import { displayPath } from '../bank/load.js';
import type { Bank, Problem } from '../bank/schema.js';
import { MANIFEST_FILE, loadBlueprint } from '../cli/assemble.js';
import { runBankImport } from '../cli/commands/import.js';
import { handbookSettings, runHandbook } from '../cli/commands/handbook.js';
import { cliCache, defaultTemplatesDir, paperSettings, runPaper } from '../cli/commands/paper.js';
import type { Io } from '../cli/io.js';
import { runGrade } from '../cli/commands/grade.js';
import { readGeometries, readManifestFile, runScan } from '../cli/commands/scan.js';
import { cropKey, type ReviewInput } from '../grading/review.js';
import { decideCandidate, decideCell, openCandidates, openCells, readResponses } from './grading.js';
import { gradingPage, type GradingCell, type GradingView } from './pages/grading.js';
import { loadTheme, PAPER_SIZES, specView } from '../documents/index.js';
import { packageRoot, packageVersion } from '../paths.js';
import { APP_CSS, APP_JS, FONT_FILES } from './assets.js';
import { EDITED_FIELDS, fieldsFromForm, readQuestion, saveQuestion } from './edit.js';
import { html, page, sizeText, type Html } from './html.js';
import { buildStaged, listOutputs, oneAtATime, outputFile, SERVED_TYPES } from './outputs.js';
import { bankPage } from './pages/bank.js';
import { blueprintsPage, type BlueprintSettings, type BlueprintView } from './pages/blueprints.js';
import { editPage, formValues } from './pages/edit.js';
import { handbookPage } from './pages/handbook.js';
import { importPage, type ImportReport } from './pages/import.js';
import { pageView, type OutputFile } from './pages/outputs.js';
import { pageCount, renderPage } from './preview.js';
import { guard, securityHeaders } from './security.js';
import { supplyTable } from './supply.js';

/** Refusals and failures beyond the guard's 401/403 (README: the web workspace). */
export const STATUS = { badName: 400, notFound: 404, busy: 409, staleEdit: 409, tooLarge: 413, wrongType: 415, invalid: 422 } as const;

/** Upload limits: size, and the extensions the importer reads. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Scans for 阅卷: every file of one upload together, and the kinds `exampress scan` reads. */
export const MAX_SCAN_BYTES = 50 * 1024 * 1024;
export const SCAN_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.pdf'];
export const UPLOAD_EXTENSIONS = ['.txt', '.text', '.docx', '.xlsx', '.csv', '.tsv', '.json', '.json5', '.js', '.xml', '.gift'];

export interface WorkspaceOptions {
  bankDir: string;
  outDir: string;
  host: string;
  token: string;
  /** The port we listen on, known once listening. */
  port: () => number;
  maxUploadBytes?: number;
  /** Cap on one upload of scans (all files together). */
  maxScanBytes?: number;
}


/** Collects what a CLI function prints, to show it on the page. */
function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(...t.replace(/\n$/, '').split('\n')), stderr: (t) => err.push(...t.replace(/\n$/, '').split('\n')) };
}

export function createWorkspace(opts: WorkspaceOptions) {
  const { bankDir, outDir } = opts;
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const blueprintsDir = join(bankDir, 'blueprints');
  const builds = oneAtATime();
  const uploads = new Map<string, { dir: string; file: string; name: string }>();
  const pageCounts = new Map<string, number>();
  const app = new Hono();

  app.use('*', securityHeaders);
  app.use('*', guard({ token: opts.token, host: opts.host, port: opts.port }));

  const show = (c: Context, title: string, nav: Parameters<typeof page>[0]['nav'], body: Html, status: 200 | 400 | 404 | 409 | 413 | 415 | 422 | 500 = 200) => c.html(page({ title, nav, body }), status);
  const notFound = (c: Context, what: string) => show(c, '未找到', 'none', html`<h1>未找到</h1><p>${what}</p>`, STATUS.notFound);
  const loadBank = () => loadCheckedBank(bankDir, cliCache());

  async function describeFiles(names: string[]): Promise<OutputFile[]> {
    const out: OutputFile[] = [];
    for (const name of names) {
      const file = join(outDir, name);
      const st = statSync(file);
      const entry: OutputFile = { name, bytes: st.size };
      if (name.endsWith('.pdf')) {
        const key = `${file}\0${st.mtimeMs}\0${st.size}`;
        let n = pageCounts.get(key);
        if (n === undefined) {
          n = await pageCount(file).catch(() => 0);
          pageCounts.set(key, n);
        }
        entry.pages = n;
      }
      out.push(entry);
    }
    return out;
  }

  // ------------------------------------------------------------------ assets
  app.get('/assets/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/app.js', (c) => c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/fonts/:name', (c) => {
    const name = c.req.param('name');
    if (!FONT_FILES.includes(name)) return notFound(c, name);
    return c.body(readFileSync(join(packageRoot(), 'fonts', name)), 200, { 'Content-Type': 'font/otf' });
  });

  // ------------------------------------------------------------------ 题库
  app.get('/', (c) => {
    const { bank, problems } = loadBank();
    const q = c.req.query();
    return show(c, '题库', 'bank', bankPage(bank, problems, { q: q.q, topic: q.topic, type: q.type, difficulty: q.difficulty, tag: q.tag }));
  });

  const questionFile = (bank: Bank, id: string) => {
    const q = bank.questions.find((x) => x.id === id);
    return q ? resolve(q.loc.file) : undefined;
  };

  app.get('/question/:id', (c) => {
    const id = c.req.param('id');
    const file = questionFile(loadBank().bank, id);
    const found = file && readQuestion(file, id);
    if (!file || !found) return notFound(c, `题库中没有题目 ${id}`);
    return show(c, `编辑 ${id}`, 'bank', editPage({ id, file: displayPath(file), hash: found.hash, values: formValues(found.raw), saved: c.req.query('saved') === '1' }));
  });

  app.post('/question/:id', bodyLimit({ maxSize: 256 * 1024, onError: (c) => show(c, '太大', 'bank', html`<p>表单过大。</p>`, STATUS.tooLarge) }), async (c) => {
    const id = c.req.param('id');
    const file = questionFile(loadBank().bank, id);
    if (!file) return notFound(c, `题库中没有题目 ${id}`);
    const body = await c.req.parseBody();
    const form: Record<string, string> = {};
    for (const k of [...EDITED_FIELDS, 'hash']) if (typeof body[k] === 'string') form[k] = body[k] as string;
    const result = saveQuestion(file, id, form.hash ?? '', fieldsFromForm(form));
    if (result.saved) return c.redirect(`/question/${encodeURIComponent(id)}?saved=1`, 303);
    const view = { id, file: displayPath(file), hash: form.hash ?? '', values: form };
    if (result.conflict) return show(c, `编辑 ${id}`, 'bank', editPage({ ...view, conflict: result.message }), STATUS.staleEdit);
    return show(c, `编辑 ${id}`, 'bank', editPage({ ...view, errors: result.errors }), STATUS.invalid);
  });

  // ------------------------------------------------------------------ 导入
  const importView = (extra: Partial<Parameters<typeof importPage>[0]> = {}) =>
    importPage({ topics: loadBank().bank.topics, maxBytes: maxUpload, accept: UPLOAD_EXTENSIONS.join(','), ...extra });

  app.get('/import', (c) => show(c, '导入', 'import', importView()));

  app.post(
    '/import',
    async (c, next) => {
      // Refused before a byte of the body is read when the browser says how long it is.
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > maxUpload + 64 * 1024) return show(c, '导入', 'import', importView({ error: `文件太大：上限 ${sizeText(maxUpload)}。` }), STATUS.tooLarge);
      await next();
    },
    bodyLimit({ maxSize: maxUpload + 64 * 1024, onError: (c) => show(c, '导入', 'import', importView({ error: `文件太大：上限 ${sizeText(maxUpload)}。` }), STATUS.tooLarge) }),
    async (c) => {
      const body = await c.req.parseBody();
      const upload = body.file;
      if (!(upload instanceof File) || !upload.name) return show(c, '导入', 'import', importView({ error: '请选择一个文件。' }), STATUS.invalid);
      const name = basename(upload.name).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '') || 'upload.txt';
      const ext = extname(name).toLowerCase();
      if (!UPLOAD_EXTENSIONS.includes(ext)) {
        return show(c, '导入', 'import', importView({ error: `不支持的文件类型 ${ext || '（无扩展名）'}：可导入 ${UPLOAD_EXTENSIONS.join(' ')}` }), STATUS.wrongType);
      }
      if (upload.size > maxUpload) return show(c, '导入', 'import', importView({ error: `文件太大：上限 ${sizeText(maxUpload)}。` }), STATUS.tooLarge);
      const dir = mkdtempSync(join(tmpdir(), 'exampress-upload-'));
      const file = join(dir, name);
      writeFileSync(file, new Uint8Array(await upload.arrayBuffer()));
      const io = capture();
      await runBankImport({ file, bank: bankDir, format: 'auto', dryRun: true, json: true }, io);
      let report: ImportReport;
      try {
        report = JSON.parse(io.out.join('\n')) as ImportReport;
      } catch {
        rmSync(dir, { recursive: true, force: true });
        return show(c, '导入', 'import', importView({ error: io.err.join('\n').replaceAll(file, name) || '无法读取该文件。' }), STATUS.invalid);
      }
      const id = basename(dir);
      uploads.set(id, { dir, file, name });
      for (const [old, u] of uploads) {
        if (uploads.size <= 20) break;
        rmSync(u.dir, { recursive: true, force: true });
        uploads.delete(old);
      }
      return show(c, '导入', 'import', importView({ upload: { id, name, report } }));
    },
  );

  app.post('/import/accept', async (c) => {
    const body = await c.req.parseBody();
    const u = uploads.get(String(body.upload ?? ''));
    if (!u) return show(c, '导入', 'import', importView({ error: '找不到这次上传（服务已重启或已导入），请重新上传。' }), STATUS.notFound);
    const topic = String(body.topic ?? '');
    const io = capture();
    const code = await runBankImport({ file: u.file, bank: bankDir, format: 'auto', ...(topic ? { topic } : {}) }, io);
    const lines = [...io.out, ...io.err].map((l) => l.replaceAll(u.file, u.name).replaceAll(displayPath(u.file), u.name));
    if (io.out.some((l) => l.startsWith('wrote '))) {
      rmSync(u.dir, { recursive: true, force: true });
      uploads.delete(String(body.upload));
      return show(c, '导入', 'import', importView({ done: lines }));
    }
    return show(c, '导入', 'import', importView({ error: lines.join('\n') || `导入失败（${code}）` }), STATUS.invalid);
  });

  // ------------------------------------------------------------------ 组卷
  const blueprintFiles = () => (existsSync(blueprintsDir) ? readdirSync(blueprintsDir).filter((n) => /\.ya?ml$/i.test(n)).sort() : []);

  function settingsOf(q: Record<string, string | undefined>, names: string[]): BlueprintSettings {
    const blueprint = q.blueprint && names.includes(q.blueprint) ? q.blueprint : names.includes('standard.yaml') ? 'standard.yaml' : (names[0] ?? '');
    return { blueprint, seed: q.seed ?? '', variants: q.variants ?? '', mode: q.mode === 'parallel' ? 'parallel' : q.mode === 'shuffle' ? 'shuffle' : '', size: PAPER_SIZES.includes(q.size as never) ? q.size! : 'a4', seal: q.seal === '1' };
  }

  async function blueprintView(s: BlueprintSettings, extra: Partial<BlueprintView> = {}): Promise<BlueprintView> {
    const names = blueprintFiles();
    const { bank, problems } = loadBank();
    const file = join(blueprintsDir, s.blueprint);
    const loaded = s.blueprint ? loadBlueprint(file) : { errors: ['bank/blueprints/ 中没有组卷方案'] };
    const view: BlueprintView = { blueprints: names, settings: s, blueprintErrors: [], supply: undefined, check: undefined, files: [], busy: builds.busy !== null, ...extra };
    if ('errors' in loaded) {
      view.blueprintErrors = loaded.errors;
      return view;
    }
    const bp = loaded.blueprint;
    // The form starts from the blueprint's own settings.
    s.seed ||= String(bp.seed ?? 1);
    s.variants ||= String(bp.variants?.count ?? 1);
    s.mode ||= bp.variants?.mode ?? 'shuffle';
    view.supply = supplyTable(bank, bp);
    const errors = problems.filter((p: Problem) => p.severity === 'error');
    if (errors.length) {
      view.check = { ok: false, lines: [`题库有 ${errors.length} 个错误，修正后才能组卷（见题库页）`] };
    } else {
      const seed = Number(s.seed);
      const variants = Number(s.variants);
      if (!Number.isSafeInteger(seed) || seed < 0) view.check = { ok: false, lines: [`exampress assemble: --seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got ${s.seed}`] };
      else if (!Number.isSafeInteger(variants) || variants < 1 || variants > 1000) view.check = { ok: false, lines: [`exampress assemble: --variants must be a whole number from 1 to 1000, got ${s.variants}`] };
      else {
        const result = assemble(bank, bp, { seed, variants, mode: s.mode as 'shuffle' | 'parallel', history: [], toolVersion: packageVersion(), blueprintFile: s.blueprint });
        if ('problems' in result) {
          view.check = { ok: false, lines: result.problems.map((p) => { const at = locate(loaded.src, p.path ?? []); return `${displayPath(file)}:${at.line}:${at.col} error ${p.rule}: ${p.message}`; }) };
        } else {
          const v0 = result.manifest.variants[0]!;
          const n = v0.sections.reduce((k, sec) => k + sec.questions.length, 0);
          view.check = { ok: true, summary: `可以组卷：${result.manifest.variants.length} 份（${s.mode === 'parallel' ? '平行卷' : '同题换序'}），每份 ${n} 题，满分 ${v0.totalPoints} 分，种子 ${seed}` };
        }
      }
    }
    const stem = s.blueprint.replace(/\.ya?ml$/i, '');
    const kind = (n: string) => ['-paper.', '-key.', '-sheet.', '-spec.'].findIndex((k) => n.includes(k));
    // Variant by variant, each in print order: paper, key, sheet, coverage table.
    const names2 = listOutputs(outDir, `${stem}-`).sort((a, b) => a.slice(0, a.lastIndexOf('-')).localeCompare(b.slice(0, b.lastIndexOf('-'))) || kind(a) - kind(b) || a.localeCompare(b));
    view.files = await describeFiles(names2);
    if (names2.some((n) => n.endsWith('.pdf'))) view.zipName = `${stem}.zip`;
    const manifestFile = join(outDir, MANIFEST_FILE);
    if (existsSync(manifestFile) && !errors.length) {
      const parsed = parseManifest(readFileSync(manifestFile, 'utf8'));
      if ('manifest' in parsed && parsed.manifest.blueprint.file === s.blueprint) {
        try {
          const defaults = defaultTemplatesDir();
          const { theme } = loadTheme(defaults, defaults);
          if (theme) view.coverage = specView(resolveVariant(bank, parsed.manifest, 0), bank, parsed.manifest.blueprint.content, theme, { size: 'a4', seal: false, organisation: parsed.manifest.blueprint.content.organisation ?? '' });
        } catch {
          // a manifest the bank no longer fits: no table (the build page says so when rebuilt)
        }
      }
    }
    return view;
  }

  app.get('/blueprints', async (c) => {
    const s = settingsOf(c.req.query(), blueprintFiles());
    const built = c.req.query('built');
    return show(c, '组卷', 'blueprints', blueprintsPage(await blueprintView(s, built ? { built: `已生成，用时 ${built} ms。` } : {})));
  });

  app.post('/blueprints/build', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const s = settingsOf(body, blueprintFiles());
    const file = join(blueprintsDir, s.blueprint);
    const io = capture();
    const started = performance.now();
    const result = await builds.run('paper', () =>
      buildStaged(outDir, async (staging) => {
        const settings = paperSettings(
          {
            bank: bankDir,
            blueprint: file,
            out: staging,
            ...(s.seed ? { seed: Number(s.seed) } : {}),
            ...(s.variants ? { variants: Number(s.variants) } : {}),
            ...(s.mode ? { mode: s.mode } : {}),
            size: s.size,
            seal: s.seal,
          },
          io,
        );
        if (typeof settings === 'number') return { ok: false };
        return { ok: (await runPaper(settings.request, { ...settings.args, jobs: 1 }, io)) === 0 };
      }),
    );
    if (!result) return show(c, '组卷', 'blueprints', blueprintsPage(await blueprintView(s, { failure: ['另一个生成任务正在进行，请稍后再试。'] })), STATUS.busy);
    if (!result.ok) return show(c, '组卷', 'blueprints', blueprintsPage(await blueprintView(s, { failure: io.err.filter((l) => l.trim()) })), STATUS.invalid);
    const q = new URLSearchParams({ blueprint: s.blueprint, seed: s.seed, variants: s.variants, mode: s.mode, size: s.size, ...(s.seal ? { seal: '1' } : {}), built: String(Math.round(performance.now() - started)) });
    return c.redirect(`/blueprints?${q}#outputs`, 303);
  });

  // ------------------------------------------------------------------ 手册
  const handbookFiles = () => describeFiles(listOutputs(outDir, 'handbook'));

  app.get('/handbook', async (c) => {
    const built = c.req.query('built');
    return show(c, '手册', 'handbook', handbookPage({ size: c.req.query('size') ?? 'a6', impose: c.req.query('impose') !== 'none', files: await handbookFiles(), busy: builds.busy !== null, ...(built ? { built: `已生成，用时 ${built} ms。` } : {}) }));
  });

  app.post('/handbook/build', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const size = ['a6', 'a5', 'a7'].includes(body.size ?? '') ? body.size! : 'a6';
    const impose = body.impose === 'saddle';
    const io = capture();
    const started = performance.now();
    const result = await builds.run('handbook', () =>
      buildStaged(outDir, async (staging) => {
        const settings = handbookSettings({ bank: bankDir, out: staging, size, impose: impose ? 'saddle' : 'none' }, io);
        if (typeof settings === 'number') return { ok: false };
        return { ok: (await runHandbook(settings, io)) === 0 };
      }),
    );
    const view = async (extra: object) => handbookPage({ size, impose, files: await handbookFiles(), busy: builds.busy !== null, ...extra });
    if (!result) return show(c, '手册', 'handbook', await view({ failure: ['另一个生成任务正在进行，请稍后再试。'] }), STATUS.busy);
    if (!result.ok) return show(c, '手册', 'handbook', await view({ failure: io.err.filter((l) => l.trim()) }), STATUS.invalid);
    return c.redirect(`/handbook?size=${size}&impose=${impose ? 'saddle' : 'none'}&built=${Math.round(performance.now() - started)}`, 303);
  });

  // ------------------------------------------------------------------ 阅卷
  const maxScan = opts.maxScanBytes ?? MAX_SCAN_BYTES;
  const manifestFile = join(outDir, MANIFEST_FILE);
  /** What the last scan and grade said, and the crops of the last scan (kept in memory). */
  const grading: { review?: ReviewInput; scanLines?: string[]; grade?: string[] } = {};
  /** Paths of the staging folder and the scans folder read as the names a trainer knows. */
  const plain = (lines: string[], replace: [string, string][] = []) => lines.filter((l) => l.trim()).map((l) => replace.reduce((t, [a, b]) => t.replaceAll(a, b), l));

  function gradingView(extra: Partial<GradingView> = {}): GradingView {
    const io = capture();
    const base = { maxBytes: maxScan, accept: SCAN_EXTENSIONS.join(','), hasResponses: false, unreadable: [], sheetProblems: [], cells: [], candidates: [], busy: builds.busy !== null };
    const manifest = existsSync(manifestFile) ? readManifestFile(manifestFile, io, 'scan') : null;
    if (!manifest) return { ...base, paper: { missing: io.err.join(' ') || `exampress scan: ${displayPath(manifestFile)} not found; it is written by exampress assemble or paper` }, ...extra };
    const geometries = readGeometries(manifestFile, manifest, io) ?? [];
    const view: GradingView = { ...base, paper: { title: manifest.blueprint.content.title, file: displayPath(manifestFile) }, ...(grading.scanLines ? { scanLines: grading.scanLines } : {}) };
    if (io.err.length) view.failure = io.err;
    const review = grading.review;
    if (review) {
      view.unreadable = [...review.unreadable];
      // A candidate number to decide is listed from responses.csv below (its truth), not twice.
      view.sheetProblems = review.sheets.flatMap((s) => s.problems.filter((p) => !/^(candidate number read as|no candidate number)/.test(p)).map((p) => `${s.sources.join(' ')}：${p}`));
    }
    const read = readResponses(outDir);
    if (read && 'problem' in read) view.responsesProblem = read.problem;
    if (read && 'rows' in read) {
      view.hasResponses = true;
      view.candidates = openCandidates(read.rows).map((c) => {
        const sheet = review?.sheets.find((s) => s.sources.join(' ') === c.source);
        const crops = (sheet?.doubts ?? []).filter((d) => typeof d.number === 'string').flatMap((d) => review?.crops.get(cropKey(d.source, d.number)) ?? []);
        return { ...c, crops };
      });
      view.cells = openCells(read.rows).map((cell): GradingCell => {
        const q = geometries.find((g) => g.paper.variant === cell.variant)?.questions.find((x) => x.number === cell.question);
        const sheet = review?.sheets.find((s) => s.sources.join(' ') === cell.source);
        const doubt = sheet?.doubts.find((d) => d.number === cell.question);
        const crop = doubt && review?.crops.get(cropKey(doubt.source, doubt.number));
        return { ...cell, letters: q?.bubbles.map((b) => b.letter) ?? [], multiple: q?.type === 'multiple', ...(doubt ? { doubt } : {}), ...(crop ? { crop } : {}) };
      });
    }
    const results = ['scores.csv', 'items.csv', 'results.pdf'];
    if (grading.grade && results.every((n) => existsSync(join(outDir, n)))) {
      view.grade = { lines: grading.grade, files: [{ name: 'scores.csv', label: '每位考生的分数' }, { name: 'items.csv', label: '题目分析' }, { name: 'results.pdf', label: '成绩报告' }] };
    }
    return { ...view, ...extra };
  }

  app.get('/grading', (c) => {
    const decided = c.req.query('decided');
    return show(c, '阅卷', 'grading', gradingPage(gradingView(decided ? { decided: `已记录第 ${decided} 题的决定。` } : {})));
  });

  const tooManyScans = (c: Context) => show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: [`扫描件太大：一次上传合计上限 ${sizeText(maxScan)}。请分批上传 PDF，或降低扫描分辨率。`] })), STATUS.tooLarge);
  app.post(
    '/grading/scan',
    async (c, next) => {
      if (Number(c.req.header('content-length') ?? 0) > maxScan + 64 * 1024) return tooManyScans(c);
      await next();
    },
    bodyLimit({ maxSize: maxScan + 64 * 1024, onError: tooManyScans }),
    async (c) => {
      const body = await c.req.parseBody({ all: true });
      const given = ([] as unknown[]).concat(body.scans ?? []).filter((f): f is File => f instanceof File && f.name !== '');
      const fail = (lines: string[], status: 409 | 413 | 415 | 422) => show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: lines })), status);
      if (!given.length) return fail(['请选择答题卡的扫描件（PNG、JPEG 或 PDF）。'], STATUS.invalid);
      const names = given.map((f, i) => `${String(i + 1).padStart(3, '0')}-${basename(f.name).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '')}`);
      const wrong = names.filter((n) => !SCAN_EXTENSIONS.includes(extname(n).toLowerCase()));
      if (wrong.length) return fail([`不支持的文件类型：${wrong.map((n) => n.slice(4)).join('、')}；可上传 ${SCAN_EXTENSIONS.join(' ')}`], STATUS.wrongType);
      if (given.reduce((n, f) => n + f.size, 0) > maxScan) return tooManyScans(c);
      const replace = body.replace === '1' || (Array.isArray(body.replace) && body.replace.includes('1'));
      const io = capture();
      const scansDir = join(outDir, 'scans');
      const result = await builds.run('scan', async () => {
        if (existsSync(join(outDir, 'responses.csv')) && !replace) {
          io.stderr('responses.csv 已存在，其中可能有您的人工决定：勾选「替换已有的 responses.csv」后再上传。');
          return { ok: false };
        }
        rmSync(scansDir, { recursive: true, force: true });
        mkdirSync(scansDir, { recursive: true });
        for (let i = 0; i < given.length; i++) writeFileSync(join(scansDir, names[i]!), new Uint8Array(await given[i]!.arrayBuffer()));
        let review: ReviewInput | undefined;
        await runScan({ inputs: names.map((n) => join(scansDir, n)), manifest: manifestFile, out: outDir, dpi: 200, force: true, review: (r) => (review = r) }, io);
        return { ok: review !== undefined, review };
      });
      if (!result) return fail(['另一个任务正在进行，请稍后再试。'], STATUS.busy);
      const lines = plain([...io.out, ...io.err]);
      if (!result.ok) return fail(lines, STATUS.invalid);
      grading.review = result.review;
      grading.scanLines = lines;
      delete grading.grade;
      return c.redirect('/grading#doubts', 303);
    },
  );

  app.post('/grading/decide', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const line = Number(body.line);
    const question = Number(body.question);
    const source = String(body.source ?? '');
    const value = [...new Set(String(body.value ?? '').toUpperCase().replace(/\s+/g, ''))];
    const io = capture();
    const manifest = readManifestFile(manifestFile, io, 'grade');
    const geometries = manifest ? (readGeometries(manifestFile, manifest, io) ?? []) : [];
    const read = readResponses(outDir);
    const variant = read && 'rows' in read ? read.rows[line - 1]?.[2] : undefined;
    const letters = geometries.find((g) => g.paper.variant === variant)?.questions.find((q) => q.number === question)?.bubbles.map((b) => b.letter) ?? [];
    if (!Number.isInteger(line) || !Number.isInteger(question) || value.some((l) => !letters.includes(l))) {
      return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: [`第 ${body.question ?? '?'} 题只能填 ${letters.join('、') || '答题卡上的字母'} 或空白；收到「${body.value ?? ''}」。`] })), STATUS.invalid);
    }
    const decided = decideCell(outDir, { line, question, source }, letters.filter((l) => value.includes(l)).join(''));
    if (!decided.saved) return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: [decided.message] })), decided.conflict ? STATUS.staleEdit : STATUS.invalid);
    delete grading.grade;
    return c.redirect(`/grading?decided=${question}#doubts`, 303);
  });

  app.post('/grading/candidate', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const line = Number(body.line);
    const value = String(body.value ?? '').trim();
    if (!Number.isInteger(line) || !/^\d{1,20}$/.test(value)) {
      return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: [`考号只能由数字组成；收到「${value}」。`] })), STATUS.invalid);
    }
    const decided = decideCandidate(outDir, { line, source: String(body.source ?? '') }, value);
    if (!decided.saved) return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: [decided.message] })), decided.conflict ? STATUS.staleEdit : STATUS.invalid);
    delete grading.grade;
    return c.redirect('/grading#candidates', 303);
  });

  app.post('/grading/grade', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const pass = Number(body.pass ?? 0.6);
    if (!(pass > 0 && pass <= 1)) return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: [`exampress grade: --pass takes a share of the full marks, 0-1 (e.g. 0.6); got ${body.pass}`] })), STATUS.invalid);
    const io = capture();
    let staged = '';
    const result = await builds.run('grade', () =>
      buildStaged(outDir, async (staging) => {
        staged = staging;
        return { ok: (await runGrade({ responses: join(outDir, 'responses.csv'), manifest: manifestFile, out: staging, pass }, io)) === 0 };
      }),
    );
    if (!result) return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: ['另一个任务正在进行，请稍后再试。'] })), STATUS.busy);
    const lines = plain([...io.out, ...io.err], [[displayPath(staged), displayPath(outDir)], [staged, outDir]]);
    if (!result.ok) return show(c, '阅卷', 'grading', gradingPage(gradingView({ failure: lines })), STATUS.invalid);
    grading.grade = lines;
    return c.redirect('/grading#results', 303);
  });

  // ------------------------------------------------------------------ files
  /** The raw (still encoded) rest of the path after `prefix`, as the browser sent it. */
  const rest = (c: Context, prefix: string) => {
    const path = new URL(c.req.url).pathname;
    return path.startsWith(prefix) ? path.slice(prefix.length) : '';
  };
  const refuseName = (c: Context, why: 'bad-name' | 'missing') =>
    why === 'missing' ? notFound(c, '没有这个文件。') : show(c, '拒绝', 'none', html`<h1>拒绝</h1><p>只能下载工作台输出文件夹中的文件。</p>`, STATUS.badName);

  app.get('/files/*', (c) => {
    const found = outputFile(outDir, rest(c, '/files/'));
    if ('refused' in found) return refuseName(c, found.refused);
    const name = basename(found.file);
    return c.body(readFileSync(found.file), 200, { 'Content-Type': SERVED_TYPES[extname(name).toLowerCase()]!, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
  });

  app.get('/preview/*', async (c) => {
    const found = outputFile(outDir, rest(c, '/preview/'));
    if ('refused' in found) return refuseName(c, found.refused);
    if (!found.file.endsWith('.pdf')) return refuseName(c, 'bad-name');
    const n = Number(c.req.query('page') ?? 1);
    const dpi = Math.min(150, Math.max(30, Number(c.req.query('dpi') ?? 50) || 50));
    try {
      const { png } = await renderPage(found.file, Number.isInteger(n) ? n : 1, dpi);
      return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png' });
    } catch {
      return notFound(c, '没有这一页。');
    }
  });

  app.get('/view/*', async (c) => {
    const found = outputFile(outDir, rest(c, '/view/'));
    if ('refused' in found) return refuseName(c, found.refused);
    const name = basename(found.file);
    const pages = await pageCount(found.file).catch(() => 0);
    const n = Math.min(Math.max(1, Math.trunc(Number(c.req.query('page') ?? 1)) || 1), Math.max(1, pages));
    const back = name.startsWith('handbook') ? '/handbook' : '/blueprints';
    return show(c, name, back === '/handbook' ? 'handbook' : 'blueprints', pageView(name, n, pages, back));
  });

  app.get('/zip/:name', (c) => {
    const stem = c.req.param('name').replace(/\.zip$/, '');
    if (!/^[\p{L}\p{N}_-]+$/u.test(stem)) return refuseName(c, 'bad-name');
    const names = listOutputs(outDir, `${stem}-`).filter((n) => n.endsWith('.pdf'));
    if (!names.length) return notFound(c, '还没有生成的文件。');
    // Stored, not deflated: PDFs are compressed already, and a fixed date keeps the zip reproducible.
    const zip = zipSync(Object.fromEntries(names.map((n) => [n, [new Uint8Array(readFileSync(join(outDir, n))), { level: 0, mtime: new Date('2000-01-01T00:00:00Z') }]])));
    return c.body(zip, 200, { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${stem}.zip`)}` });
  });

  app.notFound((c) => notFound(c, c.req.path));

  return {
    app,
    /** Remove the uploads not yet accepted. */
    close() {
      for (const u of uploads.values()) rmSync(u.dir, { recursive: true, force: true });
      uploads.clear();
    },
  };
}
