// Bank text → inline segments a template can print without logic: plain text, emphasised
// negation words (着重号), the answer bracket and fill-in blanks (with answers in keys).
import { BLANK_PATTERN, type QuestionType } from '../bank/schema.js';
import { questionType } from '../questions/registry.js';

export interface Segment {
  text: string;
  isEm: boolean;
  isBracket: boolean;
  isBlank: boolean;
  /** Blank width, e.g. "6em". */
  width: string;
  /** Printed in keys; null on papers. */
  answer: string | null;
}

const plain = (text: string): Segment => ({ text, isEm: false, isBracket: false, isBlank: false, width: '', answer: null });
const em = (text: string): Segment => ({ ...plain(text), isEm: true });

/** The answer bracket as trainers write it: （ ）, ( ), （）, with any spaces. */
const BRACKET = /[（(][\s\u3000]*[）)]/g;

export interface StemOptions {
  type: QuestionType;
  /** Answers to print in the bracket (one per bracket) or on the blanks (one per blank); omit on papers. */
  answers?: string[];
  /** The accepted answers of each blank (`两|2`), which size the blank on papers and keys alike. */
  blankAnswers?: readonly string[];
  /** Negation words to mark with emphasis dots; empty for none. */
  negation: readonly string[];
}

/** A stem as segments: brackets and blanks found, a bracket added at the end of choice and judge stems without one. */
export function stemSegments(stem: string, opts: StemOptions): Segment[] {
  const out: Segment[] = [];
  const answers = opts.answers ?? [];
  let next = 0;
  const isFill = questionType(opts.type).stemMarks === 'blanks';
  const pattern = isFill ? new RegExp(BLANK_PATTERN.source, 'g') : BRACKET;
  pattern.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  let found = 0;
  while ((m = pattern.exec(stem))) {
    out.push(...textSegments(stem.slice(last, m.index), opts.negation));
    const i = next++;
    const answer = answers[i] ?? null;
    if (isFill) out.push({ ...plain(''), isBlank: true, width: blankWidth(opts.blankAnswers?.[i] ?? answer ?? ''), answer });
    else out.push({ ...plain(''), isBracket: true, answer });
    last = m.index + m[0].length;
    found++;
  }
  out.push(...textSegments(stem.slice(last), opts.negation));
  if (!isFill && found === 0) out.push({ ...plain(''), isBracket: true, answer: answers[0] ?? null });
  return out.filter((s) => s.text || s.isBracket || s.isBlank);
}

/** Wide enough for the answer, never telling: 4 to 12 em. */
export function blankWidth(answer: string): string {
  const longest = Math.max(0, ...answer.split('|').map((a) => [...a].length));
  return `${Math.min(12, Math.max(4, longest + 2))}em`;
}

/** Text with each negation word (longest first) as its own emphasised segment. */
export function textSegments(text: string, negation: readonly string[]): Segment[] {
  if (!text) return [];
  if (!negation.length) return [plain(text)];
  const words = [...negation].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(words.join('|'), 'g');
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push(plain(text.slice(last, m.index)));
    out.push(em(m[0]));
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(plain(text.slice(last)));
  return out;
}
