// Everything a trainer prints for a sitting (what `npm start` runs): the papers, keys, answer
// sheets and coverage tables of every variant, then the handbook, from the bank's config (or
// the standard blueprint).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bank } from '../bank/schema.js';
import { openBank } from './bank.js';
import type { CacheSettings } from './cache.js';
import { printHandbook, type PrintedHandbook } from './handbook.js';
import { printPapers, type PrintedPapers } from './papers.js';
import { succeeded, type Result } from './problem.js';
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
  const papers = await printPapers({ ...asked.request, bank: opened.bank, ...(cache ? { cache } : {}), ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  if (!papers.ok) return papers;
  const handbook = await printHandbook({ ...handbookRequest(ws.workspace, {}, 'saddle'), bank: opened.bank, ...(cache ? { cache } : {}) });
  if (!handbook.ok) return handbook;
  return succeeded({ bank: opened.bank, papers, handbook, ms: Math.round(performance.now() - started) }, [...opened.problems, ...papers.problems, ...handbook.problems]);
}
