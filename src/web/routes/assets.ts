// The page's own styles, script and the bundled fonts (served for @font-face: no CDN).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { packageRoot } from '../../paths.js';
import { APP_CSS, APP_JS, FONT_FILES } from '../assets.js';
import { notFound } from '../respond.js';

export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/app.js', (c) => c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/fonts/:name', (c) => {
    const name = c.req.param('name');
    if (!FONT_FILES.includes(name)) return notFound(c, name);
    return c.body(readFileSync(join(packageRoot(), 'fonts', name)), 200, { 'Content-Type': 'font/otf' });
  });
  return app;
}
