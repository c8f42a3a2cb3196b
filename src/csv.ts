// RFC 4180 records, as Excel writes them: quoted fields may hold separators, doubled quotes and
// line breaks; CRLF or LF; a leading byte-order mark is dropped. One tokenizer for the roster
// (which also splits on tabs and full-width commas) and for grading's responses.csv.

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/**
 * Every record of `text`, blank ones included (callers decide what blank means), and the line of
 * a quoted field that is never closed, if any. `separators` are the characters between fields.
 */
export function csvRecords(text: string, separators = ','): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (separators.includes(ch)) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ fields, line: recordLine });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    records.push({ fields, line: recordLine });
  }
  return quoted ? { records, unclosedQuoteLine: recordLine } : { records };
}

const BOM = '\uFEFF';

/**
 * A cell Excel would run as a formula (=, +, -, @, tab or CR first) is written with a leading
 * apostrophe, as OWASP advises against CSV injection; numbers such as -0.12 stay numbers.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) ? `'${value}` : value;
}

/** What `neutraliseCell` wrote, read back as it was. */
export function restoreCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quoted(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV as Excel opens it: UTF-8 with a BOM, CRLF, fields quoted where needed, formula-like cells neutralised. */
export function formatCsv(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((r) => r.map((v) => quoted(neutraliseCell(String(v)))).join(',')).join('\r\n') + '\r\n';
}
