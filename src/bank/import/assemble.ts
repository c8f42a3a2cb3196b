// Puts scanned fragments back together. The same question may appear as a labelled block, a
// one-line item and an answer-in-stem copy, and a cut-and-shuffled export hands one stem the
// options of another. An answer-in-stem copy ("必须(调离原岗位)") tells which option group is
// really this question's: a group whose right option reads differently is set aside, and a
// set-aside or stray group whose right option matches is taken instead.
import type { QuestionType } from '../schema.js';
import type { Entry, Fragments, Group } from './block.js';
import { answerBrackets, bracketsToBlanks, normalizeStem, squash, tidyChoiceStem } from './normalize.js';
import { halfWidthLetters, indexLetter, letterIndex, parseDifficulty, parseJudge, parseLetters, parseTypeName, shortStem } from './text.js';
import type { Draft, ImportDuplicate, ImportFailure, ParseOutcome } from './types.js';

interface Seen {
  entry: Entry;
  key: string;
  /** Bracket contents that are the answer written into the stem ("调离原岗位", "3","1","1"). */
  textAnswers?: string[];
  letters?: string;
  judge?: boolean;
}

interface Candidate {
  key: string;
  seen: Seen[];
  textAnswers?: string[];
  chosen?: { group: Group; answer: string; owner?: Seen; verified: boolean; from?: string };
  failure?: string;
  truncatedOf?: Candidate;
}

function readStem(entry: Entry): Seen {
  const seen: Seen = { entry, key: normalizeStem(entry.stem) };
  const brackets = answerBrackets(entry.stem).filter((b) => b !== '');
  if (brackets.length === 0) return seen;
  const letters = brackets.length === 1 ? parseLetters(brackets[0]!) : undefined;
  const judge = brackets.length === 1 ? parseJudge(brackets[0]!) : undefined;
  // "( F )" with no options is 错, not option F.
  if (judge !== undefined && (letters === undefined || !entry.group)) seen.judge = judge;
  else if (letters !== undefined) seen.letters = letters;
  else seen.textAnswers = brackets;
  return seen;
}

/**
 * The letters a group's 正确答案 names: "B", "ABD", "A、B、D", "C、客户等级" (letter then its
 * text) or the text of one option ("客户等级").
 */
function ownAnswer(g: Group): string | undefined {
  if (g.answer === undefined) return undefined;
  const letters = parseLetters(g.answer);
  if (letters) return letters;
  const lead = /^\s*([A-H](?:\s*[,，、]?\s*[A-H])*)\s*[、.．:：)）]/.exec(halfWidthLetters(g.answer.toUpperCase()));
  if (lead) return parseLetters(lead[1]!);
  const hits = g.options.filter((o) => squash(o.text) === squash(g.answer!));
  return hits.length === 1 ? hits[0]!.letter : undefined;
}

function isComplete(g: Group): boolean {
  return g.options.length >= 2 && g.options.every((o, i) => o.letter === indexLetter(i));
}

/** The group's answer letters: its 正确答案, else the stem's letters, else the option the stem names. */
function resolveAnswer(g: Group, seen: Seen | undefined, textAnswers = seen?.textAnswers): string | undefined {
  const own = ownAnswer(g);
  if (own) return own;
  if (seen?.letters) return seen.letters;
  if (textAnswers) {
    const joined = squash(textAnswers.join(','));
    const hits = g.options.filter((o) => squash(o.text) === joined);
    if (hits.length === 1) return hits[0]!.letter;
    const each = textAnswers.map((t) => g.options.find((o) => squash(o.text) === squash(t))?.letter);
    if (each.every((l) => l !== undefined)) return [...new Set(each as string[])].sort().join('');
  }
  return undefined;
}

function answerFits(g: Group, answer: string): boolean {
  return [...answer].every((l) => letterIndex(l) < g.options.length);
}

/** Does the right option(s) of the group read like the answer written into the stem? */
function agrees(g: Group, answer: string, textAnswers: string[]): boolean {
  const right = [...answer].map((l) => g.options[letterIndex(l)]?.text ?? '');
  if (squash(right.join(',')) === squash(textAnswers.join(','))) return true;
  return right.length === textAnswers.length && right.every((r, i) => squash(r) === squash(textAnswers[i]!));
}

function signature(g: Group, answer: string): string {
  return `${g.options.map((o) => squash(o.text)).join('|')}=${answer}`;
}


function typeOf(c: Candidate, answer: string): QuestionType | undefined {
  for (const s of c.seen) {
    const t = s.entry.typeName ? parseTypeName(s.entry.typeName) : undefined;
    if (t) return t;
  }
  const section = c.seen.find((s) => s.entry.sectionType)?.entry.sectionType;
  if (section === 'single' || section === 'multiple') return answer.length > 1 ? 'multiple' : section;
  return answer.length > 1 ? 'multiple' : 'single';
}

interface Meta {
  topic?: string;
  difficulty?: string;
  source?: string;
  explanation?: string;
}

function metaOf(...from: (Meta | undefined)[]): Pick<Draft, 'topic' | 'difficulty' | 'source' | 'explanation'> & { notes: string[] } {
  const pick = (k: keyof Meta) => from.map((m) => m?.[k]?.trim()).find((v) => v !== undefined && v !== '');
  const out: Pick<Draft, 'topic' | 'difficulty' | 'source' | 'explanation'> & { notes: string[] } = { notes: [] };
  const topic = pick('topic');
  if (topic) out.topic = topic;
  const d = pick('difficulty');
  if (d !== undefined) {
    const n = parseDifficulty(d);
    if (n !== undefined) out.difficulty = n;
    else out.notes.push(`题目难度 "${d}" is not 1..5`);
  }
  const source = pick('source');
  if (source) out.source = source;
  const explanation = pick('explanation');
  if (explanation) out.explanation = explanation;
  return out;
}

export function assembleFragments(fragments: Fragments): ParseOutcome {
  const failed: ImportFailure[] = [];
  const duplicates: ImportDuplicate[] = [];
  const drafts: Draft[] = [];

  // 1. Stems that are the same question, in file order.
  const byKey = new Map<string, Candidate>();
  for (const entry of fragments.entries) {
    const seen = readStem(entry);
    if (seen.key === '') {
      failed.push({ line: entry.line, reason: 'a question with an empty 题干; add the stem or delete the block' });
      continue;
    }
    const c = byKey.get(seen.key) ?? { key: seen.key, seen: [] };
    c.seen.push(seen);
    if (!c.textAnswers && seen.textAnswers) c.textAnswers = seen.textAnswers;
    byKey.set(seen.key, c);
  }
  const candidates = [...byKey.values()];

  // 2. A copy cut short before its bracket is the same question as the longer stem it begins.
  for (const c of candidates) {
    const bare = c.seen.every((s) => !s.entry.group && s.letters === undefined && s.judge === undefined && !s.textAnswers && s.entry.answer === undefined);
    // Short keys ("客户经理") begin too many stems to say which one was cut.
    if (!bare || c.key.length < 8) continue;
    const longer = candidates.find((o) => o !== c && o.key.length > c.key.length && o.key.startsWith(c.key) && !o.truncatedOf);
    if (longer) c.truncatedOf = longer;
  }

  // 3. Each stem's own options, kept when the answer written in the stem agrees.
  const pool: { group: Group; from?: Seen }[] = fragments.orphans.map((group) => ({ group }));
  const partials = new Map<Candidate, Group>();
  // Options named only by the stem's bracket: kept unless a "D、…" continuation completes them.
  const fallbacks = new Map<Candidate, { group: Group; answer: string; owner: Seen }>();
  for (const c of candidates) {
    if (c.truncatedOf) continue;
    for (const s of c.seen) {
      const g = s.entry.group;
      if (!g) continue;
      const answer = resolveAnswer(g, s, s.textAnswers ?? c.textAnswers);
      const whole = isComplete(g) && answer !== undefined && answerFits(g, answer);
      if (whole && (!c.textAnswers || agrees(g, answer, c.textAnswers))) {
        if (g.answer === undefined && c.textAnswers) {
          if (!fallbacks.has(c)) fallbacks.set(c, { group: g, answer, owner: s });
          partials.set(c, g);
        } else c.chosen ??= { group: g, answer, owner: s, verified: c.textAnswers !== undefined };
        continue;
      }
      if (!whole && g.answer === undefined && isComplete(g)) partials.set(c, g);
      pool.push({ group: g, from: s });
    }
  }

  // 4. Stems still without options take a set-aside or stray group their written answer names.
  const used = new Set<Group>();
  for (const c of candidates) if (c.chosen) used.add(c.chosen.group);
  for (const c of candidates) {
    if (c.chosen || c.truncatedOf || !c.textAnswers) continue;
    const text = c.textAnswers;
    const fallback = fallbacks.get(c);
    const hit = fallback
      ? undefined
      : pool.find(({ group: g }) => {
          if (used.has(g) || !isComplete(g) || g.answer === undefined) return false;
          const a = ownAnswer(g);
          return a !== undefined && answerFits(g, a) && agrees(g, a, text);
        });
    if (hit) {
      c.chosen = { group: hit.group, answer: ownAnswer(hit.group)!, verified: true };
      used.add(hit.group);
      continue;
    }
    // Options split in two: A..C under this stem, "D、..." with the answer elsewhere.
    const head = partials.get(c);
    if (head) {
      for (const { group: tail } of pool) {
        if (used.has(tail) || tail.answer === undefined || tail.options[0]?.letter !== indexLetter(head.options.length)) continue;
        const merged: Group = { ...tail, line: head.line, options: [...head.options, ...tail.options] };
        const a = ownAnswer({ ...tail, options: [...head.options, ...tail.options] });
        if (a && isComplete(merged) && answerFits(merged, a) && agrees(merged, a, text)) {
          c.chosen = { group: merged, answer: a, verified: true, from: `options ${head.options.map((o) => o.letter).join('')} at line ${head.line} and ${tail.options.map((o) => o.letter).join('')} with the answer at line ${tail.line}` };
          used.add(tail).add(head);
          break;
        }
      }
    }
    if (!c.chosen && fallback) {
      c.chosen = { ...fallback, verified: true };
      used.add(fallback.group);
    }
  }

  // 5. Options a checked question owns cannot also be another, unchecked stem's.
  const verifiedSigs = new Map<string, Candidate>();
  for (const c of candidates) if (c.chosen?.verified) verifiedSigs.set(signature(c.chosen.group, c.chosen.answer), c);
  for (const c of candidates) {
    if (!c.chosen || c.chosen.verified) continue;
    const owner = verifiedSigs.get(signature(c.chosen.group, c.chosen.answer));
    if (owner && owner !== c) {
      c.failure = `its options (line ${c.chosen.group.line}) are those of the question at line ${primary(owner).entry.line} (${shortStem(primary(owner).entry.stem)}); the source file is shuffled: find this question's own options and add them by hand`;
      used.delete(c.chosen.group);
      delete c.chosen;
    }
  }

  // 6. Drafts, failures and duplicates. Copies of the chosen options fill in 难度/出处 it lacks.
  const allGroups = [...fragments.orphans, ...fragments.entries.flatMap((e) => (e.group ? [e.group] : []))];
  const usedSigs = new Set<string>();
  for (const c of candidates) if (c.chosen) usedSigs.add(signature(c.chosen.group, c.chosen.answer));
  for (const c of candidates) {
    if (c.truncatedOf) {
      const to = primary(c.truncatedOf).entry;
      for (const s of c.seen) duplicates.push({ line: s.entry.line, stem: s.entry.stem, reason: `a copy cut short of the question at line ${to.line}` });
      continue;
    }
    const p = primary(c);
    for (const s of c.seen) {
      if (s === p) continue;
      const how = s.textAnswers && !s.entry.group ? 'answer-in-stem copy' : 'repeat';
      duplicates.push({ line: s.entry.line, stem: s.entry.stem, reason: `${how} of the question at line ${p.entry.line}` });
    }
    const twins = c.chosen ? allGroups.filter((g) => g !== c.chosen!.group && g.answer !== undefined && signature(g, ownAnswer(g) ?? '') === signature(c.chosen!.group, c.chosen!.answer)) : [];
    const result = draftOf(c, p, twins);
    if ('reason' in result) failed.push(result);
    else drafts.push(result);
  }

  // 7. Option groups nobody claimed: a person must find their stem.
  for (const { group: g } of pool) {
    if (used.has(g) || g.options.length === 0) continue;
    const a = ownAnswer(g);
    if (a !== undefined && usedSigs.has(signature(g, a))) continue;
    const right = a ? ` (answer ${a}: ${[...a].map((l) => g.options[letterIndex(l)]?.text ?? '?').join('、')})` : '';
    failed.push({ line: g.line, reason: `options ${g.options.map((o) => o.letter).join('')}${right} belong to no stem in the file; skipped` });
  }
  const claimed = new Set(drafts.map((d) => d.line));
  for (const g of fragments.orphans) {
    if (used.has(g) || g.options.length > 0 || claimed.has(g.line)) continue;
    if (g.answer !== undefined) failed.push({ line: g.line, reason: `正确答案 "${g.answer}" with no question; skipped` });
  }

  drafts.sort((a, b) => a.line - b.line);
  failed.sort((a, b) => a.line - b.line);
  duplicates.sort((a, b) => a.line - b.line);
  return { drafts, failed, duplicates };
}

/** The copy whose stem is printed: the one that brought the options, else a labelled block, else the first. */
function primary(c: Candidate): Seen {
  return (
    c.chosen?.owner ??
    c.seen.find((s) => s.entry.labelled) ??
    c.seen.find((s) => s.entry.group) ??
    c.seen[0]!
  );
}

function draftOf(c: Candidate, p: Seen, twins: Group[]): Draft | ImportFailure {
  const line = p.entry.line;
  const entryMeta = c.seen.map((s) => s.entry as Meta);
  const also = c.seen.length > 1 ? ` (also at line ${c.seen.filter((s) => s !== p).map((s) => s.entry.line).join(', ')})` : '';
  if (c.failure) return { line, reason: `${shortStem(p.entry.stem)}: ${c.failure}` };

  if (c.chosen) {
    const { group: g, answer } = c.chosen;
    const type = typeOf(c, answer);
    if (type === 'single' && answer.length > 1) {
      return { line, reason: `${shortStem(p.entry.stem)}: 题目类型 says 单选 but the answer is ${answer}; fix the type or the answer` };
    }
    if (type !== 'single' && type !== 'multiple') {
      return { line, reason: `${shortStem(p.entry.stem)}: 题目类型 says ${type} but options were given` };
    }
    const rightTexts = [...answer].map((l) => g.options[letterIndex(l)]!.text);
    const meta = metaOf(g, ...twins, p.entry, ...entryMeta);
    const notes = meta.notes;
    if (!c.chosen.owner) notes.push(`${c.chosen.from ?? `options and answer taken from line ${g.line}`}, not next to the stem (the source is out of order): check them`);
    const stemSource = p.entry.stem;
    return {
      line,
      type,
      stem: tidyChoiceStem(stemSource, [...(c.textAnswers ?? []), ...rightTexts, (c.textAnswers ?? []).join(',')]),
      options: g.options.map((o) => o.text),
      answer,
      ...withoutNotes(meta),
      ...(notes.length ? { notes } : {}),
    };
  }

  const typed = c.seen.map((s) => (s.entry.typeName ? parseTypeName(s.entry.typeName) : undefined)).find((t) => t);
  const given = c.seen.map((s) => s.entry.answer).find((a) => a !== undefined && a.trim() !== '');
  const judge =
    c.seen.find((s) => s.judge !== undefined)?.judge ??
    (typed === 'judge' || (typed === undefined && given !== undefined) ? parseJudge(given ?? '') : undefined);
  if (judge !== undefined) {
    const meta = metaOf(p.entry, ...entryMeta);
    return { line, type: 'judge', stem: tidyChoiceStem(p.entry.stem), answer: judge, ...withoutNotes(meta), ...(meta.notes.length ? { notes: meta.notes } : {}) };
  }
  if (typed === 'judge') return { line, reason: `${shortStem(p.entry.stem)}: 判断题 without a readable answer (√/×, 对/错, 正确/错误)${also}` };

  const withText = c.seen.find((s) => s.textAnswers);
  if (withText) {
    const { stem, answers } = bracketsToBlanks(withText.entry.stem);
    const meta = metaOf(...entryMeta);
    const notes = meta.notes;
    if (typed && typed !== 'fill') notes.push(`its ${typed === 'single' ? '单选' : '多选'} form at line ${p.entry.line} has no usable options; imported as a fill-in question`);
    return { line: withText.entry.line, type: 'fill', stem, answer: answers, ...withoutNotes(meta), ...(notes.length ? { notes } : {}) };
  }
  if (given !== undefined && (typed === 'fill' || (typed === undefined && parseLetters(given) === undefined))) {
    const answers = given.split(/[;；]/).map((a) => a.trim()).filter(Boolean);
    let stem = p.entry.stem.replace(/[(（]\s*[)）]/g, '___');
    if (!/_{3,}/.test(stem)) stem = `${stem}___`;
    const meta = metaOf(p.entry, ...entryMeta);
    return { line, type: 'fill', stem, answer: answers, ...withoutNotes(meta), ...(meta.notes.length ? { notes: meta.notes } : {}) };
  }
  return { line, reason: `${shortStem(p.entry.stem)}: no options or answer found for this stem (the file looks cut or shuffled); add them by hand${also}` };
}

function withoutNotes<T extends { notes: string[] }>(m: T): Omit<T, 'notes'> {
  const { notes: _, ...rest } = m;
  return rest;
}
