// Read a YAML file so that every value can be traced back to its line and column.
import { readFileSync, statSync } from 'node:fs';
import { isNode, isCollection, LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JavaScript value of the document. */
  value: unknown;
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
  return { file, doc, lines, value };
}

export function isYamlFailure(x: YamlSource | YamlFailure): x is YamlFailure {
  return 'message' in x;
}

/**
 * Line and column of the value at `path` (keys and indexes), or of its nearest existing
 * ancestor, so a schema problem points at the line to edit.
 */
export function locate(src: YamlSource, path: readonly PropertyKey[]): { line: number; col: number } {
  let node: unknown = src.doc.contents;
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
  const at = src.lines.linePos(range ? range[0] : 0);
  return { line: at.line, col: at.col };
}
