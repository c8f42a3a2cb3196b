// The workspace's web page: one router per area over the use cases of src/app, sharing the
// state of src/web/state.ts. Pages are plain server-rendered HTML; every request passes the
// security guard first.
import { Hono } from 'hono';
import { guard, securityHeaders } from './security.js';
import { notFound } from './respond.js';
import { assetRoutes } from './routes/assets.js';
import { bankRoutes } from './routes/bank.js';
import { blueprintRoutes } from './routes/blueprints.js';
import { fileRoutes } from './routes/files.js';
import { gradingRoutes } from './routes/grading.js';
import { handbookRoutes } from './routes/handbook.js';
import { importRoutes } from './routes/import.js';
import { WorkspaceState, type WorkspaceOptions } from './state.js';

export type { WorkspaceOptions } from './state.js';

export function createWorkspace(opts: WorkspaceOptions) {
  const ws = new WorkspaceState(opts);
  const app = new Hono();
  app.use('*', securityHeaders);
  app.use('*', guard({ token: opts.token, host: opts.host, port: opts.port }));
  for (const routes of [assetRoutes(), bankRoutes(ws), importRoutes(ws), blueprintRoutes(ws), handbookRoutes(ws), gradingRoutes(ws), fileRoutes(ws)]) app.route('/', routes);
  app.notFound((c) => notFound(c, c.req.path));
  return { app, close: () => ws.close() };
}
