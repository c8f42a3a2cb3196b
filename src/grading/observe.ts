// --update-bank: the measured difficulty written into the question files as `observed`, beside
// the author's own `difficulty`. The yaml Document API finds where each question's keys are;
// the text is then edited only there, so comments, spacing and flow lists stay byte for byte.
import { isMap, isSeq, parseDocument, Scalar, type Node, type Pair } from 'yaml';

export interface Observation {
  difficulty: number;
  candidates: number;
  paper: string;
}

/** `text` with `observed` set on each question whose id is in `observations`. */
export function withObservations(text: string, observations: ReadonlyMap<string, Observation>): { text: string; updated: string[] } | { problem: string } {
  const doc = parseDocument(text);
  if (doc.errors.length) return { problem: doc.errors[0]!.message };
  const questions = doc.get('questions');
  if (!isSeq(questions)) return { problem: 'has no questions list' };
  const updated: string[] = [];
  const edits: { from: number; to: number; text: string }[] = [];
  for (const item of questions.items) {
    if (!isMap(item)) continue;
    const id = String(item.get('id'));
    const o = observations.get(id);
    if (!o) continue;
    const flow = `{difficulty: ${Math.round(o.difficulty * 1000) / 1000}, candidates: ${o.candidates}, paper: ${JSON.stringify(o.paper)}}`;
    const pairs = item.items as Pair<unknown, unknown>[];
    const existing = pairs.find((p) => keyOf(p) === 'observed');
    const value = existing?.value as Node | undefined;
    if (value?.range) {
      edits.push({ from: value.range[0], to: value.range[1], text: flow });
    } else {
      const difficulty = pairs.find((p) => keyOf(p) === 'difficulty');
      const key = difficulty?.key as Node | undefined;
      const end = (difficulty?.value as Node | undefined)?.range?.[1];
      if (!key?.range || end === undefined) return { problem: `question ${id} has no difficulty to write the observed one beside` };
      const column = key.range[0] - (text.lastIndexOf('\n', key.range[0] - 1) + 1);
      const lineEnd = text.indexOf('\n', end);
      const at = lineEnd < 0 ? text.length : lineEnd;
      edits.push({ from: at, to: at, text: `\n${' '.repeat(column)}observed: ${flow}` });
    }
    updated.push(id);
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  const check = parseDocument(out);
  if (check.errors.length) return { problem: `the edit would break the file (${check.errors[0]!.message}); nothing written` };
  return { text: out, updated };
}

function keyOf(p: Pair<unknown, unknown>): unknown {
  return p.key instanceof Scalar ? p.key.value : p.key;
}
