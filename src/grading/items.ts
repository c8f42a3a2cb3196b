// Item analysis over scored candidates: difficulty, discrimination (upper minus lower 27 %),
// point-biserial correlation, the share choosing each option, flags for items that look broken,
// and KR-20 for the paper. Every statistic counts an item as right only with full points.
import { questionType } from '../questions/registry.js';
import type { QuestionType } from '../bank/schema.js';
import type { CandidateResult } from './score.js';

export interface ItemStats {
  id: string;
  type: QuestionType;
  /** Candidates who had the question. */
  n: number;
  /** Share with full points (0..1). */
  difficulty: number;
  /** Share right in the top 27 % by total minus share right in the bottom 27 %. */
  discrimination: number;
  /** Pearson correlation of right/wrong with the total score; null when either does not vary. */
  pointBiserial: number | null;
  /** The key in the bank's option order ("T"/"F" for judge); fill: the answer text. */
  key: string;
  /** Share choosing each option (bank letters; T/F for judge), and leaving it blank. */
  options: { letter: string; share: number; upper: number }[];
  blank: number;
  /** Share who marked two or more answers on a one-answer question (scored 0), as a row of its own. */
  double: number;
  flags: string[];
}

export interface PaperStats {
  candidates: number;
  mean: number;
  median: number;
  /** Population standard deviation. */
  sd: number;
  max: number;
  passMark: number;
  passRate: number;
  sections: { title: string; mean: number; max: number }[];
  /** KR-20 per set of candidates who answered the same questions (one set for shuffled variants). */
  kr20: { candidates: number; items: number; value: number | null }[];
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Candidates ranked by total, best first; equal totals keep the order of responses.csv. */
export function ranked(results: readonly CandidateResult[]): CandidateResult[] {
  return results.map((r, i) => ({ r, i })).sort((a, b) => b.r.total - a.r.total || a.i - b.i).map((x) => x.r);
}

/** Size of the upper and lower groups: 27 % of the candidates, at least one. */
export const groupSize = (n: number) => Math.max(1, Math.round(0.27 * n));

export function itemStats(results: readonly CandidateResult[]): ItemStats[] {
  const order = ranked(results);
  const g = groupSize(order.length);
  const upper = new Set(order.slice(0, g));
  const lower = new Set(order.slice(-g));
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const r of results) for (const it of r.items) if (!seen.has(it.id)) (seen.add(it.id), ids.push(it.id));
  return ids.map((id) => {
    const had = results.flatMap((r) => {
      const it = r.items.find((x) => x.id === id);
      return it ? [{ r, it }] : [];
    });
    const first = had[0]!.it;
    const right = had.map((h) => (h.it.correct ? 1 : 0));
    const shareIn = (group: Set<CandidateResult>) => {
      const inGroup = had.filter((h) => group.has(h.r));
      return inGroup.length ? mean(inGroup.map((h) => (h.it.correct ? 1 : 0))) : 0;
    };
    const type = questionType(first.type);
    // Without a shuffle the manifest does not say how many options there were: as many as were chosen or keyed, at least four.
    const letters = type.responseLetters(first.optionCount ?? Math.max(4, ...had.map((h) => Math.max(0, ...[...h.it.original, ...first.key].map((l) => l.charCodeAt(0) - 64)))));
    const upperHad = had.filter((h) => upper.has(h.r));
    // On a one-answer question a double mark chose no option: it is counted on its own row.
    const oneAnswer = type.model.kind === 'boolean' || (type.model.kind === 'choice' && type.model.exclusive);
    const isDouble = (response: string) => oneAnswer && response.length > 1;
    const chose = (response: string, letter: string) => !isDouble(response) && response.includes(letter);
    const options = letters.map((letter) => ({
      letter,
      share: mean(had.map((h) => (chose(h.it.original, letter) ? 1 : 0))),
      upper: upperHad.length ? mean(upperHad.map((h) => (chose(h.it.original, letter) ? 1 : 0))) : 0,
    }));
    const discrimination = shareIn(upper) - shareIn(lower);
    const flags: string[] = [];
    if (discrimination < 0) flags.push('negative discrimination');
    if (type.model.kind === 'choice') {
      for (const o of options) if (!first.key.includes(o.letter) && o.share === 0) flags.push(`distractor ${o.letter} chosen by nobody`);
    }
    if (letters.length) {
      const keyUpper = Math.min(...options.filter((o) => first.key.includes(o.letter)).map((o) => o.upper));
      for (const o of options) if (!first.key.includes(o.letter) && o.upper > keyUpper) flags.push(`top group prefers ${o.letter} to the key`);
    }
    return {
      id,
      type: first.type,
      n: had.length,
      difficulty: mean(right),
      discrimination,
      pointBiserial: pearson(right, had.map((h) => h.r.total)),
      key: first.key,
      options,
      blank: mean(had.map((h) => (h.it.response === '' ? 1 : 0))),
      double: mean(had.map((h) => (isDouble(h.it.original) ? 1 : 0))),
      flags,
    };
  });
}

/** KR-20 = k/(k-1) · (1 − Σ p·q / σ²), σ² the population variance of the number right. */
export function kr20(results: readonly CandidateResult[]): number | null {
  const k = results[0]?.items.length ?? 0;
  if (k < 2 || results.length < 2) return null;
  const ids = results[0]!.items.map((i) => i.id);
  let pq = 0;
  for (const id of ids) {
    const p = mean(results.map((r) => (r.items.find((i) => i.id === id)?.correct ? 1 : 0)));
    pq += p * (1 - p);
  }
  const counts = results.map((r) => r.items.filter((i) => i.correct).length);
  const m = mean(counts);
  const variance = mean(counts.map((c) => (c - m) ** 2));
  return variance > 0 ? (k / (k - 1)) * (1 - pq / variance) : null;
}

export function paperStats(results: readonly CandidateResult[], passShare: number): PaperStats {
  const totals = results.map((r) => r.total);
  const sorted = [...totals].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n ? (n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2) : 0;
  const m = mean(totals);
  const max = Math.max(0, ...results.map((r) => r.max));
  const passMark = Math.round(max * passShare * 100) / 100;
  const titles = [...new Set(results.flatMap((r) => r.sections.map((s) => s.title)))];
  const groups = new Map<string, CandidateResult[]>();
  for (const r of results) {
    const key = r.items.map((i) => i.id).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return {
    candidates: n,
    mean: m,
    median,
    sd: Math.sqrt(mean(totals.map((t) => (t - m) ** 2))),
    max,
    passMark,
    passRate: n ? totals.filter((t) => t >= passMark - 1e-9).length / n : 0,
    sections: titles.map((title) => {
      const secs = results.flatMap((r) => r.sections.filter((s) => s.title === title));
      return { title, mean: mean(secs.map((s) => s.earned)), max: Math.max(...secs.map((s) => s.max)) };
    }),
    kr20: [...groups.values()].map((g) => ({ candidates: g.length, items: g[0]!.items.length, value: kr20(g) })),
  };
}
