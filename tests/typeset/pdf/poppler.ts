import { run } from './helpers.js';

export interface PdffontsRow {
  name: string;
  type: string;
  emb: string;
  sub: string;
  uni: string;
}

/** The rows of `pdffonts` (fixed-width columns after the header). */
export function pdffontsRows(path: string): PdffontsRow[] {
  const lines = run('pdffonts', path).split('\n');
  return lines
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type (1–3 words), encoding, emb, sub, uni, object, ID
      const n = cols.length;
      return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), emb: cols[n - 5]!, sub: cols[n - 4]!, uni: cols[n - 3]! };
    });
}
