// Tables (xlsx, csv) → drafts: the header row mapped to fields, each row a question whose line
// is its row number.
import { mapTable, rawToDraft, rowToItem } from './records.js';
import type { ImportFailure, ParseOutcome } from './types.js';

/**
 * `offset` is added to every row number (a later sheet of a workbook continues the numbering);
 * `typeHint` is the type a sheet's name gives (单选题, 判断题) to rows that name none.
 */
export function parseTable(rows: string[][], map: Record<string, string> | undefined, label = '', offset = 0, typeHint?: string): ParseOutcome {
  const mapping = mapTable(rows, map);
  if ('error' in mapping) return { drafts: [], duplicates: [], failed: [{ line: offset + 1, reason: `${label}${mapping.error}` }] };
  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [], notes: [] };
  if (mapping.unused.length) out.notes!.push({ line: offset + mapping.headerRow + 1, message: `${label}column(s) not imported: ${mapping.unused.join(', ')} (map one with --map 解析=G if it holds a field)` });
  for (let r = mapping.headerRow + 1; r < rows.length; r++) {
    const item = rowToItem(rows[r]!, mapping, offset + r + 1);
    if (!item) continue;
    if (item.type === undefined && typeHint) item.type = typeHint;
    const d = rawToDraft(item, { indexBase: 1 });
    if ('reason' in d) out.failed.push(d as ImportFailure);
    else out.drafts.push(d);
  }
  return out;
}
