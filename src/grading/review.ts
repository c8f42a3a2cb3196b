// review.html: every doubtful mark with a crop of the scan, every unreadable page with the
// reason, so that a person decides each in seconds and corrects the "?" in responses.csv.
import type { SheetRecord, UnreadablePage } from './sheets.js';

export interface ReviewInput {
  title: string;
  sheets: readonly SheetRecord[];
  unreadable: readonly (UnreadablePage & { thumbnail?: string })[];
  /** Data-URI PNG per doubt, keyed "source|number". */
  crops: ReadonlyMap<string, string>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const REASONS = {
  double: '两个以上填涂 · two or more marks on a single-answer question',
  faint: '淡痕（擦除？） · a faint mark (an erasure?)',
  partial: '未涂满（勾、叉、点） · a tick, cross, dot or part-filled bubble',
} as const;

export function cropKey(source: string, number: number | string): string {
  return `${source}|${number}`;
}

export function reviewHtml(input: ReviewInput): string {
  const doubts = input.sheets.flatMap((s, i) => s.doubts.map((d) => ({ sheet: s, line: i + 2, d })));
  const problems = input.sheets.filter((s) => s.problems.length);
  const out: string[] = [];
  out.push('<!doctype html>', '<html lang="zh-CN"><head><meta charset="utf-8">', `<title>${esc(input.title)} · review</title>`);
  out.push('<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:middle;text-align:left}img{image-rendering:pixelated;border:1px solid #999}.bad{color:#b00}.ok{color:#060}</style></head><body>');
  out.push(`<h1>${esc(input.title)}: review</h1>`);
  out.push(`<p>${input.sheets.length} sheet(s) read, ${doubts.length} doubtful mark(s), ${input.unreadable.length} unreadable page(s). Each doubtful question is <b>?</b> in responses.csv: look at the crop, type the letters you decide on into that cell (leave it empty for no answer), then run <code>exampress grade</code>.</p>`);
  if (!doubts.length && !input.unreadable.length && !problems.length) out.push('<p class="ok">Nothing to review.</p>');
  if (input.unreadable.length) {
    out.push('<h2 class="bad">Unreadable pages</h2><table><tr><th>page</th><th>why</th><th></th></tr>');
    for (const u of input.unreadable) out.push(`<tr><td>${esc(u.source)}</td><td>${esc(u.problem)}</td><td>${u.thumbnail ? `<img alt="" src="${u.thumbnail}">` : ''}</td></tr>`);
    out.push('</table>');
  }
  if (problems.length) {
    out.push('<h2>Sheets to complete</h2><table><tr><th>candidate</th><th>variant</th><th>pages</th><th>what</th></tr>');
    for (const s of problems) out.push(`<tr><td>${esc(s.candidateId || '(none)')}</td><td>${esc(s.variant)}</td><td>${esc(s.sources.join(' '))}</td><td>${s.problems.map(esc).join('<br>')}</td></tr>`);
    out.push('</table>');
  }
  if (doubts.length) {
    out.push('<h2>Doubtful marks</h2><table><tr><th>candidate</th><th>question</th><th>read</th><th>scan</th></tr>');
    for (const { sheet, line, d } of doubts) {
      const read = [d.filled.length ? `filled ${d.filled.join('')}` : 'nothing filled', ...d.doubtful.map((x) => `${x.letter}: ${x.state === 'faint' ? 'faint' : 'partial'}`)].join('; ');
      const crop = input.crops.get(cropKey(d.source, d.number));
      const what = typeof d.number === 'number' ? `${d.number}` : `candidate number, column ${String(d.number).replace(/^id/, '')}`;
      out.push(`<tr><td>${esc(sheet.candidateId || '(none)')}<br><small>${esc(sheet.variant)} · ${esc(d.source)} · line ${line}</small></td><td><b>${esc(what)}</b><br><small>${esc(REASONS[d.reason])}</small></td><td>${esc(read)}</td><td>${crop ? `<img alt="question ${esc(String(d.number))}" src="${crop}">` : ''}</td></tr>`);
    }
    out.push('</table>');
  }
  out.push('</body></html>', '');
  return out.join('\n');
}
