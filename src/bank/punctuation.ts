// The bank's house style for Chinese text: full-width punctuation next to Chinese characters.
// Scraped training packs (like the seed) write Chinese with ASCII ",;:?!()", which prints
// narrow and escapes the line engine's punctuation squeezing; imports are written in this style.
import type { QuestionData } from './schema.js';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\u201c\u201d\u2018\u2019\u2026\u2014]/;
const FULL: Record<string, string> = { ',': '\uff0c', ';': '\uff1b', ':': '\uff1a', '?': '\uff1f', '!': '\uff01' };

function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/**
 * ASCII , ; : ? ! beside a Chinese character become full-width (spaces around them dropped);
 * a bracket pair beside or holding Chinese, or holding only spaces (the answer bracket),
 * becomes （…）. Latin and numeric text ("15-20,5-10", "f(x)") is left alone.
 */
export function chinesePunctuation(text: string): string {
  let s = text.replace(/\(([^()]*)\)/g, (whole, inner: string, at: number, all: string) => {
    const before = all.slice(0, at).trimEnd().slice(-1);
    const after = all.slice(at + whole.length).trimStart()[0];
    const blank = inner.trim() === '';
    if (!blank && !isHan(before) && !isHan(after) && ![...inner].some((c) => isHan(c))) return whole;
    return blank ? '\uff08 \uff09' : `\uff08${inner.trim()}\uff09`;
  });
  s = s.replace(/ *([,;:?!]) */g, (whole, mark: string, at: number, all: string) => {
    const before = all.slice(0, at).slice(-1);
    const after = all.slice(at + whole.length)[0];
    return isHan(before) || isHan(after) ? FULL[mark]! : whole;
  });
  return s;
}

/** A question's printed texts in the house style; ids, letters and tags are left as they are. */
export function questionInHouseStyle<Q extends QuestionData>(q: Q): Q {
  return {
    ...q,
    stem: chinesePunctuation(q.stem),
    explanation: chinesePunctuation(q.explanation),
    source: chinesePunctuation(q.source),
    ...(q.material !== undefined ? { material: chinesePunctuation(q.material) } : {}),
    ...(q.options ? { options: q.options.map(chinesePunctuation) } : {}),
    ...(Array.isArray(q.answer) ? { answer: q.answer.map(chinesePunctuation) } : {}),
  };
}
