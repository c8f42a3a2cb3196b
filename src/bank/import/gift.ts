// Moodle GIFT: "::title:: text {=right ~wrong}", weighted multiple answers "{~%50%a ~%50%b}",
// true/false "{T}", short answer "{=a =b}" (a brace inside the text marks the blank), "//"
// comments, "$CATEGORY:" lines, "\~ \= \# \{ \} \:" escapes and "#feedback" / "####general".
// Matching, numerical and essay questions have no place in our bank and are reported.
import { cleanLine, collapseSpaces, indexLetter, parseJudge, plainText, stripNumbering, shortStem } from './text.js';
import type { Draft, ImportFailure, ParseOutcome } from './types.js';

interface Chunk {
  line: number;
  text: string;
  category?: string;
}

/** Questions are separated by blank lines; comments and $CATEGORY lines are not part of them. */
function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | undefined;
  let category: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const t = cleanLine(raw);
    const trimmed = t.trim();
    if (trimmed.startsWith('//')) return;
    const cat = /^\$CATEGORY\s*:\s*(.*)$/i.exec(trimmed);
    if (cat) {
      cur = undefined;
      category = cat[1]!.trim().split('/').filter(Boolean).pop();
      return;
    }
    if (trimmed === '') {
      cur = undefined;
      return;
    }
    if (!cur) {
      cur = { line: i + 1, text: trimmed, ...(category ? { category } : {}) };
      out.push(cur);
    } else cur.text += `\n${trimmed}`;
  });
  return out;
}

/** Index of the first `ch` not escaped by a backslash, from `from`. */
function unescapedIndex(s: string, ch: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s.startsWith(ch, i)) return i;
  }
  return -1;
}

function unescape(s: string): string {
  return s.replace(/\\n/g, '\n').replace(/\\([~=#{}:\\])/g, '$1');
}

/** Splits at every unescaped occurrence of one of `marks`, keeping the mark with the piece after it. */
function splitAtMarks(s: string, marks: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (marks.includes(s[i]!)) {
      if (start >= 0) out.push(s.slice(start, i));
      start = i;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

interface Answer {
  right: boolean;
  weight?: number;
  text: string;
  feedback?: string;
}

function readAnswer(piece: string): Answer {
  let body = piece.slice(1);
  let weight: number | undefined;
  const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(body);
  if (w) {
    weight = Number(w[1]);
    body = body.slice(w[0].length);
  }
  const hash = unescapedIndex(body, '#');
  const text = collapseSpaces(unescape(hash >= 0 ? body.slice(0, hash) : body));
  const feedback = hash >= 0 ? collapseSpaces(unescape(body.slice(hash + 1))) : undefined;
  return { right: piece[0] === '=', ...(weight !== undefined ? { weight } : {}), text, ...(feedback ? { feedback } : {}) };
}


export function parseGift(text: string): ParseOutcome {
  const drafts: Draft[] = [];
  const failed: ImportFailure[] = [];
  for (const chunk of chunks(text)) {
    const r = parseChunk(chunk);
    if ('reason' in r) failed.push(r);
    else drafts.push(r);
  }
  return { drafts, failed, duplicates: [] };
}

function parseChunk(chunk: Chunk): Draft | ImportFailure {
  const fail = (reason: string): ImportFailure => ({ line: chunk.line, reason });
  let s = chunk.text;
  const title = /^::((?:\\.|[^:\\]|:(?!:))*)::/.exec(s);
  if (title) s = s.slice(title[0].length);
  const markup = /^\s*\[(html|moodle|plain|markdown)\]/i.exec(s);
  if (markup) s = s.slice(markup[0].length);
  // [html] (and [moodle]/[markdown], which may hold tags too): text is made plain.
  const html = markup !== null && markup[1]!.toLowerCase() !== 'plain';
  const plain = (t: string) => (html ? collapseSpaces(plainText(t)) : t);
  const open = unescapedIndex(s, '{');
  const label = title ? `"${unescape(title[1]!).trim()}"` : shortStem(collapseSpaces(unescape(s)));
  if (open < 0) return fail(`${label}: no answer block {…}; GIFT descriptions are not questions`);
  const close = unescapedIndex(s, '}', open);
  if (close < 0) return fail(`${label}: answer block { is never closed with }`);
  const before = plain(unescape(s.slice(0, open))).trim();
  const after = plain(unescape(s.slice(close + 1))).trim();
  let body = s.slice(open + 1, close).trim();
  if (before === '' && after === '') return fail(`${label}: no question text`);
  if (unescapedIndex(s, '{', close + 1) >= 0) return fail(`${label}: more than one answer block; only one blank per GIFT question is supported`);

  let general: string | undefined;
  const g = body.indexOf('####');
  if (g >= 0) {
    general = collapseSpaces(unescape(body.slice(g + 4)));
    body = body.slice(0, g).trim();
  }
  if (body === '') return fail(`${label}: essay questions {} are not supported (no answer to grade)`);
  if (body.startsWith('#')) return fail(`${label}: numerical questions {#…} are not supported`);
  if (unescapedIndex(body, '->') >= 0) return fail(`${label}: matching questions (->) are not supported`);

  const base = { line: chunk.line, ...(chunk.category ? { topic: chunk.category } : {}) };
  const tf = /^(T|F|TRUE|FALSE)\s*(#.*)?$/is.exec(body);
  if (tf) {
    // {T#shown when wrong#shown when right}: the second feedback explains the right answer.
    const feedbacks = tf[2] ? splitAtMarks(tf[2], '#').map((f) => collapseSpaces(unescape(f.slice(1)))).filter(Boolean) : [];
    const explanation = general ?? feedbacks[feedbacks.length - 1];
    return {
      ...base,
      type: 'judge',
      stem: stemWith(before, after, '( )'),
      answer: parseJudge(tf[1]!)!,
      ...(explanation ? { explanation } : {}),
    };
  }

  const answers = splitAtMarks(body, '=~').map(readAnswer).map((a) => ({ ...a, text: plain(a.text) }));
  if (answers.length === 0) return fail(`${label}: the answer block has no =right or ~wrong answers`);
  const empty = answers.find((a) => a.text === '');
  if (empty) return fail(`${label}: an answer in {…} is empty`);
  const feedbackOf = (list: Answer[]) => general ?? (list.map((a) => a.feedback).filter(Boolean).join(' ') || undefined);

  if (answers.every((a) => a.right)) {
    // Short answer: every "=" is an accepted spelling of the one blank; partial credit is not.
    const accepted = answers.filter((a) => a.weight === undefined || a.weight >= 100).map((a) => a.text);
    if (accepted.length === 0) return fail(`${label}: no answer with full credit`);
    const explanation = feedbackOf(answers);
    return {
      ...base,
      type: 'fill',
      stem: stemWith(before, after, '___'),
      answer: [accepted.join('|')],
      ...(explanation ? { explanation } : {}),
    };
  }

  if (answers.length > 8) return fail(`${label}: ${answers.length} options; at most 8 (A–H) are allowed`);
  if (answers.length < 2) return fail(`${label}: a choice question needs at least two answers`);
  const weighted = answers.some((a) => !a.right && a.weight !== undefined);
  const right = answers.map((a, i) => ({ a, i })).filter(({ a }) => a.right || (a.weight ?? 0) > 0);
  if (right.length === 0) return fail(`${label}: no right answer (=answer, or ~%50%answer for multiple choice)`);
  if (!weighted && right.length > 1) return fail(`${label}: ${right.length} answers marked "="; use ~%50%a ~%50%b for a multiple-choice question`);
  const letters = right.map(({ i }) => indexLetter(i)).join('');
  const explanation = feedbackOf(right.map(({ a }) => a));
  return {
    ...base,
    type: weighted ? 'multiple' : 'single',
    stem: stemWith(before, after, '( )'),
    options: answers.map((a) => a.text),
    answer: letters,
    ...(explanation ? { explanation } : {}),
  };
}

/** The stem with the answer block's place marked when it stood inside the text. */
function stemWith(before: string, after: string, mark: string): string {
  const b = stripNumbering(collapseSpaces(before));
  const a = collapseSpaces(after);
  if (a === '') return mark === '___' ? `${b}___` : b;
  return `${b}${mark}${a}`;
}
