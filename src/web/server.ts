// Starting the workspace: listen on 127.0.0.1 (or --host), a free port unless one is given,
// with a new token for this run.
import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { CacheSettings } from '../app/cache.js';
import { createWorkspace } from './app.js';
import { machineAddresses, newToken } from './security.js';

export interface ServeOptions {
  bankDir: string;
  outDir: string;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  token?: string;
  cache?: CacheSettings;
  maxUploadBytes?: number;
  /** Cap on one upload of scans for 阅卷. */
  maxScanBytes?: number;
}

export interface RunningWorkspace {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** A free port on `host`, asked of the system. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startWorkspace(opts: ServeOptions): Promise<RunningWorkspace> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const port = opts.port || (await freePort(host));
  const ws = createWorkspace({ bankDir: opts.bankDir, outDir: opts.outDir, host, token, port: () => port, ...(opts.cache ? { cache: opts.cache } : {}), ...(opts.maxUploadBytes ? { maxUploadBytes: opts.maxUploadBytes } : {}), ...(opts.maxScanBytes ? { maxScanBytes: opts.maxScanBytes } : {}) });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: ws.app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  // Listening everywhere: print an address of this machine another one can use.
  const wildcard = host === '0.0.0.0' || host === '::';
  const address = wildcard ? (machineAddresses().find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a) && !a.startsWith('127.')) ?? '127.0.0.1') : host;
  const shown = address.includes(':') ? `[${address}]` : address;
  const origin = `http://${shown}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        ws.close();
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
