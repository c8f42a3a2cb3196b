// `exampress bank export --format aiken|gift|moodle-xml|csv|xlsx`: the bank written out for
// another exam system or for editing in Excel; `bank import` reads every one of them back.
import type { Argv } from 'yargs';
import { EXPORT_FORMATS, exportBank, type ExportFormat } from '../../app/export.js';
import { displayPath } from '../../paths.js';
import { EXIT, type Io } from '../io.js';
import { failure } from '../report.js';

export async function runBankExport(a: Record<string, unknown>, io: Io): Promise<number> {
  const format = a.format as ExportFormat;
  const exported = await exportBank({ bankDir: String(a.bank), format, ...(typeof a.out === 'string' ? { out: a.out } : {}), ...(typeof a.topic === 'string' ? { topic: a.topic } : {}), force: Boolean(a.force) });
  if (!exported.ok) return failure(io, 'bank export', exported);
  for (const s of exported.skipped) io.stdout(`skipped ${s.id}: ${s.reason}`);
  io.stdout(`wrote ${exported.written} question(s) to ${displayPath(exported.file)} (${format})${exported.skipped.length ? `; skipped ${exported.skipped.length} the format cannot hold` : ''}`);
  return EXIT.ok;
}

export function exportBuilder(y: Argv) {
  return y
    .option('format', { choices: EXPORT_FORMATS, demandOption: true, describe: 'file format to write' })
    .option('out', { type: 'string', describe: 'file to write (default questions.<ext> in the current folder)' })
    .option('topic', { type: 'string', describe: 'only the questions of this topic' })
    .option('force', { type: 'boolean', default: false, describe: 'replace --out if it exists' });
}
