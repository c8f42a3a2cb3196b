// CSV as Excel writes and reads it: comma-separated, fields quoted when they hold a comma,
// quote or line break, CRLF between records, UTF-8 with a byte-order mark.

const BOM = '\uFEFF';

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((r) => r.map((v) => field(String(v))).join(',')).join('\r\n') + '\r\n';
}

/** Records of a CSV text (BOM, CRLF or LF, quoted fields); blank lines skipped. */
export function parseCsv(text: string): { rows: string[][] } | { problem: string; line: number } {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cur += c;
      }
      continue;
    }
    if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      row.push(cur);
      cur = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cur);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      cur = '';
      line++;
      startLine = line;
    } else cur += c;
  }
  if (quoted) return { problem: 'a quoted field is never closed', line: startLine };
  row.push(cur);
  if (row.some((f) => f !== '')) rows.push(row);
  return { rows };
}
