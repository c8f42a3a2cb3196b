// Excel workbooks (.xlsx) read with exceljs: every sheet with a question header row (a sheet
// named 单选题 or 判断题 gives its rows that type); merged cells (a case material spanning its
// questions) give their value to every row they cover.
import { parseTable } from './table.js';
import { parseTypeName } from './text.js';
import type { ParseOutcome } from './types.js';

export async function parseXlsx(bytes: Uint8Array, map?: Record<string, string>): Promise<ParseOutcome> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    return { drafts: [], duplicates: [], failed: [{ line: 1, reason: `not a readable .xlsx workbook (${(err as Error).message}); save it again from Excel as .xlsx` }] };
  }
  // Every sheet with a question header is read (one sheet per type is common); the first keeps
  // its row numbers as lines, later ones continue after the rows before them.
  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [], notes: [] };
  let offset = 0;
  let read = 0;
  let firstFailure: ParseOutcome | undefined;
  const many = wb.worksheets.length > 1;
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const source = cell.isMerged ? cell.master : cell;
        cells[c - 1] = source.text;
      });
      rows[n - 1] = Array.from(cells, (c) => c ?? '');
    });
    const table = parseTable(Array.from(rows, (r) => r ?? []), map, many ? `sheet "${ws.name}": ` : '', offset, parseTypeName(ws.name) ? ws.name : undefined);
    if (table.drafts.length || table.failed.some((f) => f.line > offset + 1)) {
      if (many) out.notes!.push({ line: offset + 1, message: `sheet "${ws.name}": its rows 1–${rows.length} are lines ${offset + 1}–${offset + rows.length}` });
      out.drafts.push(...table.drafts);
      out.failed.push(...table.failed);
      out.notes!.push(...(table.notes ?? []));
      read++;
    } else {
      firstFailure ??= table;
      if (many) out.notes!.push({ line: offset + 1, message: `sheet "${ws.name}" has no question header row; not imported` });
    }
    offset += rows.length;
  }
  if (read === 0) return firstFailure ?? { drafts: [], duplicates: [], failed: [{ line: 1, reason: 'the workbook has no sheets' }] };
  return out;
}
