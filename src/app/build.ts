// Everything a trainer prints for a sitting (what `npm start` runs): the papers, keys, answer
// sheets and coverage tables of every variant, then the handbook, from the bank's config (or
// the standard blueprint).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bank } from '../bank/schema.js';
import { openBank } from './bank.js';
import type { CacheSettings } from './cache.js';
import { printHandbook, type PrintedHandbook } from './handbook.js';
import { catchOutputAsync, checkOutputFolder } from './files.js';
import { keepPrinted, preparePapers, requestProblems, type PrintedPapers } from './papers.js';
import { failed, succeeded, type Result } from './problem.js';
import { withStaging } from './staging.js';
import { handbookRequest, openWorkspace, paperRequest, type PaperSettings } from './workspace.js';

export interface BuildRequest extends PaperSettings {
  bankDir: string;
  out?: string;
  templates?: string;
  cache?: CacheSettings;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface Built {
  bank: Bank;
  papers: PrintedPapers;
  handbook: PrintedHandbook;
  ms: number;
}

export async function buildAll(req: BuildRequest): Promise<Result<Built>> {
  const started = performance.now();
  const { bankDir, out, templates, cache, onProgress, signal, ...settings } = req;
  const opened = openBank(bankDir, cache ? { cache } : {});
  if (!opened.ok) return opened;
  const ws = openWorkspace(bankDir, { ...(out !== undefined ? { out } : {}), ...(templates !== undefined ? { templates } : {}) });
  if (!ws.ok) return ws;
  const standard = join(bankDir, 'blueprints', 'standard.yaml');
  const asked = paperRequest(ws.workspace, settings, existsSync(standard) ? standard : undefined);
  if (!asked.ok) return asked;
  const bank = opened.bank;
  const request = { ...asked.request, bank, ...(cache ? { cache } : {}), ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) };
  const wrong = requestProblems(request);
  if (wrong.length) return failed('input', wrong);
  // Papers and handbook are printed into one staging folder and kept together, or not at all.
  return catchOutputAsync(async () => {
    checkOutputFolder(request.out);
    return withStaging(request.out, async (staging) => {
      const prepared = await preparePapers(request, staging);
      if (!prepared.ok) return prepared;
      const handbook = await printHandbook({ ...handbookRequest(ws.workspace, {}, 'saddle'), out: staging, bank, ...(cache ? { cache } : {}) });
      if (!handbook.ok) return handbook;
      const papers = keepPrinted(request.out, staging, prepared, handbook.files.map((f) => f.name));
      const ms = Math.round(performance.now() - started);
      return succeeded({ bank, papers: { ...papers, ms }, handbook, ms }, [...opened.problems, ...prepared.problems, ...handbook.problems]);
    });
  });
}
