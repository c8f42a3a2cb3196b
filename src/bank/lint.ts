// Rules beyond the schema: what makes a bank wrong (errors) or suspicious (warnings).
import { LETTERS } from '../questions/choice.js';
import { questionType } from '../questions/registry.js';
import { BLANK_PATTERN, type Bank, type Problem, type Question } from './schema.js';
import { contentProblems, type ContentLintOptions } from './lintContent.js';
import { similarStems } from './stems.js';


function at(q: Question, rule: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { severity, file: q.loc.file, line: q.loc.line, col: q.loc.col, id: q.id, rule, message };
}

/** Problems of one question on its own: its type's rules (answer shape, options, blanks), then what every type keeps. */
export function questionProblems(q: Question): Problem[] {
  const type = questionType(q.type);
  const out = type.options === 'none' && q.options ? [at(q, 'options', `a ${q.type} question has no options; remove options:`)] : [];
  out.push(...type.lint(q).map((p) => at(q, p.rule, p.message)));
  if (type.stemMarks !== 'blanks' && BLANK_PATTERN.test(q.stem)) {
    out.push(at(q, 'fill-blanks', `a ${q.type} stem has a ___ blank; use ( ) for the answer bracket or make it type: fill`));
  }
  BLANK_PATTERN.lastIndex = 0;
  return out;
}

function duplicateIds(bank: Bank): Problem[] {
  const out: Problem[] = [];
  const first = new Map<string, Question>();
  for (const q of bank.questions) {
    const prev = first.get(q.id);
    if (prev) out.push(at(q, 'duplicate-id', `id ${q.id} is already used at ${prev.loc.file}:${prev.loc.line}; give this question a new id`));
    else first.set(q.id, q);
  }
  const norms = new Map<string, string>();
  const note = (id: string, loc: { file: string; line: number; col: number }, what: string) => {
    const prev = norms.get(id);
    if (prev) out.push({ severity: 'error', ...loc, id, rule: 'duplicate-id', message: `${what} id ${id} is already used at ${prev}` });
    else norms.set(id, `${loc.file}:${loc.line}`);
  };
  for (const ch of bank.chapters) {
    note(ch.id, ch.loc, 'chapter');
    for (const s of ch.sections) {
      note(s.id, s.loc, 'section');
      for (const n of s.norms) note(n.id, n.loc, 'norm');
    }
  }
  return out;
}

/** Same or nearly the same stems; questions of a case group are compared only with others under the same material. */
function duplicateStems(bank: Bank): Problem[] {
  const groups = new Map<string, Question[]>();
  for (const q of bank.questions) {
    const key = q.material ?? '';
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(q);
  }
  return [...groups.values()].flatMap((qs) =>
    similarStems(qs.map((q) => q.stem)).map(({ a, b, similarity }) => {
      const first = qs[a]!;
      const what = similarity === 1 ? 'the same stem as' : `nearly the same stem as (${Math.round(similarity * 100)}% alike)`;
      return at(qs[b]!, similarity === 1 ? 'duplicate-stem' : 'near-duplicate-stem', `${what} ${first.id} (${first.loc.file}:${first.loc.line}); merge them or reword one`);
    }),
  );
}

/**
 * Case materials: a group is the questions carrying the same material text, printed once above
 * them. A material only one question carries, or one that differs slightly from another
 * group's, is most likely a copy that drifted (a typo splits the group in two).
 */
function materials(bank: Bank): Problem[] {
  const byText = new Map<string, Question[]>();
  for (const q of bank.questions) {
    if (q.material === undefined) continue;
    (byText.get(q.material) ?? byText.set(q.material, []).get(q.material)!).push(q);
  }
  const out: Problem[] = [];
  const texts = [...byText.keys()];
  const variants = similarStems(texts).filter((p) => p.similarity < 1);
  const drifted = new Set<number>();
  for (const { a, b, similarity } of variants) {
    drifted.add(b);
    const first = byText.get(texts[a]!)![0]!;
    for (const q of byText.get(texts[b]!)!) {
      out.push(at(q, 'material-variant', `its material is ${Math.round(similarity * 100)}% like that of ${first.id} (${first.loc.file}:${first.loc.line}) but not the same; copy one text to both so the group prints once`, 'warning'));
    }
  }
  texts.forEach((t, i) => {
    const qs = byText.get(t)!;
    if (qs.length === 1 && !drifted.has(i)) {
      out.push(at(qs[0]!, 'material-alone', 'the only question with this material; a case group needs two or more questions with the same material text (or drop material: and put the text in the stem)', 'warning'));
    }
  });
  return out;
}

function references(bank: Bank): Problem[] {
  const topics = new Set(bank.topics.map((t) => t.id));
  const out: Problem[] = [];
  for (const q of bank.questions) {
    if (topics.size && !topics.has(q.topic)) {
      out.push(at(q, 'unknown-topic', `topic ${q.topic} is not in topics.yaml (known: ${[...topics].join(', ')})`));
    }
    for (const n of q.norms) {
      if (!bank.norms.has(n)) out.push(at(q, 'unknown-norm', `norm ${n} is not defined in norms/*.yaml`));
    }
  }
  return out;
}

/** Questions whose one correct letter the assembler balances: their letters in a file should be even too. */
const balancesLetters = (q: Question) => questionType(q.type).shuffle.balanceLetters;

/** Warnings that a paper may give its answers away: skewed letters, the longest option too often right. */
function answerPatterns(bank: Bank): Problem[] {
  const out: Problem[] = [];
  const byFile = new Map<string, Question[]>();
  for (const q of bank.questions) {
    if (balancesLetters(q) && typeof q.answer === 'string' && q.options?.length) {
      (byFile.get(q.loc.file) ?? byFile.set(q.loc.file, []).get(q.loc.file)!).push(q);
    }
  }
  for (const [file, qs] of byFile) {
    if (qs.length < 8) continue;
    const where = { severity: 'warning' as const, file, line: 1, col: 1 };
    const counts = new Map<string, number>();
    for (const q of qs) counts.set(q.answer as string, (counts.get(q.answer as string) ?? 0) + 1);
    const letters = 'ABCD'.split('');
    const shares = letters.map((l) => (counts.get(l) ?? 0) / qs.length);
    if (shares.some((s) => s > 0.4 || s < 0.1)) {
      const tally = letters.map((l) => `${l} ${counts.get(l) ?? 0}`).join(', ');
      out.push({ ...where, rule: 'answer-skew', message: `answer letters of the ${qs.length} single-choice questions are skewed (${tally}); move some correct options` });
    }
    const longest = qs.filter((q) => {
      const opts = q.options!;
      const answerLen = opts[LETTERS.indexOf(q.answer as string)]?.length ?? 0;
      return opts.every((o, i) => i === LETTERS.indexOf(q.answer as string) || o.length < answerLen);
    });
    if (longest.length / qs.length > 0.4) {
      out.push({ ...where, rule: 'longest-answer', message: `the correct option is the longest in ${longest.length} of ${qs.length} single-choice questions; candidates learn to pick the longest` });
    }
  }
  for (const q of bank.questions) {
    if (q.norms.length === 0) out.push(at(q, 'no-norm', 'cites no handbook norm; add norms: [id] so keys can say 见手册', 'warning'));
  }
  return out;
}

/** C0/C1 controls (not tab or newline), DEL, lone surrogates and Unicode noncharacters such as U+FFFE. */
const UNPRINTABLE = new RegExp(
  `[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uFDD0-\\uFDEF\\uFFFE\\uFFFF\\uD800-\\uDFFF${Array.from({ length: 16 }, (_, p) => `\\u{${(p + 1).toString(16)}FFFE}\\u{${(p + 1).toString(16)}FFFF}`).join('')}]`,
  'u',
);

/** A quick test without the u flag (surrogate pairs match too): only then the exact one. */
const MAYBE_UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Characters no font can print, which would fail later in rendering far from their question. */
function unprintable(bank: Bank): Problem[] {
  const out: Problem[] = [];
  const check = (text: unknown, field: string, report: (message: string) => void) => {
    if (typeof text !== 'string' || !MAYBE_UNPRINTABLE.test(text)) return;
    const m = UNPRINTABLE.exec(text);
    if (!m) return;
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    report(`${field} holds the unprintable character U+${code} at character ${[...text.slice(0, m.index)].length + 1}; delete it (often pasted from another program)`);
  };
  for (const q of bank.questions) {
    const report = (message: string) => out.push(at(q, 'unprintable', message));
    check(q.stem, 'stem', report);
    q.options?.forEach((o, i) => check(o, `option ${LETTERS[i]}`, report));
    if (Array.isArray(q.answer)) q.answer.forEach((a, i) => check(a, `answer ${i + 1}`, report));
    check(q.source, 'source', report);
    check(q.explanation, 'explanation', report);
    q.tags?.forEach((t) => check(t, 'a tag', report));
  }
  for (const n of bank.norms.values()) {
    check(n.text, 'text', (message) => out.push({ severity: 'error', ...n.loc, id: n.id, rule: 'unprintable', message }));
  }
  return out;
}

/** Every problem of a loaded bank, sorted by file and line. */
export function lintBank(bank: Bank, options: ContentLintOptions = {}): Problem[] {
  const problems = [
    ...duplicateIds(bank),
    ...bank.questions.flatMap(questionProblems),
    ...duplicateStems(bank),
    ...materials(bank),
    ...references(bank),
    ...answerPatterns(bank),
    ...contentProblems(bank, options),
    ...unprintable(bank),
  ];
  return sortProblems(problems);
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** `FILE:LINE:COL ID severity rule: message`, the line a person reads. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col} ${p.id ?? '-'} ${p.severity} ${p.rule}: ${p.message}`;
}
