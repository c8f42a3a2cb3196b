// IMS QTI 2.1 items: choiceInteraction (single or multiple response) and textEntryInteraction
// (fill-in). A file may hold one assessmentItem or several; each is a question.
import { rawToDraft, type RawItem } from './records.js';
import { tagLines } from './moodle.js';
import { collapseSpaces, plainText } from './text.js';
import type { ImportFailure, ParseOutcome } from './types.js';

/** fast-xml-parser's ordered form: [{tag: children, ':@': attrs}, {'#text': '…'}]. */
type Ordered = Record<string, unknown>;

function tagOf(n: Ordered): string | undefined {
  return Object.keys(n).find((k) => k !== ':@' && k !== '#text');
}
function attrs(n: Ordered): Record<string, string> {
  return (n[':@'] as Record<string, string> | undefined) ?? {};
}
function kids(n: Ordered): Ordered[] {
  const t = tagOf(n);
  return t ? ((n[t] as Ordered[] | undefined) ?? []) : [];
}
function allText(nodes: Ordered[]): string {
  return nodes.map((n) => ('#text' in n ? String(n['#text']) : tagOf(n) === 'br' ? '\n' : allText(kids(n)))).join('');
}
function findAll(nodes: Ordered[], tag: string, out: Ordered[] = []): Ordered[] {
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    else findAll(kids(n), tag, out);
  }
  return out;
}

interface Body {
  stem: string;
  choices: { id: string; text: string }[];
  choiceResponse?: string;
  maxChoices?: number;
  blanks: string[];
  other?: string;
}

function readBody(nodes: Ordered[], body: Body): string {
  let s = '';
  for (const n of nodes) {
    if ('#text' in n) {
      s += String(n['#text']);
      continue;
    }
    const t = tagOf(n)!;
    if (t === 'choiceInteraction') {
      body.choiceResponse = attrs(n).responseIdentifier;
      body.maxChoices = Number(attrs(n).maxChoices ?? 1);
      for (const c of kids(n)) {
        if (tagOf(c) === 'prompt') s += ` ${allText(kids(c))}`;
        if (tagOf(c) === 'simpleChoice') body.choices.push({ id: attrs(c).identifier ?? '', text: collapseSpaces(plainText(allText(kids(c)))) });
      }
    } else if (t === 'textEntryInteraction') {
      body.blanks.push(attrs(n).responseIdentifier ?? '');
      s += '___';
    } else if (/Interaction$/.test(t)) body.other ??= t;
    else if (t === 'br' || t === 'p' || t === 'div') s += ` ${readBody(kids(n), body)} `;
    else s += readBody(kids(n), body);
  }
  return s;
}

/**
 * A QTI content package (.zip): every XML entry holding assessmentItems, in name order. The
 * line of an item is its number in the package; failures name the entry.
 */
export async function parseQtiPackage(entries: Map<string, () => string>): Promise<ParseOutcome> {
  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [], notes: [] };
  let n = 0;
  const names = [...entries.keys()].filter((e) => /\.xml$/i.test(e) && !/imsmanifest\.xml$/i.test(e)).sort();
  for (const name of names) {
    const xml = entries.get(name)!();
    if (!/<(?:\w+:)?assessmentItem[\s>]/.test(xml)) continue;
    const one = await parseQti(xml);
    const order = [...one.drafts.map((d) => d.line), ...one.failed.map((f) => f.line)].sort((a, b) => a - b);
    const renumber = (line: number) => n + 1 + order.indexOf(line);
    for (const d of one.drafts) out.drafts.push({ ...d, line: renumber(d.line) });
    for (const f of one.failed) out.failed.push({ line: renumber(f.line), reason: `${name}: ${f.reason}` });
    out.notes!.push({ line: n + 1, message: `item ${n + 1} is in ${name}` });
    n += one.drafts.length + one.failed.length;
  }
  if (n === 0) out.notes = [];
  return out;
}

export async function parseQti(xml: string): Promise<ParseOutcome> {
  const { XMLParser } = await import('fast-xml-parser');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseTagValue: false, trimValues: false, removeNSPrefix: true });
  let doc: Ordered[];
  try {
    doc = parser.parse(xml) as Ordered[];
  } catch (err) {
    return { drafts: [], duplicates: [], failed: [{ line: 1, reason: `not readable as XML: ${(err as Error).message}` }] };
  }
  const items = findAll(doc, 'assessmentItem');
  const lines = tagLines(xml, /<(?:\w+:)?assessmentItem\b/g);
  const out: ParseOutcome = { drafts: [], duplicates: [], failed: [] };
  items.forEach((item, k) => {
    const line = lines[k] ?? 1;
    const correct = new Map<string, string[]>();
    for (const decl of findAll(kids(item), 'responseDeclaration')) {
      const values = findAll(findAll(kids(decl), 'correctResponse'), 'value').map((v) => collapseSpaces(allText(kids(v))));
      // Alternatives with full credit only (York 1, york 1 — not Manchester 0.5).
      const entries = findAll(kids(decl), 'mapEntry').map((e) => ({ key: attrs(e).mapKey ?? '', value: Number(attrs(e).mappedValue ?? 0) }));
      const top = Math.max(0, ...entries.map((e) => e.value));
      const mapped = entries.filter((e) => top > 0 && e.value === top).map((e) => e.key);
      correct.set(attrs(decl).identifier ?? '', [...new Set([...values, ...mapped].filter(Boolean))]);
    }
    const body: Body = { stem: '', choices: [], blanks: [] };
    const stem = collapseSpaces(plainText(readBody(kids(findAll(kids(item), 'itemBody')[0] ?? {}), body)));
    const title = attrs(item).title ?? attrs(item).identifier ?? '';
    const explanation = collapseSpaces(allText(findAll(kids(item), 'modalFeedback').flatMap(kids))) || undefined;
    let raw: RawItem;
    if (body.other) {
      out.failed.push({ line, reason: `${title}: QTI ${body.other} is not supported (choiceInteraction and textEntryInteraction are); skipped` });
      return;
    }
    if (body.choices.length) {
      const right = correct.get(body.choiceResponse ?? '') ?? [];
      raw = { line, stem, type: body.maxChoices === 1 ? 'single' : 'multiple', options: body.choices.map((c) => c.text), correct: body.choices.map((c) => right.includes(c.id)) };
    } else if (body.blanks.length) {
      const answers = body.blanks.map((id) => (correct.get(id) ?? []).join('|'));
      raw = { line, stem, type: 'fill', answer: answers.some((a) => a === '') ? '' : answers };
    } else {
      out.failed.push({ line, reason: `${title}: no choiceInteraction or textEntryInteraction in the item body; skipped` });
      return;
    }
    if (explanation) raw.explanation = explanation;
    const d = rawToDraft(raw, { indexBase: 0 });
    if ('reason' in d) out.failed.push(d as ImportFailure);
    else out.drafts.push(d);
  });
  return out;
}
