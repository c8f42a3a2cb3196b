// Inline markup → InlineItem[] for the line engine: styles inherited down b/em/u/span,
// XML whitespace collapsed the way Chinese text expects (a newline between two CJK
// characters vanishes; between Latin words it is a space).
import type { Box, InlineItem, InlineStyle, MarkupNode } from '../types.js';
import { lengthPt } from '../markup/units.js';

const isWide = (cp: number | undefined): boolean => cp !== undefined && cp >= 0x2e80;

function collapse(text: string): string {
  return text.replace(/[ \t\r\n]+/g, (ws, offset: number) => {
    if (!ws.includes('\n')) return ' ';
    const prev = offset > 0 ? text.codePointAt(offset - 1) : undefined;
    const next = text.codePointAt(offset + ws.length);
    // At a node edge the neighbour is unknown: side with the character we can see.
    if (isWide(prev) || isWide(next)) return '';
    if (prev === undefined && next === undefined) return '';
    return ' ';
  });
}

/** A ☐ or ☑ drawn with lines, so it never depends on a font having the glyph. */
export function checkboxItem(style: InlineStyle, checked: boolean): InlineItem {
  const s = style.size;
  const side = 0.72 * s;
  const x = 0.12 * s;
  const top = -0.76 * s;
  const boxes: Box[] = [{ kind: 'rect', x, y: top, w: side, h: side, stroke: style.color ?? '#000000', lineWidth: 0.06 * s }];
  if (checked) {
    const lw = 0.08 * s;
    boxes.push(
      { kind: 'line', x1: x + 0.15 * side, y1: top + 0.5 * side, x2: x + 0.42 * side, y2: top + 0.78 * side, width: lw },
      { kind: 'line', x1: x + 0.42 * side, y1: top + 0.78 * side, x2: x + 0.88 * side, y2: top + 0.18 * side, width: lw },
    );
  }
  return { kind: 'box', width: s, ascent: 0.8 * s, descent: 0.1 * s, boxes };
}

export interface InlineContext {
  /** Bank item id of the nearest enclosing `from`. */
  from?: string;
}

/** The inline items of `nodes` in `style`; leading/trailing white space of the run is trimmed. */
export function inlineItems(nodes: readonly MarkupNode[], style: InlineStyle, ctx: InlineContext = {}): InlineItem[] {
  const out: InlineItem[] = [];
  collect(nodes, style, ctx.from, out);
  return trimEnds(out);
}

function collect(nodes: readonly MarkupNode[], style: InlineStyle, from: string | undefined, out: InlineItem[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = collapse(node.text);
      if (text) out.push(from ? { kind: 'text', text, style, from } : { kind: 'text', text, style });
      continue;
    }
    const a = node.attrs;
    const f = a.from ?? from;
    switch (node.name) {
      case 'b':
        collect(node.children, { ...style, bold: true }, f, out);
        break;
      case 'em':
        collect(node.children, { ...style, emphasisDots: true }, f, out);
        break;
      case 'u':
        collect(node.children, { ...style, underline: true }, f, out);
        break;
      case 'span': {
        const s: InlineStyle = { ...style };
        if (a.size) s.size = lengthPt(a.size, style.size);
        if (a.font) s.family = a.font;
        if (a.bold) s.bold = a.bold === 'true';
        if (a.color) s.color = a.color;
        collect(node.children, s, f, out);
        break;
      }
      case 'blank':
        if (a.type === 'bracket') out.push(a.answer ? { kind: 'bracket', style, answer: a.answer } : { kind: 'bracket', style });
        else {
          const width = lengthPt(a.width ?? '4em', style.size);
          out.push(a.answer ? { kind: 'blank', width, style, answer: a.answer } : { kind: 'blank', width, style });
        }
        break;
      case 'br':
        out.push({ kind: 'break' });
        break;
      case 'box':
        out.push(checkboxItem(style, a.checked === 'true'));
        break;
      case 'page-number':
      case 'page-count':
      case 'running-title':
        // Only these elements are filled in: text, whatever it says ("<page-number/>"), stays text.
        out.push({ kind: 'text', text: '0', style, placeholder: node.name === 'page-number' ? 'page' : node.name === 'page-count' ? 'pages' : 'heading' });
        break;
      default:
        // Block elements never reach here: the parser only allows inlines in inline content.
        break;
    }
  }
}

function trimEnds(items: InlineItem[]): InlineItem[] {
  const first = items[0];
  if (first?.kind === 'text') {
    const t = first.text.replace(/^\s+/, '');
    if (t) items[0] = { ...first, text: t };
    else items.shift();
  }
  const lastIndex = items.length - 1;
  const last = items[lastIndex];
  if (last?.kind === 'text') {
    const t = last.text.replace(/\s+$/, '');
    if (t) items[lastIndex] = { ...last, text: t };
    else items.pop();
  }
  return items;
}

/** Plain text of inline markup (toc entries, warnings). */
export function plainText(nodes: readonly MarkupNode[]): string {
  let s = '';
  for (const n of nodes) s += n.type === 'text' ? n.text : plainText(n.children);
  return s.replace(/\s+/g, (ws) => (ws.includes('\n') ? '' : ' ')).trim();
}

/**
 * Items with `<page-number/>`, `<page-count/>` and `<running-title/>` (the running title of the
 * chapter the page is in) filled in: headers and footers. Only the template's placeholder
 * elements are filled: bank text that happens to say "{page}" or "<page-number/>" is text.
 */
export function withPageNumbers(items: readonly InlineItem[], page: number, pages: number, heading = ''): InlineItem[] {
  const out: InlineItem[] = [];
  for (const it of items) {
    if (it.kind !== 'text' || !it.placeholder) {
      out.push(it);
      continue;
    }
    const { placeholder, ...rest } = it;
    const text = placeholder === 'page' ? String(page) : placeholder === 'pages' ? String(pages) : heading;
    if (text) out.push({ ...rest, text });
  }
  return out;
}
