// Small readers shared by every format: option marks, numbering, judge words, answer letters,
// and the invisible junk that exported documents carry.
import type { QuestionType } from '../schema.js';

/** Zero-width characters and odd spaces: removed or made plain spaces before parsing. */
const JUNK = /[\u200B-\u200D\u2060\uFEFF\u00AD\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\r]/;

/** A stem as a message names it: its first 30 characters. */
export function shortStem(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

export function cleanLine(line: string): string {
  if (!JUNK.test(line)) return line;
  return line
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/\r$/, '');
}

/** Collapses runs of spaces and trims. */
export function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const FULLWIDTH_LETTER = /[Ａ-Ｚａ-ｚ]/g;

/** Ａ → A: full-width Latin letters as typed by Chinese input methods. */
export function halfWidthLetters(s: string): string {
  return s.replace(FULLWIDTH_LETTER, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Numbering before a stem: 1.  1、  (1)  (1)  一、  第1题  Q1.  A digit after "1." is a decimal.
const NUMBERING =
  /^\s*(?:第\s*\d+\s*题\s*[.、.:：]?|[(（]\s*\d+\s*[)）]|\d+\s*(?:[、.．:：)）](?!\d))|[一二三四五六七八九十]+\s*[、.．])\s*/;

export function stripNumbering(stem: string): string {
  return stem.replace(NUMBERING, '');
}

export function hasNumbering(s: string): boolean {
  return NUMBERING.test(s);
}

/** An option mark for `letter`: A.  A、  A:  A：  A)  A）  (A)  （A）  A． */
export function optionMarkSource(letter: string): string {
  const full = String.fromCharCode(letter.charCodeAt(0) + 0xfee0);
  const l = `[${letter}${full}]`;
  return `(?:[(（]\\s*${l}\\s*[)）]|${l}\\s*[、.．:：)）])`;
}

const OPTION_LINE = new RegExp(
  `^\\s*(?:[(（]\\s*([A-HＡ-Ｈ])\\s*[)）]|([A-HＡ-Ｈ])\\s*[、.．:：)）])\\s*`,
);

/** The letter and text of a line that starts with an option mark, or undefined. */
export function matchOptionStart(line: string): { letter: string; rest: string } | undefined {
  const m = OPTION_LINE.exec(line);
  if (!m) return undefined;
  const letter = halfWidthLetters((m[1] ?? m[2])!);
  return { letter, rest: line.slice(m[0].length) };
}

export interface InlineOption {
  letter: string;
  text: string;
}

/**
 * Options written one after another on a line ("A、总资产B、产品信息C、…"), found letter by
 * letter in order so that "AFP" or "B超" inside a text is not taken for a mark. Returns the
 * text before the first mark and the options, or undefined when fewer than two marks follow.
 */
export function splitInlineOptions(s: string, first = 'A', bare = false): { before: string; options: InlineOption[] } | undefined {
  const start = findMark(s, first, 0);
  if (!start) return undefined;
  const before = s.slice(0, start.index);
  const options: InlineOption[] = [];
  let letter = first;
  let pos = start.end;
  for (;;) {
    const next = String.fromCharCode(letter.charCodeAt(0) + 1);
    const m = next <= 'H' ? findMark(s, next, pos) ?? (bare ? findBareMark(s, next, pos) : undefined) : undefined;
    if (!m) {
      options.push({ letter, text: s.slice(pos).trim() });
      break;
    }
    options.push({ letter, text: s.slice(pos, m.index).trim() });
    letter = next;
    pos = m.end;
  }
  if (options.length < 2 && first === 'A') return undefined;
  return { before, options };
}

/** "D夏季": a letter with no separator, after a space and before a Chinese character (Word text only). */
const BARE_MARKS = new Map<string, RegExp>();
const MARKS = new Map<string, RegExp>();

/** The regular expression for `letter`, made once (these run for every line of large files). */
function cached(cache: Map<string, RegExp>, letter: string, make: () => RegExp): RegExp {
  let re = cache.get(letter);
  if (!re) cache.set(letter, (re = make()));
  return re;
}

function findBareMark(s: string, letter: string, from: number): { index: number; end: number } | undefined {
  const full = String.fromCharCode(letter.charCodeAt(0) + 0xfee0);
  const re = cached(BARE_MARKS, letter, () => new RegExp(`(?<=\\s)[${letter}${full}](?=\\p{Script=Han})`, 'gu'));
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? { index: m.index, end: m.index + m[0].length } : undefined;
}

/** The next mark for `letter` from `from`; "( C )。" (an answer bracket: nothing but punctuation after it) is not one. */
function findMark(s: string, letter: string, from: number): { index: number; end: number } | undefined {
  const re = cached(MARKS, letter, () => new RegExp(optionMarkSource(letter), 'g'));
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const end = m.index + m[0].length;
    if (!/^\s*($|[。.,，;；、)）:：?？!！])/.test(s.slice(end))) return { index: m.index, end };
  }
  return undefined;
}

const TRUE_WORDS = new Set(['√', '✓', '✔', '对', '正确', '是', 't', 'true', 'y', 'yes', '☑']);
// Ⅹ (U+2169, the Roman numeral ten) is what some input methods give for ×.
const FALSE_WORDS = new Set(['×', '✗', '✘', 'x', '错', '错误', '否', 'f', 'false', 'n', 'no', '☒', 'ⅹ', '不正确', '不对']);

/** √ × 对 错 正确 错误 T F true false → boolean; anything else → undefined. */
export function parseJudge(s: string): boolean | undefined {
  const w = halfWidthLetters(s).replace(/[\s()（）。.]/g, '').toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  return undefined;
}

/** "ABD", "A,B,D", "A、B、D", "a b d" → "ABD" (sorted, unique); undefined if not letters. */
export function parseLetters(s: string): string | undefined {
  const t = halfWidthLetters(s).toUpperCase().replace(/[\s,，、;；/|.。]+/g, '');
  if (!/^[A-H]{1,8}$/.test(t)) return undefined;
  return [...new Set(t)].sort().join('');
}

/** 单选 / 多项选择题 / 判断 / 填空 → type. */
export function parseTypeName(s: string): QuestionType | undefined {
  const t = s.replace(/\s/g, '');
  if (/不定项|多选|多项/.test(t)) return 'multiple';
  if (/单选|单项|选择/.test(t)) return 'single';
  if (/判断|是非|对错/.test(t)) return 'judge';
  if (/填空/.test(t)) return 'fill';
  return undefined;
}

const DIFFICULTY_WORDS: Record<string, number> = { 容易: 1, 易: 1, 较易: 2, 简单: 1, 中: 3, 中等: 3, 一般: 3, 较难: 4, 难: 5, 困难: 5 };

/** "2", "２", "较难" → 1..5; undefined when unreadable. */
export function parseDifficulty(s: string): number | undefined {
  const t = s.normalize('NFKC').replace(/\s/g, '');
  const n = /^([1-5])(?:\.0)?$/.exec(t);
  if (n) return Number(n[1]);
  return DIFFICULTY_WORDS[t];
}

/** Letter index: A → 0. */
export function letterIndex(letter: string): number {
  return letter.charCodeAt(0) - 65;
}

export function indexLetter(i: number): string {
  return String.fromCharCode(65 + i);
}

/** Two options that are a true and a false word (正确/错误, 对/错, 是/否): a judge question in disguise. */
export function judgePair(options: readonly string[]): [boolean, boolean] | undefined {
  if (options.length !== 2) return undefined;
  const a = parseJudge(options[0]!);
  const b = parseJudge(options[1]!);
  return a !== undefined && b !== undefined && a !== b ? [a, b] : undefined;
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  hellip: '…', mdash: '—', ndash: '–', middot: '·', times: '×', divide: '÷', yen: '¥', deg: '°', radic: '√',
};

/** HTML as exam systems store it → plain text: tags dropped (line breaks kept as spaces), entities decoded. */
export function plainText(s: string): string {
  if (!/[<&]/.test(s)) return s;
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[e.toLowerCase()] ?? whole;
    });
}
