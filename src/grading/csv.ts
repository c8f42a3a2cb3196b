// CSV as Excel writes and reads it: comma-separated, fields quoted when they hold a comma,
// quote or line break, CRLF between records, UTF-8 with a byte-order mark.

import { csvRecords } from '../csv.js';

const BOM = '\uFEFF';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((r) => r.map((v) => field(String(v))).join(',')).join('\r\n') + '\r\n';
}

/** Records of a CSV text (BOM, CRLF or LF, quoted fields); blank lines skipped. */
export function parseCsv(text: string): { rows: string[][] } | { problem: string; line: number } {
  const { records, unclosedQuoteLine } = csvRecords(text);
  if (unclosedQuoteLine !== undefined) return { problem: 'a quoted field is never closed', line: unclosedQuoteLine };
  return { rows: records.map((r) => r.fields).filter((row) => row.some((f) => f !== '')) };
}
