// Strict parsing of template output into the node tree: well-formed XML, and every element,
// attribute and nesting checked against MARKUP_SPEC, each problem located as template:line:col.
import { SaxesParser } from 'saxes';
import { lineOf, lineStarts } from '../../lines.js';
import {
  type ElementName,
  type ElementNode,
  type MarkupNode,
  type SourcePos,
  TypesetError,
} from '../types.js';
import { MARKUP_SPEC, REQUIRED_ATTRS, ROOT_ELEMENTS } from './spec.js';

const isKnown = (name: string): name is ElementName => Object.hasOwn(MARKUP_SPEC, name);

/** Where `name` may appear, for "only allowed inside" messages. */
function parentsOf(name: ElementName): ElementName[] {
  return (Object.keys(MARKUP_SPEC) as ElementName[]).filter((p) => MARKUP_SPEC[p].children.includes(name));
}

function listTags(names: readonly string[]): string {
  return names.map((n) => `<${n}>`).join(', ');
}

/** Saxes says things like "unexpected close tag."; say them the way a template author thinks. */
function friendlySaxesMessage(raw: string): string {
  const msg = raw.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
  if (msg.startsWith('undefined entity'))
    return 'unknown entity: only &lt; &amp; &gt; &quot; &apos; and numeric ones like &#160; are allowed (bank text is escaped by handlebars; use {{ }} not {{{ }}})';
  if (msg.startsWith('unexpected close tag')) return 'closing tag does not match the open element';
  if (msg.startsWith('document must contain a root element')) return 'empty document: expected a <doc> element';
  if (msg.startsWith('unclosed tag')) return `${msg}: add the closing tag`;
  if (msg.includes('disallowed character in entity name') || msg.includes('disallowed first character of entity'))
    return 'a bare "&" in text: write &amp; (bank text should go through {{ }} so handlebars escapes it)';
  if (msg.includes('disallowed character in tag name') || msg.includes('unexpected character in tag'))
    return 'a bare "<" in text: write &lt; (bank text should go through {{ }} so handlebars escapes it)';
  return msg;
}

/**
 * Parse template output into a checked node tree. Throws a TypesetError located at
 * `template:line:col` for the first problem found.
 */
export function parseMarkup(xml: string, template: string): ElementNode {
  // Saxes' line/column tracking triples parse time; its string index is free, and lines are
  // only counted for the tags and texts that become nodes.
  const parser = new SaxesParser({ position: false });
  const lines = lineStarts(xml);
  // Source markers <?src FILE LINE COL?> that the template layer puts before each tag it wrote:
  // a position in the output maps back to the template (and partial) that produced it.
  const markers: SourceMarker[] = [];
  const at = (index: number): SourcePos => {
    const line = lineOf(lines, index);
    const marker = markerBefore(markers, index);
    if (!marker) return { template, line: line + 1, col: index - lines[line]! + 1 };
    const markerLine = lineOf(lines, marker.index);
    if (markerLine === line) return { template: marker.template, line: marker.line, col: marker.col + index - marker.index };
    return { template: marker.template, line: marker.line + line - markerLine, col: index - lines[line]! + 1 };
  };
  const stack: ElementNode[] = [];
  let root: ElementNode | undefined;
  let failure: TypesetError | undefined;
  // The index just after the last tag: where the next text run starts.
  let textStart = 0;

  const fail = (message: string, pos: SourcePos, from?: string): never => {
    throw new TypesetError(`${pos.template}:${pos.line}:${pos.col}: ${message}`, pos, from);
  };
  const here = (): SourcePos => at(Math.min(parser.position, xml.length));
  const fromOf = (): string | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i]?.attrs.from;
      if (f) return f;
    }
    return undefined;
  };

  let tagPos: SourcePos = at(0);
  parser.on('opentagstart', (tag) => {
    // Fired after the name has been read (and one more character): step back to the "<".
    tagPos = at(Math.max(0, parser.position - tag.name.length - 2));
  });

  parser.on('opentag', (tag) => {
    const pos = tagPos;
    const name = tag.name;
    const parent = stack[stack.length - 1];
    const from = (tag.attributes.from as string | undefined) ?? fromOf();
    if (!isKnown(name)) {
      fail(`unknown element <${name}>; known elements are ${listTags(Object.keys(MARKUP_SPEC))}`, pos, from);
      return;
    }
    if (!parent) {
      if (root) fail(`<${name}> after the end of <${root.name}>: a document has one root element`, pos, from);
      if (!ROOT_ELEMENTS.includes(name)) fail(`the document must start with <doc>, not <${name}>`, pos, from);
    } else {
      const allowed = MARKUP_SPEC[parent.name].children;
      if (!allowed.includes(name)) {
        const parents = parentsOf(name);
        fail(
          parents.length
            ? `<${name}> is only allowed inside ${listTags(parents)}, not inside <${parent.name}>`
            : `<${name}> is not allowed inside <${parent.name}>`,
          pos,
          from,
        );
      }
    }
    const spec = MARKUP_SPEC[name];
    const attrs: Record<string, string> = {};
    for (const [key, raw] of Object.entries(tag.attributes)) {
      const value = typeof raw === 'string' ? raw : raw.value;
      const check = spec.attrs[key];
      if (!check) {
        const known = Object.keys(spec.attrs);
        fail(`<${name}> has no attribute "${key}"; allowed: ${known.join(', ')}`, pos, from);
        return;
      }
      const hint = check(value);
      if (hint !== undefined) fail(`<${name} ${key}="${value}">: ${key} must be ${hint}`, pos, from);
      attrs[key] = value;
    }
    for (const req of REQUIRED_ATTRS[name] ?? []) {
      if (attrs[req] === undefined) fail(`<${name}> needs a ${req}="…" attribute`, pos, from);
    }
    const node: ElementNode = { type: 'element', name, attrs, children: [], pos };
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
    textStart = parser.position;
  });

  // Saxes closes the open elements before it reports a mismatched closing tag: remember the last.
  let lastClosed: ElementNode | undefined;
  parser.on('closetag', () => {
    lastClosed = stack.pop();
    textStart = parser.position;
  });

  parser.on('text', (text) => {
    const pos = at(textStart);
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (text.trim()) fail('text outside <doc>: everything must be inside the root <doc> element', pos);
      return;
    }
    if (!MARKUP_SPEC[parent.name].text) {
      if (text.trim()) {
        const snippet = text.trim().slice(0, 20);
        fail(`text "${snippet}" is not allowed directly inside <${parent.name}>; put it in ${suggestWrapper(parent.name)}`, pos, fromOf());
      }
      return; // layout whitespace between blocks carries no meaning
    }
    parent.children.push({ type: 'text', text, pos } satisfies MarkupNode);
  });

  parser.on('processinginstruction', (pi) => {
    const m = /^(\S+) (\d+) (\d+)$/.exec(pi.body.trim());
    if (pi.target === 'src' && m) markers.push({ index: parser.position, template: m[1]!, line: Number(m[2]), col: Number(m[3]) });
    textStart = parser.position;
  });

  parser.on('error', (err) => {
    const open = stack[stack.length - 1];
    let pos: SourcePos = at(Math.max(0, Math.min(parser.position, xml.length) - 1));
    let message = friendlySaxesMessage(err.message);
    if (open && err.message.includes('unclosed tag')) {
      // Point at the element that was never closed, not at the end of the file.
      pos = open.pos;
      message = `<${open.name}> is never closed: add </${open.name}>`;
    } else if (lastClosed && err.message.includes('unexpected close tag')) {
      message = `this closing tag does not match <${lastClosed.name}> opened at line ${lastClosed.pos.line}, column ${lastClosed.pos.col}`;
    }
    failure ??= new TypesetError(`${pos.template}:${pos.line}:${pos.col}: ${message}`, pos, fromOf());
    throw failure;
  });

  checkAmpersands(xml, template);
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof TypesetError) throw err;
    throw new TypesetError(`${template}: ${(err as Error).message}`, here());
  }
  if (!root) throw new TypesetError(`${template}: empty document: expected a <doc> element`, { template, line: 1, col: 1 });
  return root;
}

function suggestWrapper(parent: ElementName): string {
  switch (parent) {
    case 'options':
      return '<opt>';
    case 'table':
      return '<row><cell>';
    case 'row':
      return '<cell>';
    case 'checklist':
      return '<item>';
    default:
      return '<p>';
  }
}

/**
 * Saxes reads a bare "&" as the start of an entity up to the next ";" and then reports an
 * unclosed tag far away; find it first so the message points at the "&".
 */
function checkAmpersands(xml: string, template: string): void {
  const bare = /&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/g;
  const m = bare.exec(xml);
  if (!m) return;
  const before = xml.slice(0, m.index);
  const line = before.split('\n').length;
  const col = m.index - before.lastIndexOf('\n');
  throw new TypesetError(
    `${template}:${line}:${col}: a bare "&" in text: write &amp; (bank text should go through {{ }} so handlebars escapes it)`,
    { template, line, col },
  );
}

interface SourceMarker {
  /** Index in the markup just after the marker. */
  index: number;
  template: string;
  line: number;
  col: number;
}

/** The last marker at or before `index` (markers are in document order). */
function markerBefore(markers: readonly SourceMarker[], index: number): SourceMarker | undefined {
  let lo = 0;
  let hi = markers.length - 1;
  let found: SourceMarker | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]!.index <= index) {
      found = markers[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
