// Excel workbooks (.xlsx) read with exceljs: the first sheet with a header row; merged cells
// (a case material spanning its questions) give their value to every row they cover.
import { parseTable } from './table.js';
import type { ParseOutcome } from './types.js';

export async function parseXlsx(bytes: Uint8Array, map?: Record<string, string>): Promise<ParseOutcome> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    return { drafts: [], duplicates: [], failed: [{ line: 1, reason: `not a readable .xlsx workbook (${(err as Error).message}); save it again from Excel as .xlsx` }] };
  }
  let first: ParseOutcome | undefined;
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
    const table = parseTable(Array.from(rows, (r) => r ?? []), map, wb.worksheets.length > 1 ? `sheet "${ws.name}": ` : '');
    if (table.drafts.length || table.failed.some((f) => f.line > 1)) {
      if (wb.worksheets.length > 1) (table.notes ??= []).unshift({ line: 1, message: `read sheet "${ws.name}" (the first with a question header); the other sheets are not imported` });
      return table;
    }
    first ??= table;
  }
  return first ?? { drafts: [], duplicates: [], failed: [{ line: 1, reason: 'the workbook has no sheets' }] };
}
