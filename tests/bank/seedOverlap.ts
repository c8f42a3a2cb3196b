// Finds text the bank copied from the seed training pack: runs of N or more characters that
// the handbook or a question of ours shares with the seed. The seed's own questions (tagged
// `seed`) and every question's source (document titles) are exempt: they quote it by design.
import type { Bank } from '../../src/bank/schema.js';

export interface Overlap {
  /** Where the text is: a question id and field, or a norm / section / chapter id. */
  where: string;
  /** The longest shared run, as compared (punctuation and spaces dropped). */
  run: string;
}

/** The traditional forms the seed mixes into simplified text, mapped to their simplified forms. */
const SIMPLIFIED: Record<string, string> = { 於: '于', 後: '后' };

/**
 * Compare the words only: width forms unified (NFKC), spaces, punctuation and symbols dropped
 * (a sentence copied with its commas moved, or a range written 15～20 instead of (15-20), is
 * still copied).
 */
function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/[於後]/g, (c) => SIMPLIFIED[c]!);
}

/** The texts of the bank that must be in our own words, each with where it is. */
export function ownTexts(bank: Bank): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const ch of bank.chapters) {
    out.push({ where: `${ch.id} title`, text: ch.title }, { where: `${ch.id} intro`, text: ch.intro ?? '' });
    for (const s of ch.sections) {
      out.push({ where: `${s.id} title`, text: s.title }, { where: `${s.id} intro`, text: s.intro ?? '' });
      for (const n of s.norms) out.push({ where: n.id, text: n.text });
      (s.checklist ?? []).forEach((c, i) => out.push({ where: `${s.id} checklist ${i + 1}`, text: c }));
      if (s.table) out.push({ where: `${s.id} table`, text: [s.table.caption ?? '', ...s.table.header, ...s.table.rows.flat()].join('\n') });
    }
  }
  for (const q of bank.questions) {
    if (q.tags?.includes('seed')) continue;
    out.push({ where: `${q.id} stem`, text: q.stem }, { where: `${q.id} explanation`, text: q.explanation });
    (q.options ?? []).forEach((o, i) => out.push({ where: `${q.id} option ${'ABCDEFGH'[i]}`, text: o }));
    if (Array.isArray(q.answer)) out.push({ where: `${q.id} answer`, text: q.answer.join('\n') });
  }
  return out.filter((t) => t.text);
}

/** Every text of `ownTexts` that shares a run of `length` or more characters with `seed`. */
export function seedOverlaps(bank: Bank, seed: string, length = 15): Overlap[] {
  const seedText = normalise(seed);
  const runs = new Set<string>();
  for (let i = 0; i + length <= seedText.length; i++) runs.add(seedText.slice(i, i + length));
  const out: Overlap[] = [];
  for (const { where, text } of ownTexts(bank)) {
    const t = normalise(text);
    let best = '';
    for (let i = 0; i + length <= t.length; i++) {
      if (!runs.has(t.slice(i, i + length))) continue;
      let end = i + length;
      while (end < t.length && seedText.includes(t.slice(i, end + 1))) end++;
      if (end - i > best.length) best = t.slice(i, end);
    }
    if (best) out.push({ where, run: best });
  }
  return out;
}
