// Numbered question text as trainers paste it from Word: "1、…（ B ）" or "…宣布成立。B", options
// several to a line or one per line, section headings (一、单项选择题 / 三、判断题 / 案例分析) that set
// the type of what follows, numbering that restarts per section, answers on "答案：" lines.
// Every numbered item becomes a draft or a failure with its line; nothing is dropped.
import type { QuestionType } from '../schema.js';
import { BRACKET, bracketsToBlanks, squash } from './normalize.js';
import { cleanLine, collapseSpaces, halfWidthLetters, indexLetter, judgePair, letterIndex, matchOptionStart, parseDifficulty, parseJudge, parseLetters, splitInlineOptions, stripNumbering, shortStem } from './text.js';
import type { Draft, ImportFailure, ParseOutcome } from './types.js';

/** The type a heading sets; `other:简答` for kinds of question the bank does not hold. */
type Section = QuestionType | 'case' | `other:${string}`;

/** "一、单项选择题（每题1分）", "三、判断题", "案例分析": the type of what follows. */
const SECTION =
  /^(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十\d]+部分\s*|[(（][一二三四五六七八九十]+[)）])?\s*[【\[]?\s*(单项选择|单选|多项选择|多选|不定项选择|不定项|判断|是非|填空|案例分析|案例|选择)题?\s*[】\]]?\s*(?:[(（:：].*)?$/;

/** "四、简答题", "第五部分 论述题": a section of questions we cannot import. */
const OTHER_SECTION = /^(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十\d]+部分\s*|[(（][一二三四五六七八九十]+[)）])\s*(\S{1,8}?)题\s*(?:[(（:：].*)?$/;

function sectionOf(word: string): Section {
  if (/单/.test(word) || word === '选择') return 'single';
  if (/多|不定项/.test(word)) return 'multiple';
  if (/判断|是非/.test(word)) return 'judge';
  if (/填空/.test(word)) return 'fill';
  return 'case';
}

/** "1." "1、" "1．" "1)" "(1)" "（1）" "86.." "第3题" before a stem. */
const NUMBER = /^(?:[(（]\s*(\d{1,4})\s*[)）]|(\d{1,4})\s*(?:\.{1,2}|．|、|:|：|\)|）)|第\s*(\d{1,4})\s*题\s*[.、:：]?)\s*/;

const LABEL = /^[【\[]?\s*(正确答案|参考答案|标准答案|答案|答案解析|试题解析|解析|出处|教材出处|来源|文件依据|依据|难度|知识点)\s*(?:[】\]]\s*[:：]?|[:：])\s*(.*)$/;
/** "答案B", "答案 √" with no colon. */
const BARE_ANSWER = /^(正确答案|参考答案|标准答案|答案)\s*([A-Ha-h]{1,8}|[√×✓✗Ⅹ]|对|错|正确|错误)\s*$/;
/** "答案：B" or "解析：…" at the end of a stem or options line. */
const TRAILING_LABEL = /\s*[【\[]?(?:正确答案|参考答案|标准答案|答案|解析)[】\]]?\s*[:：]|\s*[【\[]?(?:正确答案|参考答案|标准答案|答案)[】\]]?\s*(?=[A-H]{1,8}\s*$)/;

const JUDGE_MARK = '√×✓✗✔✘XxⅩⅹ';
/** "D夏季": an option letter with no separator, before a Chinese character. */
const BARE_START = /^[A-HＡ-Ｈ](?=\p{Script=Han})/u;
/** "----B----", "___C___": the answer between dashes or underscores. */
const MARKED = new RegExp(`(?:-{2,}|_{2,}|—+)\\s*([A-Ha-h](?:\\s*[A-Ha-h]){0,7}|[${JUDGE_MARK}]|对|错|正确|错误)\\s*(?:-{2,}|_{2,}|—+)`);
/** "…宣布成立。B", "…。√": the answer after the stem's last punctuation. */
const TRAILING = new RegExp(`([。．.？?！!）)”"：:；;，,]|\\s)\\s*([A-H]{1,8}|[${JUDGE_MARK}]|对|错|正确|错误)\\s*$`);

interface Item {
  line: number;
  /** Its number, to find it in an answer key at the end ("1-5 BCADB"). */
  number?: number;
  stem: string[];
  options: { letter: string; text: string }[];
  answer?: string;
  explanation?: string;
  source?: string;
  difficulty?: string;
  topic?: string;
  section?: Section;
  material?: string;
  heading?: { text: string; line: number };
}

/** Lines of a stem joined: no space between Chinese lines, one between Latin ones. */
function join(parts: string[]): string {
  const cjk = /[\p{Script=Han}，。、；：？！（）《》“”]/u;
  return parts.reduce((acc, l) => (acc === '' ? l : cjk.test(acc.slice(-1)) || cjk.test(l[0] ?? '') ? acc + l : `${acc} ${l}`), '');
}

function tidyOption(text: string): string {
  return collapseSpaces(text).replace(/[；;。]+$/, '').trim();
}


export function parsePlainText(text: string): ParseOutcome {
  const drafts: Draft[] = [];
  const failed: ImportFailure[] = [];
  let section: Section | undefined;
  let heading: { text: string; line: number } | undefined;
  let material: { text: string; line: number } | undefined;
  let lastNumber: number | undefined;
  let item: Item | undefined;
  /** Unnumbered lines not yet known to be a heading, case material or an unnumbered stem. */
  let loose: { line: number; text: string }[] = [];

  /** Set after a 解析 line: the plain lines that follow continue it. */
  let explaining = false;

  /** Lines held back that belong to the item after all: the rest of its stem, or of its last option. */
  const absorbLoose = (target: Item) => {
    if (loose.length === 0) return;
    if (target.options.length === 0) target.stem.push(...loose.map((l) => l.text));
    else {
      // An option broken over lines: the text between two options is the rest of the first.
      const last = target.options[target.options.length - 1]!;
      last.text = tidyOption(join([last.text, ...loose.map((l) => l.text)]));
    }
    loose = [];
  };

  /** Items read, finished at the end once an answer key (if any) has been seen. */
  const closed: Item[] = [];
  const close = () => {
    if (item) closed.push(item);
    item = undefined;
  };
  /** "参考答案" at the end: answers by section and number. */
  const key = new Map<string, string>();
  let keyMode = false;
  let keyPending = false;
  let keySection: Section | undefined;
  const flushLoose = () => {
    if (loose.length === 0) return;
    if (section === 'case') {
      const t = join(loose.map((l) => l.text));
      // Material paragraphs that follow each other are one text; a new one starts after questions.
      material = material && material.line === -1 ? { text: join([material.text, t]), line: -1 } : { text: t, line: -1 };
    } else {
      const last = loose[loose.length - 1]!;
      // A title such as 《营业网点服务规范》试题 or 第二章 服务礼仪; not a page number, not "四、简答题".
      const t = last.text;
      if (t.length <= 40 && (t.match(/\p{Script=Han}/gu)?.length ?? 0) >= 2 && !/第\s*\d+\s*页/.test(t) && !/^[一二三四五六七八九十]+\s*[、.．].*题\s*(?:[(（].*)?$/.test(t)) heading = last;
    }
    loose = [];
  };
  const open = (line: number, stem: string) => {
    close();
    flushLoose();
    if (material) material.line = line; // questions have begun: the next loose text is new material
    item = { line, stem: [], options: [], ...(section ? { section } : {}), ...(heading ? { heading } : {}), ...(section === 'case' && material ? { material: material.text } : {}) };
    addStemText(stem);
  };
  const addStemText = (s: string) => {
    if (!item) return;
    const rest = takeLabels(item, s);
    const split = splitInlineOptions(rest, 'A', true);
    if (split && split.before.trim() !== '' && item.options.length === 0) {
      item.stem.push(split.before.trim());
      for (const o of split.options) item.options.push({ letter: o.letter, text: tidyOption(o.text) });
    } else if (rest.trim() !== '') item.stem.push(rest.trim());
  };
  const addOptions = (first: string, s: string) => {
    if (!item) return;
    const rest = takeLabels(item, s);
    const split = splitInlineOptions(`${first}、${rest}`, first, true);
    for (const o of split?.options ?? [{ letter: first, text: rest }]) item.options.push({ letter: o.letter, text: tidyOption(o.text) });
  };

  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const t = cleanLine(raw).trim();
    if (t === '') return;

    const sec = t.length <= 40 && !NUMBER.test(t) ? SECTION.exec(t) : null;
    const other = sec || t.length > 40 || NUMBER.test(t) ? null : OTHER_SECTION.exec(t);
    const startKey = () => {
      explaining = false;
      close();
      flushLoose();
      keyMode = true;
      keySection = undefined;
    };
    const keyStart = KEY_START.exec(t);
    if (keyStart && keyStart[1] === '') {
      // "参考答案" alone: a key follows, or this question's answer is on the next line.
      keyPending = true;
      return;
    }
    if (keyStart && looksLikeKey(keyStart[1]!)) {
      startKey();
      readKey(keyStart[1]!, keySection, key);
      return;
    }
    if (keyPending) {
      keyPending = false;
      if (sec || other || looksLikeKey(t)) startKey();
      else if (item && (/^[A-H]{1,8}$/.test(t) || parseJudge(t) !== undefined)) {
        item.answer = t;
        return;
      }
    }
    if (keyMode) {
      if (sec || other) {
        keySection = sec ? sectionOf(sec[1]!) : `other:${other![1]}`;
        return;
      }
      if (looksLikeKey(t)) {
        readKey(t, keySection, key);
        return;
      }
      // Not a key line: questions again.
      keyMode = false;
    }
    if (sec || other) {
      explaining = false;
      close();
      flushLoose();
      section = sec ? sectionOf(sec[1]!) : `other:${other![1]}`;
      material = undefined;
      lastNumber = undefined;
      return;
    }

    const label = LABEL.exec(t) ?? BARE_ANSWER.exec(t);
    if (label) {
      explaining = false;
      if (item) {
        absorbLoose(item);
        setLabel(item, label[1]!, label[2]!);
        explaining = /解析/.test(label[1]!);
      } else if (/出处|来源|依据/.test(label[1]!) && label[2]!.trim()) {
        // "出处：《网点服务规范》" above the questions: the source of those that name none.
        heading = { text: label[2]!.trim(), line };
      } else {
        failed.push({ line, reason: `${label[1]}：${shortStem(label[2]!)} with no numbered question above it; skipped` });
      }
      return;
    }
    if (explaining && item && !NUMBER.test(t) && !matchOptionStart(t) && (/[。；;，,！!？?）)”]$/.test(t) || t.length > 40)) {
      // 解析 running over several lines (a short line without a full stop is a heading instead).
      item.explanation = join([item.explanation ?? '', t]);
      return;
    }
    explaining = false;

    const num = NUMBER.exec(t);
    if (num) {
      const n = Number(num[1] ?? num[2] ?? num[3]);
      const rest = t.slice(num[0].length);
      // "49.1999版第五套人民币…": the 1999 belongs to the stem; "3.5%…" inside a stem is a decimal.
      const numbering = !/^\d/.test(rest) || lastNumber === undefined || n === lastNumber + 1 || n === 1 || /^\d/.test(rest) && num[0].includes('、');
      if (numbering && rest.trim() !== '') {
        lastNumber = n;
        open(line, rest);
        item!.number = n;
        return;
      }
    }

    const option = matchOptionStart(t);
    const expected = item ? indexLetter(item.options.length) : 'A';
    const bare = item !== undefined && item.options.length > 0 && BARE_START.test(t) && halfWidthLetters(t[0]!) === expected;
    if (option || bare) {
      const letter = option ? option.letter : expected;
      const rest = option ? option.rest : t.slice(1);
      if (item && (item.options.length === 0 || letter === expected)) absorbLoose(item);
      if (letter === 'A' && (!item || item.options.length > 0) && loose.length) {
        // An unnumbered stem: the lines just before the options.
        const stemLines = loose;
        loose = [];
        close();
        item = { line: stemLines[0]!.line, stem: [], options: [], ...(section ? { section } : {}), ...(heading ? { heading } : {}), ...(section === 'case' && material ? { material: material.text } : {}) };
        stemLines.forEach((l, k) => addStemText(k === 0 ? stripNumbering(l.text) : l.text));
      }
      if (item && (letter === expected || (letter === 'A' && item.options.length === 0))) {
        addOptions(letter, rest);
        return;
      }
      if (item && item.options.length > 0 && letter <= expected) {
        failed.push({ line, reason: `option ${letter} again after ${item.options.map((o) => o.letter).join('')} of the question at line ${item.line}: the options of two questions are mixed; fix by hand` });
        return;
      }
      if (!item) {
        failed.push({ line, reason: `option ${letter} with no question before it; skipped` });
        return;
      }
    }

    // A line that is only the answer: "B", "ABD", "√".
    if (item && (/^[A-H]{1,8}$/.test(t) || parseJudge(t) !== undefined) && item.answer === undefined) {
      item.answer = t;
      return;
    }
    if (item && item.options.length === 0 && loose.length === 0 && !stemDone(item)) {
      addStemText(t);
      return;
    }
    loose.push({ line, text: t });
  });
  close();
  flushLoose();
  applyKey(closed, key);
  for (const it of closed) {
    const r = finish(it);
    if ('reason' in r) failed.push(r);
    else drafts.push(r);
  }
  return { drafts, failed, duplicates: [] };
}

/** "参考答案" / "参考答案：1-5 BCADB" standing alone: the answer key of the questions above. */
const KEY_START = /^[【\[]?\s*(?:参考答案|标准答案|答案与解析|参考答案及解析|参考答案与解析|答案汇总)\s*[】\]]?\s*[:：]?\s*(.*)$/;
const KEY_MARK = '[A-Ha-h√×✓✗XxⅩ对错]';
const KEY_RANGE = new RegExp(`(\\d+)\\s*[-–—~～至]\\s*(\\d+)\\s*[:：.、]?\\s*((?:${KEY_MARK}\\s*)+)`, 'g');
const KEY_ONE = /(\d+)\s*[.、:：)）．]?\s*([A-Ha-h]{1,8}|[√×✓✗XxⅩ]|对|错|正确|错误)(?![A-Za-z])/g;

/** A line of an answer key: nothing but "1-5 BCADB", "6.A 7.√" entries and separators. */
function looksLikeKey(line: string): boolean {
  const hits = (line.match(KEY_RANGE)?.length ?? 0) + (line.replace(KEY_RANGE, ' ').match(KEY_ONE)?.length ?? 0);
  return hits > 0 && line.replace(KEY_RANGE, ' ').replace(KEY_ONE, ' ').replace(/[\s,，;；.。、:：]/g, '') === '';
}

/** Reads "1-5 BCADB 6-10 √×√√×" and "1.B 2.AC 3.√" into key entries for `section`. */
function readKey(line: string, section: Section | undefined, key: Map<string, string>): void {
  const rest = line.replace(KEY_RANGE, (_w, a: string, b: string, marks: string) => {
    const list = [...marks.replace(/\s/g, '')];
    const from = Number(a);
    if (list.length === Number(b) - from + 1) list.forEach((m, i) => key.set(`${section ?? ''}#${from + i}`, m));
    return ' ';
  });
  for (const m of rest.matchAll(KEY_ONE)) key.set(`${section ?? ''}#${m[1]}`, m[2]!);
}

/** Items with no answer of their own take the key's, by section and number (by number alone when the key names no sections and numbers do not repeat). */
function applyKey(items: Item[], key: Map<string, string>): void {
  if (key.size === 0) return;
  const numbers = items.map((i) => i.number);
  const unique = new Set(numbers).size === numbers.length;
  for (const it of items) {
    if (it.number === undefined || it.answer !== undefined || read(join(it.stem)).answer !== undefined) continue;
    const answer = key.get(`${it.section ?? ''}#${it.number}`) ?? (unique ? key.get(`#${it.number}`) : undefined);
    if (answer !== undefined) it.answer = answer;
  }
}

/** A stem with a filled answer mark or ending in ？/。 followed by nothing is complete; later text is not its continuation. */
function stemDone(item: Item): boolean {
  const s = item.stem.join('');
  return item.answer !== undefined || read(s).answer !== undefined;
}

/** Splits "答案：B 解析：…" off the end of a line into the item; returns the rest. */
function takeLabels(item: Item, s: string): string {
  const at = s.search(TRAILING_LABEL);
  if (at <= 0) return s;
  const tail = s.slice(at).trim();
  for (const piece of tail.split(/(?=[【\[]?(?:正确答案|参考答案|标准答案|答案|解析)[】\]]?\s*[:：])/)) {
    const m = LABEL.exec(piece.trim()) ?? BARE_ANSWER.exec(piece.trim());
    if (m) setLabel(item, m[1]!, m[2]!);
  }
  return s.slice(0, at);
}

function setLabel(item: Item, name: string, value: string) {
  const v = value.trim();
  if (/解析/.test(name)) item.explanation = item.explanation ? `${item.explanation}${v}` : v;
  else if (/答案/.test(name)) {
    // "答案：" alone: the answer is on the next line.
    if (v !== '') item.answer = v;
  }
  else if (/出处|来源|依据/.test(name)) item.source = v;
  else if (name === '难度') item.difficulty = v;
  else if (name === '知识点') item.topic = v;
}

interface Read {
  stem: string;
  /** The answer the stem carries: letters, a judge mark, or bracket text (fill). */
  answer?: string;
}

/** The answer written into a stem: "（AB DE）", "（abc）", "----B----", "___C___", "…成立。B", "（√）". */
function read(stem: string): Read {
  let answer: string | undefined;
  let s = stem.replace(MARKED, (_w, a: string) => {
    answer ??= a;
    return '( )';
  });
  s = s.replace(BRACKET, (whole, content: string) => {
    const c = content.trim();
    if (c === '') return '( )';
    if (answer === undefined && (parseLetters(c) !== undefined || parseJudge(c) !== undefined)) {
      answer = c;
      return '( )';
    }
    return whole;
  });
  if (answer === undefined) {
    const trailing = TRAILING.exec(s);
    if (trailing) {
      answer = trailing[2]!;
      s = s.slice(0, trailing.index + trailing[1]!.length).trim();
    }
  }
  return { stem: collapseSpaces(s), ...(answer !== undefined ? { answer } : {}) };
}

function finish(item: Item): Draft | ImportFailure {
  const raw = join(item.stem);
  const r = read(raw);
  const line = item.line;
  const fail = (why: string): ImportFailure => ({ line, reason: `${shortStem(r.stem || raw)}: ${why}` });
  if (r.stem === '' || r.stem === '( )') return fail('no question text after the number');
  const meta = {
    ...(item.explanation ? { explanation: item.explanation } : {}),
    ...(item.source ? { source: item.source } : {}),
    ...(item.topic ? { topic: item.topic } : {}),
    ...(item.material ? { material: item.material } : {}),
    ...(item.heading ? { heading: item.heading } : {}),
  };
  if (item.section?.startsWith('other:')) return fail(`under a ${item.section.slice(6)}题 heading: only choice, judge and fill-in questions can be imported; skipped`);
  const notes: string[] = [];
  let difficulty: number | undefined;
  if (item.difficulty !== undefined) {
    difficulty = parseDifficulty(item.difficulty);
    if (difficulty === undefined) notes.push(`难度 "${item.difficulty}" is not 1..5`);
  }
  const base = { line, ...meta, ...(difficulty !== undefined ? { difficulty } : {}) };
  const written = item.answer?.trim() || r.answer;
  const options = item.options.map((o) => o.text);

  if (options.length >= 2) {
    if (options.length > 8) return fail(`${options.length} options; at most 8 (A–H) are allowed`);
    const empty = options.findIndex((o) => o === '');
    if (empty >= 0) return fail(`option ${indexLetter(empty)} is empty`);
    if (written === undefined) return fail('options but no answer: write it in the bracket (B), after the stem, or on an 答案： line');
    let letters = parseLetters(written);
    if (!letters) {
      const byText = options.findIndex((o) => squash(o) === squash(written));
      if (byText >= 0) letters = indexLetter(byText);
    }
    const pair = judgePair(options);
    if (pair && letters?.length === 1) {
      return { ...base, type: 'judge', stem: r.stem, answer: pair[letterIndex(letters)]!, ...(notes.length ? { notes } : {}) };
    }
    if (!letters) return fail(`answer "${written}" is not option letters A–${indexLetter(options.length - 1)}`);
    const outside = [...letters].find((l) => letterIndex(l) >= options.length);
    if (outside) return fail(`answer ${outside} but the options stop at ${indexLetter(options.length - 1)}`);
    let type: QuestionType = letters.length > 1 ? 'multiple' : 'single';
    if (item.section === 'multiple') type = 'multiple';
    if (item.section === 'single' && letters.length > 1) notes.push(`under a 单选 heading but the answer is ${letters}: imported as a multiple-choice question`);
    if (item.section === 'judge' || item.section === 'fill') notes.push(`under a ${item.section === 'judge' ? '判断' : '填空'} heading but it has options: imported as a choice question`);
    return { ...base, type, stem: r.stem, options, answer: letters, ...(notes.length ? { notes } : {}) };
  }
  if (options.length === 1) return fail(`only option A; a choice question needs at least two`);

  if (item.section === 'fill') {
    const blanks = bracketsToBlanks(raw.replace(/_{2,}([^_]+?)_{2,}/g, '($1)'));
    if (blanks.answers.length > 0) return { ...base, type: 'fill', stem: blanks.stem, answer: blanks.answers, ...(notes.length ? { notes } : {}) };
    if (item.answer?.trim()) {
      const answers = item.answer.split(/[;；]/).map((a) => a.trim()).filter(Boolean);
      let stem = r.stem.replace(/\(\s*\)/g, '___');
      if (!/_{3,}/.test(stem)) stem = `${stem}___`;
      return { ...base, type: 'fill', stem, answer: answers, ...(notes.length ? { notes } : {}) };
    }
    return fail('填空题 with no answer in brackets or on an 答案： line');
  }
  const judge = written !== undefined ? parseJudge(halfWidthLetters(written)) : undefined;
  if (judge !== undefined) return { ...base, type: 'judge', stem: r.stem, answer: judge, ...(notes.length ? { notes } : {}) };
  if (item.section === 'judge') return fail(`判断题 without a readable mark (√ × 对 错 正确 错误)${written ? `: "${written}"` : ''}`);
  return fail('no options and no answer found for this numbered item; add them, or delete the line if it is not a question');
}
