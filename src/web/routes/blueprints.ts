// 组卷: pick a blueprint and its settings, see supply against demand and the assembler's
// verdict before building, build (into a staging folder: a failed build leaves what was there),
// then the documents with their page-1 previews and the coverage table.
import { join } from 'node:path';
import { Hono } from 'hono';
import { blueprintFiles, checkBlueprint, printedCoverage } from '../../app/blueprints.js';
import { PAPER_SIZES, type PaperSize } from '../../app/names.js';
import { printPapers } from '../../app/papers.js';
import { openWorkspace, paperRequest } from '../../app/workspace.js';
import { zh } from '../messages.js';
import { blueprintsPage, type BlueprintSettings, type BlueprintView } from '../pages/blueprints.js';
import { show, STATUS } from '../respond.js';
import type { WorkspaceState } from '../state.js';
import { listOutputs } from '../outputs.js';

const KINDS = ['-paper.', '-key.', '-sheet.', '-spec.'];

/** The form's settings from a query or a posted form; the blueprint defaults to standard.yaml. */
function settingsOf(q: Record<string, string | undefined>, names: string[]): BlueprintSettings {
  const blueprint = q.blueprint && names.includes(q.blueprint) ? q.blueprint : names.includes('standard.yaml') ? 'standard.yaml' : (names[0] ?? '');
  return { blueprint, seed: q.seed ?? '', variants: q.variants ?? '', mode: q.mode === 'parallel' ? 'parallel' : q.mode === 'shuffle' ? 'shuffle' : '', size: PAPER_SIZES.includes(q.size as PaperSize) ? q.size! : 'a4', seal: q.seal === '1' };
}

const given = (s: string) => (s === '' ? undefined : Number(s));

export function blueprintRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();

  async function view(s: BlueprintSettings, extra: Partial<BlueprintView> = {}): Promise<BlueprintView> {
    const names = blueprintFiles(ws.bankDir);
    const { bank, problems } = ws.bank();
    const base: BlueprintView = { blueprints: names, settings: s, blueprintErrors: [], supply: undefined, check: undefined, files: [], busy: ws.busy, ...extra };
    if (!s.blueprint) return { ...base, blueprintErrors: ['bank/blueprints/ 中没有组卷方案'] };
    const seed = given(s.seed);
    const variants = given(s.variants);
    const check = checkBlueprint(bank, problems, join(ws.bankDir, 'blueprints', s.blueprint), { ...(seed !== undefined ? { seed } : {}), ...(variants !== undefined ? { variants } : {}), ...(s.mode ? { mode: s.mode as 'shuffle' | 'parallel' } : {}) });
    if (!check.defaults) return { ...base, blueprintErrors: check.blueprintProblems.map(zh) };
    // The form starts from the blueprint's own settings.
    s.seed ||= String(check.defaults.seed);
    s.variants ||= String(check.defaults.variants);
    s.mode ||= check.defaults.mode;
    const v = check.verdict!;
    const verdict: BlueprintView['check'] = v.ok
      ? { ok: true, summary: `可以组卷：${v.variants} 份（${v.mode === 'parallel' ? '平行卷' : '同题换序'}），每份 ${v.questions} 题，满分 ${v.points} 分，种子 ${v.seed}` }
      : { ok: false, lines: v.problems.map(zh) };
    const stem = s.blueprint.replace(/\.ya?ml$/i, '');
    const kind = (n: string) => KINDS.findIndex((k) => n.includes(k));
    // Variant by variant, each in print order: paper, key, sheet, coverage table.
    const names2 = listOutputs(ws.outDir, `${stem}-`).sort((a, b) => a.slice(0, a.lastIndexOf('-')).localeCompare(b.slice(0, b.lastIndexOf('-'))) || kind(a) - kind(b) || a.localeCompare(b));
    const coverage = problems.some((p) => p.severity === 'error') ? undefined : printedCoverage(bank, ws.outDir, s.blueprint);
    return {
      ...base,
      supply: check.supply,
      check: verdict,
      files: await ws.describeFiles(names2),
      ...(names2.some((n) => n.endsWith('.pdf')) ? { zipName: `${stem}.zip` } : {}),
      ...(coverage ? { coverage } : {}),
    };
  }

  app.get('/blueprints', async (c) => {
    const s = settingsOf(c.req.query(), blueprintFiles(ws.bankDir));
    const built = c.req.query('built');
    return show(c, '组卷', 'blueprints', blueprintsPage(await view(s, built ? { built: `已生成，用时 ${built} ms。` } : {})));
  });

  app.post('/blueprints/build', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const s = settingsOf(body, blueprintFiles(ws.bankDir));
    const started = performance.now();
    // printPapers stages the whole set itself: a failed build leaves what was there.
    const result = await ws.builds.run('paper', async () => {
      const opened = openWorkspace(ws.bankDir, { out: ws.outDir });
      if (!opened.ok) return opened;
      const seed = given(s.seed);
      const variants = given(s.variants);
      const asked = paperRequest(opened.workspace, { blueprint: join(ws.bankDir, 'blueprints', s.blueprint), ...(seed !== undefined ? { seed } : {}), ...(variants !== undefined ? { variants } : {}), ...(s.mode ? { mode: s.mode as 'shuffle' | 'parallel' } : {}), size: s.size as PaperSize, seal: s.seal });
      if (!asked.ok) return asked;
      return printPapers({ ...asked.request, jobs: 1, cache: ws.cache });
    });
    if (!result) return show(c, '组卷', 'blueprints', blueprintsPage(await view(s, { failure: ['另一个生成任务正在进行，请稍后再试。'] })), STATUS.busy);
    if (!result.ok) return show(c, '组卷', 'blueprints', blueprintsPage(await view(s, { failure: result.problems.map(zh) })), STATUS.invalid);
    const q = new URLSearchParams({ blueprint: s.blueprint, seed: s.seed, variants: s.variants, mode: s.mode, size: s.size, ...(s.seal ? { seal: '1' } : {}), built: String(Math.round(performance.now() - started)) });
    return c.redirect(`/blueprints?${q}#outputs`, 303);
  });

  return app;
}
