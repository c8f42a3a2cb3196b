// 手册: build the handbook (A6/A5/A7, with or without the saddle-stitch imposition) into a
// staging folder, preview it, download it.
import { Hono } from 'hono';
import { printHandbook } from '../../app/handbook.js';
import { HANDBOOK_SIZES, type HandbookSize } from '../../app/names.js';
import { inStaging } from '../../app/staging.js';
import { handbookRequest, openWorkspace } from '../../app/workspace.js';
import { zh } from '../messages.js';
import { listOutputs } from '../outputs.js';
import { handbookPage } from '../pages/handbook.js';
import { show, STATUS } from '../respond.js';
import type { WorkspaceState } from '../state.js';

export function handbookRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();
  const files = () => ws.describeFiles(listOutputs(ws.outDir, 'handbook'));

  app.get('/handbook', async (c) => {
    const built = c.req.query('built');
    return show(c, '手册', 'handbook', handbookPage({ size: c.req.query('size') ?? 'a6', impose: c.req.query('impose') !== 'none', files: await files(), busy: ws.busy, ...(built ? { built: `已生成，用时 ${built} ms。` } : {}) }));
  });

  app.post('/handbook/build', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const size: HandbookSize = HANDBOOK_SIZES.includes(body.size as HandbookSize) ? (body.size as HandbookSize) : 'a6';
    const impose = body.impose === 'saddle';
    const started = performance.now();
    const result = await ws.builds.run('handbook', () =>
      inStaging(ws.outDir, async (staging) => {
        const opened = openWorkspace(ws.bankDir, { out: staging });
        if (!opened.ok) return opened;
        return printHandbook({ ...handbookRequest(opened.workspace, { size, impose: impose ? 'saddle' : 'none' }), cache: ws.cache });
      }),
    );
    const view = async (extra: object) => handbookPage({ size, impose, files: await files(), busy: ws.busy, ...extra });
    if (!result) return show(c, '手册', 'handbook', await view({ failure: ['另一个生成任务正在进行，请稍后再试。'] }), STATUS.busy);
    if (!result.ok) return show(c, '手册', 'handbook', await view({ failure: result.problems.map(zh) }), STATUS.invalid);
    return c.redirect(`/handbook?size=${size}&impose=${impose ? 'saddle' : 'none'}&built=${Math.round(performance.now() - started)}`, 303);
  });

  return app;
}
