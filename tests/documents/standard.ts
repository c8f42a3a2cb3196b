// The standard paper of the bundled bank, assembled and printed once per test file.
import { assemble } from '../../src/assemble/assemble.js';
import type { Manifest } from '../../src/assemble/manifest.js';
import { loadBank } from '../../src/bank/load.js';
import type { Bank } from '../../src/bank/schema.js';
import { loadBlueprint } from '../../src/app/assemble.js';
import { loadTemplates, loadTheme, renderExamDocuments, type DocumentKind, type PaperSize, type RenderedFile } from '../../src/documents/index.js';
import { packageRoot } from '../../src/paths.js';
import { join } from 'node:path';

export const ROOT = packageRoot();
export const TEMPLATES = join(ROOT, 'templates');

export function standardManifest(opts: { variants?: number } = {}): { bank: Bank; manifest: Manifest } {
  const { bank } = loadBank(join(ROOT, 'bank'));
  const loaded = loadBlueprint(join(ROOT, 'bank', 'blueprints', 'standard.yaml'));
  if ('problems' in loaded) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  const result = assemble(bank, loaded.blueprint, { seed: 2026, variants: opts.variants ?? 2, history: [], toolVersion: '0.0.0-test', blueprintFile: 'standard.yaml' });
  if ('problems' in result) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return { bank, manifest: result.manifest };
}

export async function printStandard(opts: { size?: PaperSize; seal?: boolean; only?: DocumentKind[]; variants?: number; templates?: string } = {}) {
  const { bank, manifest } = standardManifest(opts);
  const dir = opts.templates ?? TEMPLATES;
  const { theme, problems } = loadTheme(dir, TEMPLATES);
  if (!theme) throw new Error(problems.join('\n'));
  const files = await renderExamDocuments({
    manifest,
    bank,
    templates: loadTemplates(dir),
    theme,
    size: opts.size ?? 'a4',
    seal: opts.seal ?? false,
    only: opts.only ?? ['paper', 'key', 'sheet', 'spec'],
  });
  const file = (name: string): RenderedFile => {
    const f = files.find((x) => x.name === name);
    if (!f) throw new Error(`no ${name} among ${files.map((x) => x.name).join(', ')}`);
    return f;
  };
  return { bank, manifest, files, file };
}

/** Text without spaces and line breaks, for finding bank text however it was broken into lines. */
export const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
