// Tables (xlsx, csv) → drafts: the header row mapped to fields, each row a question whose line
// is its row number.
import { mapTable, rawToDraft, rowToItem } from './records.js';
import type { ImportFailure, ParseOutcome } from './types.js';

export function parseTable(rows: string[][], map: Record<string, string> | undefined, label = ''): ParseOutcome {
  const mapping = mapTable(rows, map);
  if ('error' in mapping) return { drafts: [], duplicates: [], failed: [{ line: 1, reason: `${label}${mapping.error}` }] };
  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [], notes: [] };
  if (mapping.unused.length) out.notes!.push({ line: mapping.headerRow + 1, message: `${label}column(s) not imported: ${mapping.unused.join(', ')} (map one with --map 解析=G if it holds a field)` });
  for (let r = mapping.headerRow + 1; r < rows.length; r++) {
    const item = rowToItem(rows[r]!, mapping, r + 1);
    if (!item) continue;
    const d = rawToDraft(item, { indexBase: 1 });
    if ('reason' in d) out.failed.push(d as ImportFailure);
    else out.drafts.push(d);
  }
  return out;
}
