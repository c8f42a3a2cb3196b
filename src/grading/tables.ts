// scores.csv and items.csv: the figures of results.pdf as tables for Excel.
import { LETTERS } from '../questions/choice.js';
import { questionType } from '../questions/registry.js';
import type { ItemStats, PaperStats } from './items.js';
import { ranked } from './items.js';
import type { CandidateResult } from './score.js';

const num = (v: number | null, digits = 3) => (v === null ? '' : String(Math.round(v * 10 ** digits) / 10 ** digits));

export function scoreRows(results: readonly CandidateResult[], paper: PaperStats): (string | number)[][] {
  const titles = paper.sections.map((s) => s.title);
  const header = ['rank', 'candidate', 'name', 'variant', ...titles, 'total', 'max', 'pass'];
  let rank = 0;
  let prev = Number.NaN;
  const rows = ranked(results).map((r, i) => {
    if (r.total !== prev) rank = i + 1;
    prev = r.total;
    return [rank, r.candidate, r.name, r.variant, ...titles.map((t) => num(r.sections.find((s) => s.title === t)?.earned ?? 0, 2)), num(r.total, 2), num(r.max, 2), r.total >= paper.passMark - 1e-9 ? 'yes' : 'no'];
  });
  return [header, ...rows];
}

export function itemRows(items: readonly ItemStats[], numbers: ReadonlyMap<string, number>): (string | number)[][] {
  // True/false shares have columns of their own; the letters are those of the choice questions.
  const isTruth = (it: ItemStats) => questionType(it.type).model.kind === 'boolean';
  const letters = [...LETTERS].filter((l) => items.some((it) => !isTruth(it) && it.options.some((o) => o.letter === l)));
  const header = ['number', 'id', 'type', 'n', 'key', 'difficulty', 'discrimination', 'point_biserial', ...letters.map((l) => `share_${l}`), 'share_true', 'share_false', 'share_double', 'share_blank', 'flags'];
  const share = (it: ItemStats, l: string) => {
    const o = it.options.find((x) => x.letter === l);
    return o ? num(o.share) : '';
  };
  return [
    header,
    ...items.map((it) => [numbers.get(it.id) ?? '', it.id, it.type, it.n, it.key, num(it.difficulty), num(it.discrimination), num(it.pointBiserial), ...letters.map((l) => (isTruth(it) ? '' : share(it, l))), isTruth(it) ? share(it, 'T') : '', isTruth(it) ? share(it, 'F') : '', num(it.double), num(it.blank), it.flags.join('; ')]),
  ];
}
