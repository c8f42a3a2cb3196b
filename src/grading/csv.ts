// CSV as Excel writes and reads it: comma-separated, fields quoted when they hold a comma,
// quote or line break, CRLF between records, UTF-8 with a byte-order mark; cells that Excel
// would run as formulas neutralised when written and restored when read back.
import { csvRecords, restoreCell } from '../csv.js';

export { formatCsv } from '../csv.js';

/** Records of a CSV text (BOM, CRLF or LF, quoted fields); blank lines skipped. */
export function parseCsv(text: string): { rows: string[][] } | { problem: string; line: number } {
  const { records, unclosedQuoteLine } = csvRecords(text);
  if (unclosedQuoteLine !== undefined) return { problem: 'a quoted field is never closed', line: unclosedQuoteLine };
  return { rows: records.map((r) => r.fields.map(restoreCell)).filter((row) => row.some((f) => f !== '')) };
}
