// Who may talk to the workspace: a browser on this machine that was given the session token.
// - Host must be the address we listen on (127.0.0.1:PORT or localhost:PORT): a page on another
//   site that re-points its own name at 127.0.0.1 (DNS rebinding) sends its own name as Host.
// - The token (random per run, printed once in the terminal) comes as ?token= on the first
//   visit and is then kept in an HttpOnly, SameSite=Strict cookie; another user of the machine,
//   or another site in the same browser, does not have it.
// - A form or upload (POST) must also come from our own origin when the browser says where from.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html, page } from './html.js';

/** The status codes the workspace answers with when it refuses (README: the web workspace). */
export const REFUSED = {
  /** No token, or a wrong one. */
  noToken: 401,
  /** Host (or Origin of a form) is not this server: DNS rebinding or a cross-site form. */
  wrongHost: 403,
} as const;

export const newToken = (): string => randomBytes(24).toString('base64url');

export const cookieName = (port: number) => `exampress_${port}`;

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host values we answer to. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const add = (h: string) => names.add(h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) add(host);
  // Listening everywhere: the machine's own addresses, never a name another site could point here.
  if (host === '0.0.0.0' || host === '::') for (const a of machineAddresses()) add(a);
  return names;
}

/** This machine's IP addresses (for --host 0.0.0.0). */
export function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => Boolean(i))
    .map((i) => i.address);
}

function refuse(c: Context, status: 401 | 403, message: string) {
  return c.html(page({ title: '拒绝访问', nav: 'none', body: html`<section class="refused"><h1>拒绝访问</h1><p>${message}</p></section>` }), status);
}

export function guard(opts: { token: string; host: string; port: () => number }): MiddlewareHandler {
  return async (c, next) => {
    const port = opts.port();
    const hosts = allowedHosts(opts.host, port);
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!hosts.has(host)) return refuse(c, REFUSED.wrongHost, '请求的主机名不是本工作台的地址（Host 不符）。请用终端中打印的链接打开。');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && !hosts.has(origin.replace(/^https?:\/\//, '').toLowerCase())) {
        return refuse(c, REFUSED.wrongHost, '表单来自其他网站，已拒绝。');
      }
    }
    const name = cookieName(port);
    if (sameToken(getCookie(c, name), opts.token)) {
      await next();
      return;
    }
    const given = c.req.query('token');
    if (c.req.method === 'GET' && sameToken(given, opts.token)) {
      setCookie(c, name, opts.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    return refuse(c, REFUSED.noToken, '缺少或错误的访问令牌。请用启动 exampress serve 时终端中打印的完整链接（含 ?token=…）打开。');
  };
}

/** Headers on every answer: no framing, no referrer (the first URL holds the token), scripts only from here. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', 'no-store');
};
