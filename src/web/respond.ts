// Answers every route gives the same way: a page with a status, and the statuses the page uses.
import type { Context } from 'hono';
import { html, page, type Html, type PageOptions } from './html.js';

/** Refusals and failures beyond the guard's 401/403 (README: the web workspace). */
export const STATUS = { badName: 400, notFound: 404, busy: 409, staleEdit: 409, tooLarge: 413, wrongType: 415, invalid: 422 } as const;

type Status = 200 | 400 | 404 | 409 | 413 | 415 | 422 | 500;

export function show(c: Context, title: string, nav: PageOptions['nav'], body: Html, status: Status = 200) {
  return c.html(page({ title, nav, body }), status);
}

export function notFound(c: Context, what: string) {
  return show(c, '未找到', 'none', html`<h1>未找到</h1><p>${what}</p>`, STATUS.notFound);
}

/** A request body over `max` bytes is refused from its Content-Length, before a byte is read. */
export function tooLong(c: Context, max: number): boolean {
  return Number(c.req.header('content-length') ?? 0) > max + 64 * 1024;
}
