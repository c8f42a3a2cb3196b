// Read a YAML file so that every value can be traced back to its line and column.
import { readFileSync, statSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { isNode, isCollection, LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlSource {
  file: string;
  /** The text as read (BOM removed). */
  text: string;
  /** The plain JavaScript value of the document. */
  value: unknown;
  /** Line and column of each item of a top-level `questions:` list, when a cheap scan found them. */
  items?: { line: number; col: number }[];
  /** The full YAML document with positions; built only when a location beyond `items` is asked for. */
  full?: { doc: Document.Parsed; lines: LineCounter };
}

export interface YamlFailure {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Bytes that are neither UTF-8 text nor a YAML document: NUL bytes or invalid UTF-8. */
function looksBinary(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Parse one YAML file; every failure is one located line for a person, never a throw. */
export function readYaml(file: string): YamlSource | YamlFailure {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) return { file, line: 1, col: 1, message: 'is a folder, expected a YAML file' };
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' || code === 'EPERM' ? 'permission denied; give yourself read access' : (code ?? String(err));
    return { file, line: 1, col: 1, message: `cannot read: ${why}` };
  }
  if (looksBinary(bytes)) {
    return { file, line: 1, col: 1, message: 'is a binary file, not UTF-8 YAML text; save it as UTF-8 text' };
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '' || text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) {
    return { file, line: 1, col: 1, message: 'is empty; write the YAML content or delete the file' };
  }
  return parseYamlText(text, file);
}

/** Anchors and aliases (&name, *name): left to the careful parser, which stops alias bombs. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s,[\]{}]/m;

/**
 * Parse YAML text. Plain files (no anchors or aliases) go through js-yaml, several times faster
 * on a large bank; positions then come from a line scan of the `questions:` list, and the full
 * document with positions (the `yaml` package) is built only if a problem needs a location the
 * scan does not give. Anything js-yaml refuses is parsed again by `yaml` for a located message.
 */
export function parseYamlText(text: string, file: string): YamlSource | YamlFailure {
  if (!ANCHOR_OR_ALIAS.test(text)) {
    try {
      const value = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
      const src: YamlSource = { file, text, value };
      const questions = (value as { questions?: unknown } | null)?.questions;
      if (Array.isArray(questions)) {
        const items = questionItems(text);
        if (items.length === questions.length) src.items = items;
      }
      return src;
    } catch {
      // Fall through: the careful parser says where and why.
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const at = lines.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    return { file, line: at.line, col: at.col, message: `invalid YAML: ${reason}` };
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (err) {
    // yaml refuses alias bombs ("Excessive alias count") here, after parsing.
    const reason = (err as Error).message.split('\n')[0]!;
    const alias = /alias/i.test(reason);
    return { file, line: 1, col: 1, message: alias ? 'too many YAML aliases (*name) expand to a huge document; write the values out instead of nesting aliases' : `invalid YAML: ${reason}` };
  }
  return { file, text, value, full: { doc, lines } };
}

/**
 * Where each item of the top-level block list `questions:` starts: lines at the list's indent
 * that begin with "- ". The caller trusts the scan only if it counts as many items as the
 * parsed list holds (flow lists and other odd layouts fall back to the full document).
 */
function questionItems(text: string): { line: number; col: number }[] {
  const out: { line: number; col: number }[] = [];
  const lines = text.split('\n');
  let i = lines.findIndex((l) => /^questions\s*:\s*(#.*)?$/.test(l));
  if (i < 0) return out;
  let indent = -1;
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?\r?$/.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    if (indent < 0) {
      if (!/^\s*-(\s|$)/.test(line)) return out;
      indent = lead;
    }
    if (lead < indent) break;
    if (lead === indent) {
      const m = /^(\s*)-(\s+)(\S?)/.exec(line);
      if (!m) break; // a sibling key at the list's indent (only possible when indent is 0)
      out.push({ line: i + 1, col: m[3] ? m[1]!.length + 1 + m[2]!.length + 1 : lead + 1 });
    }
  }
  return out;
}

/** The full document with positions, parsed on first need. */
function fullDocument(src: YamlSource): { doc: Document.Parsed; lines: LineCounter } {
  if (!src.full) {
    const lines = new LineCounter();
    src.full = { doc: parseDocument(src.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false }), lines };
  }
  return src.full;
}

export function isYamlFailure(x: YamlSource | YamlFailure): x is YamlFailure {
  return 'message' in x;
}

/**
 * Line and column of the value at `path` (keys and indexes), or of its nearest existing
 * ancestor, so a schema problem points at the line to edit.
 */
export function locate(src: YamlSource, path: readonly PropertyKey[]): { line: number; col: number } {
  if (src.items && path.length === 2 && path[0] === 'questions' && typeof path[1] === 'number' && src.items[path[1]]) return src.items[path[1]]!;
  const { doc, lines } = fullDocument(src);
  let node: unknown = doc.contents;
  let best = node;
  for (const key of path) {
    if (!isCollection(node)) break;
    const next = node.get(typeof key === 'symbol' ? String(key) : key, true);
    if (!isNode(next)) {
      // A missing key: point at the mapping that lacks it.
      break;
    }
    node = next;
    best = next;
  }
  const range = isNode(best) ? best.range : undefined;
  const at = lines.linePos(range ? range[0] : 0);
  return { line: at.line, col: at.col };
}
