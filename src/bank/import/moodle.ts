// Moodle XML, the most common LMS export: multichoice (single and multiple), truefalse and
// shortanswer; a category question sets the topic of those after it. Other types are reported.
import { rawToDraft, type RawItem } from './records.js';
import { plainText } from './text.js';
import type { ImportFailure, ParseOutcome } from './types.js';

type Node = Record<string, unknown>;

/** Text of a <questiontext>/<answer>/<text> node, HTML made plain. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return plainText(String(node));
  const n = node as Node;
  if ('text' in n) return textOf(n.text);
  if ('#text' in n) return plainText(String(n['#text']));
  return '';
}

/** Line of the k-th <question tag. */
export function tagLines(source: string, tag: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let last = 0;
  for (const m of source.matchAll(tag)) {
    for (let i = source.indexOf('\n', last); i >= 0 && i < m.index!; i = source.indexOf('\n', i + 1)) line++;
    last = m.index!;
    lines.push(line);
  }
  return lines;
}

export async function parseMoodle(xml: string): Promise<ParseOutcome> {
  const { XMLParser } = await import('fast-xml-parser');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ['question', 'answer', 'tag'].includes(name),
  });
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    return { drafts: [], duplicates: [], failed: [{ line: 1, reason: `not readable as XML: ${(err as Error).message}` }] };
  }
  const questions = ((doc.quiz as Node | undefined)?.question as Node[] | undefined) ?? [];
  const lines = tagLines(xml, /<question\b/g);
  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [] };
  let topic: string | undefined;
  questions.forEach((q, k) => {
    const line = lines[k] ?? 1;
    const type = String(q.type ?? '');
    if (type === 'category') {
      topic = textOf(q.category).replace(/^\$\w+\$\/?/, '').split('/').filter((p) => p && p !== 'top').pop();
      return;
    }
    const stem = textOf(q.questiontext);
    const answers = ((q.answer as Node[] | undefined) ?? []).map((a) => ({ text: textOf(a), fraction: Number(a.fraction ?? 0) }));
    const explanation = textOf(q.generalfeedback) || undefined;
    const base: RawItem = { line, stem, ...(explanation ? { explanation } : {}), ...(topic ? { topic } : {}) };
    let raw: RawItem;
    if (type === 'multichoice') {
      const single = String(q.single ?? 'true').trim() !== 'false';
      raw = { ...base, type: single ? 'single' : 'multiple', options: answers.map((a) => a.text), correct: answers.map((a) => (single ? a.fraction >= 100 : a.fraction > 0)) };
    } else if (type === 'truefalse') {
      const right = answers.find((a) => a.fraction >= 100);
      raw = { ...base, type: 'judge', answer: right?.text ?? '' };
    } else if (type === 'shortanswer') {
      const accepted = answers.filter((a) => a.fraction >= 100).map((a) => a.text);
      raw = { ...base, type: 'fill', answer: accepted.length ? [accepted.join('|')] : '' };
    } else {
      out.failed.push({ line, reason: `${stem.slice(0, 30) || type}: Moodle ${type || 'untyped'} questions are not supported (multichoice, truefalse and shortanswer are); skipped` });
      return;
    }
    const d = rawToDraft(raw, { indexBase: 0 });
    if ('reason' in d) out.failed.push(d as ImportFailure);
    else out.drafts.push(d);
  });
  return out;
}
