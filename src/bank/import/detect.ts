// Which format a file is in, from what its lines look like.
import type { TextFormat } from './types.js';

/**
 * Counts the marks each format leaves (GIFT answer blocks, Aiken ANSWER lines, the seed's
 * labels, one-line "题干:" items) and picks the format with most; undefined when none shows.
 */
export function detectFormat(text: string): TextFormat | undefined {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  const gift =
    count(/(?<!\\)\{[^{}]*(?<!\\)[=~][^{}]*(?<!\\)\}/g) +
    count(/(?<!\\)\{\s*(T|F|TRUE|FALSE)\s*(#[^{}]*)?\}/gi) +
    count(/^\s*::[^:\n]+::/gm) +
    count(/^\s*\$CATEGORY\s*:/gim);
  const aiken = count(/^\s*ANSWER\s*[:：]\s*[A-Ha-h]/gm);
  const block = count(/^\s*(题\s*目\s*类\s*型|备\s*选|正\s*确\s*答\s*案)/gm);
  const inline =
    count(/(?<![确考准])答案[ \t]*[:：]/g) +
    count(/题[ \t]*干[ \t]*[:：][ \t]*\S/g) + count(/^\s*(\d+\s*[、.．]|[(（]\d+[)）]|[一二三四五六七八九十]+、|第\d+题)[^\n]*[(（]\s*([A-H]{1,8}|[√×对错])\s*[)）]/gm);
  // Numbered questions with no 题干/题目类型 labels: text pasted from Word.
  const labels = count(/^\s*(题\s*目\s*类\s*型|备\s*选)/gm) + count(/题[ \t]*干[ \t]*[:：]/g);
  const numbered =
    labels > 0
      ? 0
      : count(/^\s*(?:\d{1,4}\s*(?:\.{1,2}|．|、)|[(（]\s*\d{1,4}\s*[)）]|第\s*\d+\s*题)\s*\S/gm) +
        count(/^\s*[【\[]?(?:正确答案|参考答案|答案)[】\]]?\s*[:：]/gm) +
        (aiken + gift > 0 ? 0 : count(/^\s*(?:[(（]\s*[A-HＡ-Ｈ]\s*[)）]|[A-HＡ-Ｈ]\s*[、.．:：)）])/gm));
  // On a tie the labelled formats win: Aiken and GIFT files may number their questions too.
  const scores: [TextFormat, number][] = [
    ['gift', gift],
    ['aiken', aiken],
    ['block', block],
    // Without 题干/题目类型 labels numbered text is read by the Word-text reader.
    ['inline', labels > 0 ? inline : 0],
    ['text', numbered],
  ];
  const best = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : undefined;
}
