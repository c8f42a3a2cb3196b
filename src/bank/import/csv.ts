// CSV (and tab-separated) exports, decoded by `decodeText`, parsed with csv-parse.
import { restoreCell } from '../../csv.js';
import { parseTable } from './table.js';
import type { ParseOutcome } from './types.js';

export async function parseCsv(text: string, map?: Record<string, string>): Promise<ParseOutcome> {
  const { parse } = await import('csv-parse/sync');
  const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const counts: [string, number][] = [',', '\t', ';', '，'].map((d) => [d, first.split(d).length - 1]);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  try {
    const rows = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
    // Our own export neutralised formula-like cells ('=…): read them as they were.
    return parseTable(rows.map((r) => r.map(restoreCell)), map);
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { drafts: [], duplicates: [], failed: [{ line: e.lines ?? 1, reason: `not readable as CSV: ${e.message}` }] };
  }
}
