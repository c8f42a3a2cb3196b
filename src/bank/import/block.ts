// Scans the seed's "题目类型 / 题干 / 备选项 / 正确答案 ..." text, its one-line variants
// ("题干:...( C )。A、... B、...") and the answer-in-stem variant ("题干:...(答案)。") into
// fragments: stems and option groups, each with its line. Real exports cut and interleave
// blocks, so nothing here decides which options belong to which stem; `assemble` does.
import type { QuestionType } from '../schema.js';
import { BRACKET, answerBrackets } from './normalize.js';
import {
  cleanLine,
  hasNumbering,
  matchOptionStart,
  parseJudge,
  parseLetters,
  parseTypeName,
  splitInlineOptions,
  stripNumbering,
} from './text.js';

export interface OptionFragment {
  letter: string;
  text: string;
  line: number;
}

/** 备选项 with what follows them: answer and 知识点/难度/出处, which travel with the options. */
export interface Group {
  line: number;
  options: OptionFragment[];
  answer?: string;
  topic?: string;
  difficulty?: string;
  source?: string;
  explanation?: string;
}

export interface Entry {
  line: number;
  stem: string;
  /** Value of 题目类型, when the stem came in a labelled block. */
  typeName?: string;
  /** Type from a section heading such as "一、单选题(20题)". */
  sectionType?: QuestionType;
  labelled: boolean;
  group?: Group;
  /** 正确答案 given with no options (judge and fill blocks). */
  answer?: string;
  topic?: string;
  difficulty?: string;
  source?: string;
  explanation?: string;
}

export interface Fragments {
  entries: Entry[];
  /** Option groups found with no stem before them. */
  orphans: Group[];
}

interface LogicalLine {
  line: number;
  text: string;
}

type LabelKind = 'type' | 'stem' | 'options' | 'answer' | 'topic' | 'difficulty' | 'source' | 'explanation';
type MetaKind = 'topic' | 'difficulty' | 'source' | 'explanation';

// Labels are recognised by their Chinese characters only, so "题 目类型" or a label whose last
// character was replaced by junk ("备选ቤተ…:") still reads.
function labelKind(han: string, hadColon: boolean): LabelKind | undefined {
  if (han.length === 0 || han.length > 14) return undefined;
  if (/^(题目类型|题型|题目类别|试题类型)$/.test(han)) return 'type';
  if (han === '题干' || (hadColon && /^(题目|试题)$/.test(han))) return 'stem';
  if (han.startsWith('备选') || /^(选项|答案选项)$/.test(han)) return 'options';
  if (/^(正确答案|答案|参考答案|标准答案)$/.test(han)) return 'answer';
  if (han.endsWith('知识点')) return 'topic';
  if (han.endsWith('难度')) return 'difficulty';
  if (/^(教材出处|出处|文件依据|依据|来源|题目来源)/.test(han)) return 'source';
  if (/^(解析|答案解析|试题解析|题目解析)$/.test(han)) return 'explanation';
  return undefined;
}

const HAN = /\p{Script=Han}/u;

function matchLabel(text: string): { kind: LabelKind; value: string } | undefined {
  const colon = text.search(/[:：]/);
  const hanOnly = (s: string) => [...s].filter((c) => HAN.test(c)).join('');
  if (colon >= 0 && colon <= 30) {
    const kind = labelKind(hanOnly(text.slice(0, colon)), true);
    if (kind) return { kind, value: text.slice(colon + 1).trim() };
  }
  const whole = labelKind(hanOnly(text), false);
  if (whole && text.length <= 20) return { kind: whole, value: '' };
  const spaced = /^(\S+)\s+(\S.*)$/.exec(text);
  if (spaced) {
    const kind = labelKind(hanOnly(spaced[1]!), false);
    if (kind) return { kind, value: spaced[2]!.trim() };
  }
  return undefined;
}

// A stem label in the middle of a line starts a new logical line ("...( 80% )题干:理财经理...").
const MIDLINE_LABEL = /(?=(?:题\s*干|题目类型|正确答案|参考答案|(?<![确考准])答案|(?<!答案)解析)\s*[:：])/;

function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const clean = cleanLine(raw).trim();
    if (clean === '') return;
    for (const piece of clean.split(MIDLINE_LABEL)) {
      const t = piece.trim();
      if (t !== '') out.push({ line: i + 1, text: t });
    }
  });
  return out;
}

function hasAnswerBracket(stem: string): boolean {
  return answerBrackets(stem).length > 0 || /_{3,}/.test(stem);
}

/** A numbered line that is a question: it has an answer bracket with letters or √/×, or options follow. */
function isNumberedStem(text: string, next: LogicalLine | undefined): boolean {
  if (!hasNumbering(text)) return false;
  const body = stripNumbering(text);
  for (const m of body.matchAll(BRACKET)) {
    const c = m[1]!.trim();
    if (c !== '' && (parseLetters(c) !== undefined || parseJudge(c) !== undefined)) return true;
  }
  if (splitInlineOptions(body)?.before.trim()) return true;
  return next !== undefined && matchOptionStart(next.text)?.letter === 'A';
}

function nextLetter(group: Group): string {
  const last = group.options[group.options.length - 1];
  return last ? String.fromCharCode(last.letter.charCodeAt(0) + 1) : 'A';
}

export function scanBlocks(text: string): Fragments {
  const lines = logicalLines(text);
  const entries: Entry[] = [];
  const orphans: Group[] = [];
  let entry: Entry | undefined;
  let group: Group | undefined;
  let pending: { kind: LabelKind; target: Entry | Group | undefined } | undefined;
  let stemOpen = false;
  let continued = 0;
  let optionOpen = false;
  let sectionType: QuestionType | undefined;

  const close = () => {
    entry = undefined;
    group = undefined;
    pending = undefined;
    stemOpen = false;
    optionOpen = false;
  };
  const newGroup = (line: number, attach: boolean): Group => {
    const g: Group = { line, options: [] };
    if (attach && entry) entry.group = g;
    else {
      entry = undefined;
      orphans.push(g);
    }
    group = g;
    return g;
  };
  const addOptions = (g: Group, l: LogicalLine, letter: string, rest: string) => {
    const split = splitInlineOptions(`${letter}、${rest}`, letter);
    const opts = split?.options ?? [{ letter, text: rest.trim() }];
    for (const o of opts) g.options.push({ letter: o.letter, text: o.text, line: l.line });
    optionOpen = true;
  };
  const setStem = (e: Entry, value: string, l: LogicalLine) => {
    const body = stripNumbering(value);
    const split = splitInlineOptions(body);
    if (split && split.before.trim() !== '') {
      e.stem = split.before.trim();
      const g = newGroup(l.line, true);
      for (const o of split.options) g.options.push({ letter: o.letter, text: o.text, line: l.line });
      optionOpen = true;
      stemOpen = false;
      return;
    }
    e.stem = body;
    stemOpen = !hasAnswerBracket(body);
    continued = 0;
  };
  const setValue = (kind: LabelKind, target: Entry | Group | undefined, value: string, l: LogicalLine) => {
    if (!target) return;
    if (kind === 'type' && 'labelled' in target) target.typeName = value;
    else if (kind === 'stem' && 'labelled' in target) setStem(target, value, l);
    else if (kind === 'answer') target.answer = value;
    else if (kind === 'topic' || kind === 'difficulty' || kind === 'source' || kind === 'explanation') {
      target[kind as MetaKind] = value;
    }
  };

  lines.forEach((l, i) => {
    const label = matchLabel(l.text);
    const option = label ? undefined : matchOptionStart(l.text);
    if (pending) {
      const p = pending;
      pending = undefined;
      if (!label && !option) {
        setValue(p.kind, p.target, l.text, l);
        return;
      }
    }
    if (label) {
      optionOpen = false;
      const { kind, value } = label;
      if (kind === 'type') {
        close();
        entry = { line: l.line, stem: '', labelled: true, typeName: value };
        if (sectionType) entry.sectionType = sectionType;
        entries.push(entry);
        if (value === '') pending = { kind, target: entry };
        return;
      }
      if (kind === 'stem') {
        if (!(entry && entry.labelled && entry.stem === '' && !entry.group)) {
          close();
          entry = { line: l.line, stem: '', labelled: false };
          if (sectionType) entry.sectionType = sectionType;
          entries.push(entry);
        }
        const e = entry!;
        if (value !== '') setStem(e, value, l);
        else pending = { kind, target: e };
        return;
      }
      stemOpen = false;
      if (kind === 'options') {
        const g =
          group && group.options.length === 0 && group.answer === undefined
            ? group
            : newGroup(l.line, entry !== undefined && entry.stem !== '' && !entry.group);
        const first = value === '' ? undefined : matchOptionStart(value);
        if (first) addOptions(g, l, first.letter, first.rest);
        return;
      }
      const target = group ?? entry ?? (kind === 'answer' ? newGroup(l.line, false) : undefined);
      if (value !== '') setValue(kind, target, value, l);
      else pending = { kind, target };
      return;
    }
    if (option) {
      stemOpen = false;
      if (group && group.answer === undefined && option.letter === nextLetter(group)) {
        addOptions(group, l, option.letter, option.rest);
      } else {
        const attach = entry !== undefined && entry.stem !== '' && !entry.group;
        addOptions(newGroup(l.line, attach), l, option.letter, option.rest);
      }
      return;
    }
    // Plain text: the rest of a stem, the rest of an option, a numbered question, or junk.
    const next = lines[i + 1];
    if (entry && stemOpen && continued < 3 && /[,，。;；?？]/.test(l.text)) {
      const count = continued + 1;
      setStem(entry, `${entry.stem}${l.text}`, l);
      continued = count;
      return;
    }
    if (group && optionOpen && group.answer === undefined && next && matchOptionStart(next.text)?.letter === nextLetter(group)) {
      const last = group.options[group.options.length - 1]!;
      last.text += l.text;
      return;
    }
    if (isNumberedStem(l.text, next)) {
      close();
      entry = { line: l.line, stem: '', labelled: false };
      if (sectionType) entry.sectionType = sectionType;
      entries.push(entry);
      setStem(entry, l.text, l);
      return;
    }
    const heading = l.text.length <= 40 ? /(单选|单项选择|多选|多项选择|不定项|判断|填空)题/.exec(l.text) : null;
    if (heading) sectionType = parseTypeName(heading[1]!);
    close();
  });
  return { entries: entries.filter((e) => e.stem !== '' || e.group || e.answer !== undefined), orphans };
}
