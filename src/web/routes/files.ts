// Downloads, page previews (PNG), a page viewer and zips, only of plain file names in the
// workspace's output folder (src/web/outputs.ts says what a plain name is).
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { zipSync } from 'fflate';
import { Hono, type Context } from 'hono';
import { listPrintedPapers } from '../../app/records.js';
import { html } from '../html.js';
import { listOutputs, outputFile, SERVED_TYPES } from '../outputs.js';
import { pageView } from '../pages/outputs.js';
import { pageCount, renderPage } from '../preview.js';
import { notFound, show, STATUS } from '../respond.js';
import type { WorkspaceState } from '../state.js';

/** The raw (still encoded) rest of the path after `prefix`, as the browser sent it. */
const rest = (c: Context, prefix: string) => {
  const path = new URL(c.req.url).pathname;
  return path.startsWith(prefix) ? path.slice(prefix.length) : '';
};

const refuseName = (c: Context, why: 'bad-name' | 'missing') =>
  why === 'missing' ? notFound(c, '没有这个文件。') : show(c, '拒绝', 'none', html`<h1>拒绝</h1><p>只能下载工作台输出文件夹中的文件。</p>`, STATUS.badName);

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function fileRoutes(ws: WorkspaceState): Hono {
  const app = new Hono();

  app.get('/files/*', (c) => {
    const found = outputFile(ws.outDir, rest(c, '/files/'));
    if ('refused' in found) return refuseName(c, found.refused);
    const name = basename(found.file);
    return c.body(readFileSync(found.file), 200, { 'Content-Type': SERVED_TYPES[extname(name).toLowerCase()]!, 'Content-Disposition': attachment(name) });
  });

  // A file of a printed paper's record (its session's results): /paper/<record>/<name>.
  app.get('/paper/:key/:name', (c) => {
    const key = c.req.param('key');
    const record = listPrintedPapers(ws.outDir).find((p) => basename(p.dir) === key);
    if (!record) return refuseName(c, 'missing');
    const found = outputFile(record.dir, encodeURIComponent(c.req.param('name')));
    if ('refused' in found) return refuseName(c, found.refused);
    const name = basename(found.file);
    return c.body(readFileSync(found.file), 200, { 'Content-Type': SERVED_TYPES[extname(name).toLowerCase()]!, 'Content-Disposition': attachment(name) });
  });

  app.get('/preview/*', async (c) => {
    const found = outputFile(ws.outDir, rest(c, '/preview/'));
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
    const found = outputFile(ws.outDir, rest(c, '/view/'));
    if ('refused' in found) return refuseName(c, found.refused);
    const name = basename(found.file);
    const pages = await pageCount(found.file).catch(() => 0);
    const n = Math.min(Math.max(1, Math.trunc(Number(c.req.query('page') ?? 1)) || 1), Math.max(1, pages));
    const handbook = name.startsWith('handbook');
    return show(c, name, handbook ? 'handbook' : 'blueprints', pageView(name, n, pages, handbook ? '/handbook' : '/blueprints'));
  });

  app.get('/zip/:name', (c) => {
    const stem = c.req.param('name').replace(/\.zip$/, '');
    if (!/^[\p{L}\p{N}_-]+$/u.test(stem)) return refuseName(c, 'bad-name');
    const names = listOutputs(ws.outDir, `${stem}-`).filter((n) => n.endsWith('.pdf'));
    if (!names.length) return notFound(c, '还没有生成的文件。');
    // Stored, not deflated: PDFs are compressed already, and a fixed date keeps the zip reproducible.
    const zip = zipSync(Object.fromEntries(names.map((n) => [n, [new Uint8Array(readFileSync(join(ws.outDir, n))), { level: 0, mtime: new Date('2000-01-01T00:00:00Z') }]])));
    return c.body(zip, 200, { 'Content-Type': 'application/zip', 'Content-Disposition': attachment(`${stem}.zip`) });
  });

  return app;
}
