// One print job: the documents of some variants of a manifest, rendered and written. Runs in
// the caller's own thread for a few variants, or in worker threads (worker.ts) for a roster:
// everything a worker needs is loaded once per worker and kept for its next task.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckedBank } from '../../bank/cache.js';
import { parseManifest, type Manifest } from '../../assemble/manifest.js';
import type { Bank } from '../../bank/schema.js';
import { loadTemplates, loadTheme, renderVariantDocuments, type DocumentKind, type PaperSize, type RenderExamOptions, type Theme } from '../../documents/index.js';
import { loadFonts } from '../../typeset/fonts/index.js';
import type { PdfBackendChoice } from '../../typeset/pdf/index.js';
import { themeFontConfig } from '../../documents/theme.js';
import type { CacheSettings } from '../cache.js';
import { writeFileAtomic } from '../files.js';

export interface PaperJob {
  manifestFile: string;
  bankDir: string;
  templatesDir: string;
  defaultTemplatesDir: string;
  themeOverrides?: Record<string, unknown>;
  size: PaperSize;
  seal: boolean;
  only: DocumentKind[];
  out: string;
  cache: CacheSettings;
  handbookPages?: [string, number][];
  pdfBackend?: PdfBackendChoice;
}

/** A file a use case wrote: its name inside the output folder, the variant it belongs to, its pages and size. */
export interface WrittenFile {
  name: string;
  variant: string;
  pages: number;
  bytes: number;
}

let prepared: { key: string; opts: RenderExamOptions } | undefined;

/** What the caller's thread has loaded already: a job run there need not read it again. */
export interface KnownInputs {
  manifest: Manifest;
  bank: Bank;
  theme: Theme;
}

/** Load (once per thread) what rendering needs; throws the located problems as one Error. */
export function prepareJob(job: PaperJob, known?: KnownInputs): RenderExamOptions {
  const key = JSON.stringify({ ...job, handbookPages: job.handbookPages?.length });
  if (prepared?.key === key) return prepared.opts;
  const { manifest, bank, theme } = known ?? loadInputs(job);
  const opts: RenderExamOptions = {
    manifest,
    bank,
    templates: loadTemplates(job.templatesDir, job.cache),
    theme,
    size: job.size,
    seal: job.seal,
    only: job.only,
    fonts: loadFonts(themeFontConfig(theme)),
    ...(job.handbookPages ? { handbookPages: new Map(job.handbookPages) } : {}),
    ...(job.pdfBackend ? { pdfBackend: job.pdfBackend } : {}),
  };
  prepared = { key, opts };
  return opts;
}

/** The manifest, the checked bank and the theme of a job, read from their files (in a worker). */
function loadInputs(job: PaperJob): KnownInputs {
  const parsed = parseManifest(readFileSync(job.manifestFile, 'utf8'));
  if ('problem' in parsed) throw new Error(`${job.manifestFile}:1:1 error manifest: ${parsed.problem}`);
  const { bank, problems } = loadCheckedBank(job.bankDir, job.cache);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`the bank has ${errors.length} error(s); run exampress bank lint`);
  const { theme, problems: themeProblems } = loadTheme(job.templatesDir, job.defaultTemplatesDir, job.themeOverrides);
  if (!theme) throw new Error(themeProblems.join('\n'));
  return { manifest: parsed.manifest, bank, theme };
}

/** Render and write the documents of the variants `indices` (0-based); returns what was written. */
export async function runJob(job: PaperJob, indices: readonly number[], known?: KnownInputs): Promise<WrittenFile[]> {
  const opts = prepareJob(job, known);
  const written: WrittenFile[] = [];
  for (const i of indices) {
    for (const f of await renderVariantDocuments(opts, i)) {
      writeFileAtomic(join(job.out, f.name), f.bytes, { force: true });
      written.push({ name: f.name, variant: f.variant, pages: f.pages, bytes: f.bytes.length });
    }
  }
  return written;
}
