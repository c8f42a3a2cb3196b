// Moodle's Aiken format: a question line (or several), lettered options "A. ..." / "B) ...",
// then "ANSWER: B". We also read "ANSWER: A,C" as a multiple-choice answer and two options
// 正确/错误 (True/False) as a judge question.
import { collapseSpaces, matchOptionStart, parseJudge, parseLetters, stripNumbering, cleanLine, letterIndex, indexLetter, shortStem } from './text.js';
import type { Draft, ImportFailure, ParseOutcome } from './types.js';

const ANSWER_LINE = /^\s*(?:ANSWER|答案|正确答案)\s*[:：]\s*(.*)$/i;

interface Pending {
  line: number;
  stem: string[];
  options: { letter: string; text: string }[];
  /** Already reported as failed; read on to its ANSWER line and drop it. */
  broken?: boolean;
}

export function parseAiken(text: string): ParseOutcome {
  const drafts: Draft[] = [];
  const failed: ImportFailure[] = [];
  let q: Pending | undefined;

  const unfinished = () => {
    if (q && !q.broken && (q.stem.length || q.options.length)) {
      failed.push({ line: q.line, reason: `${shortStem(q.stem.join(' '))}: no "ANSWER: <letter>" line before the blank line; add it` });
    }
    q = undefined;
  };

  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const t = cleanLine(raw).trim();
    if (t === '') {
      // A blank line inside a question's text is tolerated until options have begun.
      if (q && q.options.length > 0) unfinished();
      return;
    }
    const answer = ANSWER_LINE.exec(t);
    if (answer) {
      if (!q) {
        failed.push({ line, reason: 'ANSWER line with no question before it' });
        return;
      }
      const done = q;
      q = undefined;
      drafts.push(...finish(done, answer[1]!.trim(), line, failed));
      return;
    }
    const option = matchOptionStart(t);
    if (option && q?.broken) return;
    if (option && (!q || q.stem.length === 0)) {
      failed.push({ line, reason: `option ${option.letter} with no question text before it` });
      q = { line, stem: [], options: [], broken: true };
      return;
    }
    if (option && q && q.stem.length > 0) {
      const expected = indexLetter(q.options.length);
      if (option.letter !== expected) {
        failed.push({ line, reason: `option ${option.letter} where ${expected} was expected; options must run A, B, C… in order` });
        q.broken = true;
        return;
      }
      q.options.push({ letter: option.letter, text: collapseSpaces(option.rest) });
      return;
    }
    if (q && q.options.length > 0) {
      // Text after options: the previous question lacked its ANSWER line.
      unfinished();
    }
    q ??= { line, stem: [], options: [] };
    q.stem.push(t);
  });
  unfinished();
  return { drafts, failed, duplicates: [] };
}

const CJK_EDGE = /[\p{Script=Han}，。、；：？！（）《》“”]/u;

/** Lines of a question joined: no space between Chinese lines, one between Latin ones. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, l) => (acc === '' ? l : CJK_EDGE.test(acc.slice(-1)) || CJK_EDGE.test(l[0] ?? '') ? acc + l : `${acc} ${l}`), '');
}


function finish(q: Pending, answerText: string, answerLine: number, failed: ImportFailure[]): Draft[] {
  const stem = stripNumbering(collapseSpaces(joinLines(q.stem)));
  if (q.broken) return [];
  if (stem === '') {
    failed.push({ line: q.line, reason: 'options with no question text' });
    return [];
  }
  if (q.options.length < 2) {
    failed.push({ line: q.line, reason: `${shortStem(stem)}: needs at least two options "A. …", "B. …"` });
    return [];
  }
  if (q.options.length > 8) {
    failed.push({ line: q.line, reason: `${shortStem(stem)}: ${q.options.length} options; at most 8 (A–H) are allowed` });
    return [];
  }
  const letters = parseLetters(answerText);
  if (!letters) {
    failed.push({ line: answerLine, reason: `${shortStem(stem)}: ANSWER "${answerText}" is not option letters (e.g. ANSWER: B)` });
    return [];
  }
  const missing = [...letters].find((l) => letterIndex(l) >= q.options.length);
  if (missing) {
    failed.push({ line: answerLine, reason: `${shortStem(stem)}: ANSWER ${missing} but the options stop at ${indexLetter(q.options.length - 1)}` });
    return [];
  }
  const texts = q.options.map((o) => o.text);
  const judges = texts.map((t) => parseJudge(t));
  if (texts.length === 2 && letters.length === 1 && judges[0] !== undefined && judges[1] !== undefined && judges[0] !== judges[1]) {
    return [{ line: q.line, type: 'judge', stem, answer: judges[letterIndex(letters)]! }];
  }
  return [{ line: q.line, type: letters.length > 1 ? 'multiple' : 'single', stem, options: texts, answer: letters }];
}
