// Character classes for line breaking and spacing, precomputed for the BMP so the hot
// loops do one typed-array lookup per character instead of regexes.

/** CJK ideographs, kana, hangul, full-width symbols: break anywhere. */
export const ID = 0;
/** Latin/Greek/Cyrillic letters and digits (CJK-Latin spacing applies next to these). */
export const AN = 1;
/** ASCII symbols that glue to words: & @ # $ / + = < > _ ~ ^ | * \ ` */
export const SYM = 2;
/** Hyphens: glue to words; a Latin word is split after one only when it must be. */
export const HY = 3;
/** Ambiguous ASCII quotes " and ': never broken on either side. */
export const QU = 4;
/** Half-width closing punctuation , . ; : ? ! ) ] } % — never starts a line. */
export const CLH = 5;
/** Half-width opening punctuation ( [ { — never ends a line. */
export const OPH = 6;
/** A collapsed space. */
export const SP = 7;
/** Full-width closing marks and stops 。,、」》 etc. — never start a line. */
export const CL = 8;
/** Full-width opening marks 「《“ etc. — never end a line. */
export const OP = 9;
/** Dashes and ellipses: two in a row are never split. */
export const IN = 10;
/** The answer bracket (  ): closes the stem, so it never starts a line. */
export const BR = 11;
/** Blanks and boxes: atomic, breakable on both sides. */
export const AT = 12;
export const CLASS_COUNT = 13;

/** Classes that belong to a Latin word (a break between two of them is an emergency). */
export function isLatinish(cls: number): boolean {
  return cls >= AN && cls <= OPH;
}

const FULL_CLOSERS = '。,、;:?!)]}」』】〕〉》”’%〗〙〛〞・·‧﹂'
  + '\uFF0C\uFF0E\uFF1A\uFF1B\uFF01\uFF1F\uFF09\uFF3D\uFF5D\uFF05\uFF60\uFF63\u3001\u3002\u30FC\u3005\u301E\u301F'
  + 'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ'
  + '\u2030\u2031\u2032\u2033\u2103\u00B0';
const FULL_OPENERS = '([{「『【〔〈《“‘〖〘〚〝﹁\uFF08\uFF3B\uFF5B\uFF5F\uFF62';
const HALF_CLOSERS = ',.;:?!)]}%';
const HALF_OPENERS = '([{';
const DASHES = '\u2014\u2015\u2026\u2025\u2E3A\u2E3B\u2013\u22EF';
const SYMBOLS = '&@#$/+=<>_~^|*\\`';

function buildClassTable(): Uint8Array {
  const t = new Uint8Array(0x10000); // default ID
  const set = (chars: string, cls: number): void => {
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x10000) t[cp] = cls;
    }
  };
  // Latin, Greek, Cyrillic letters and digits (and their accents) are word characters.
  for (let cp = 0x30; cp <= 0x39; cp++) t[cp] = AN;
  for (let cp = 0x41; cp <= 0x5a; cp++) t[cp] = AN;
  for (let cp = 0x61; cp <= 0x7a; cp++) t[cp] = AN;
  for (let cp = 0xc0; cp <= 0x24f; cp++) t[cp] = AN;
  for (let cp = 0x370; cp <= 0x52f; cp++) t[cp] = AN;
  for (let cp = 0x1e00; cp <= 0x1fff; cp++) t[cp] = AN;
  // The rest of printable ASCII and Latin-1 are word symbols unless named below.
  for (let cp = 0x21; cp <= 0x7e; cp++) if (t[cp] === ID) t[cp] = SYM;
  for (let cp = 0xa1; cp <= 0xbf; cp++) t[cp] = SYM;
  t[0xd7] = ID; // ×
  t[0xf7] = ID; // ÷
  set(SYMBOLS, SYM);
  set('-\u2010\u2011', HY);
  set('"\'', QU);
  set(HALF_CLOSERS, CLH);
  set(HALF_OPENERS, OPH);
  set(FULL_CLOSERS, CL);
  set(FULL_OPENERS, OP);
  set('\uFFE5\uFF04\u20AC', OP); // ￥ ＄ € prefix their amount: never left at a line end
  set(DASHES, IN);
  // ASCII punctuation set above as CL/OP by FULL_* strings must stay half-width classes.
  set(HALF_CLOSERS, CLH);
  set(HALF_OPENERS, OPH);
  for (const cp of [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0x2028, 0x2029]) t[cp] = SP;
  for (let cp = 0x2000; cp <= 0x200a; cp++) t[cp] = SP;
  t[0xa0] = SYM; // a no-break space glues what it separates
  return t;
}

const CLASS_TABLE = buildClassTable();

/** The class of a code point (astral characters are ideograph-like). */
export function charClass(cp: number): number {
  return cp < 0x10000 ? CLASS_TABLE[cp]! : ID;
}

/** Whitespace collapsed by the segmenter (U+3000 ideographic space is kept as a character). */
export function isCollapsibleSpace(cp: number): boolean {
  return cp < 0x10000 && CLASS_TABLE[cp] === SP;
}

/** Invisible format characters (zero-width spaces and joiners, BOM, soft hyphen): skipped. */
export function isIgnorable(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || cp === 0xfeff || cp === 0xad || cp === 0x2060;
}

/** A Han ideograph or kana: emphasis dots go under these, not under punctuation or symbols. */
export function isHanOrKana(cp: number): boolean {
  return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x9fff)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
}

/**
 * Removable blank of full-width punctuation in GB (mainland) style, as fractions of the em:
 * stops and closing marks sit left (blank right), opening marks sit right (blank left).
 * Applied only when the face draws the mark full width.
 */
const BLANK_RIGHT = new Set<number>();
const BLANK_LEFT = new Set<number>();
for (const ch of '。、,.;:?!)]}」』】〕〉》”’〗〙〛\uFF0C\uFF0E\uFF1A\uFF1B\uFF01\uFF1F\uFF09\uFF3D\uFF5D\u3001\u3002') {
  BLANK_RIGHT.add(ch.codePointAt(0)!);
}
for (const ch of '([{「『【〔〈《“‘〖〘〚\uFF08\uFF3B\uFF5B') BLANK_LEFT.add(ch.codePointAt(0)!);

/** Which side of a full-width punctuation glyph is blank: 1 right, -1 left, 0 none. */
export function blankSide(cp: number): number {
  if (cp < 0x2000) return 0; // ASCII punctuation is proportional: nothing to squeeze
  if (BLANK_RIGHT.has(cp)) return 1;
  if (BLANK_LEFT.has(cp)) return -1;
  return 0;
}
