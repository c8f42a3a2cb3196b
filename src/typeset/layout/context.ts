// What block layout needs besides the node: fonts, the line engine, document defaults,
// and a builder that turns blocks into flow items with spacing and keep rules applied.
import { measureInline, setParagraph } from './lines/index.js';
import { UncoveredCharError } from './lines/measure.js';
import {
  type ElementNode,
  type FontSet,
  type InlineItem,
  type LayoutWarning,
  type ParagraphStyle,
  type PunctuationMode,
  type SetLine,
  type SourcePos,
  TypesetError,
} from '../types.js';
import type { FlowItem, Strip } from './flow.js';

export interface LineEngine {
  setParagraph: typeof setParagraph;
  measureInline: typeof measureInline;
}

export const DEFAULT_LINE_ENGINE: LineEngine = { setParagraph, measureInline };

export interface HeadingInfo {
  level: 1 | 2;
  node: ElementNode;
}

export interface BlockContext {
  fonts: FontSet;
  engine: LineEngine;
  /** Body font size and line height from <doc>. */
  base: { size: number; lineHeight: number };
  /** Every h1/h2 in document order (a heading's anchor is its index here). */
  headings: HeadingInfo[];
  nextAnchor: number;
  warnings: LayoutWarning[];
  /**
   * Characters no configured font draws, located at their element: collected, not thrown, so
   * that one run reports every one of them (layout goes on without the character).
   */
  problems: TypesetError[];
  /** How full-width punctuation inside lines is set, for every paragraph. */
  punctuation: PunctuationMode;
}

export function locate(pos: SourcePos): string {
  return `${pos.template}:${pos.line}:${pos.col}`;
}

/** The line engine, with its errors located at the element whose text it was setting. */
export function setLines(ctx: BlockContext, items: InlineItem[], para: ParagraphStyle, width: number, el: ElementNode): SetLine[] {
  const style = para.punctuation ? para : { ...para, punctuation: ctx.punctuation };
  return recovering(ctx, items, el, (kept) => ctx.engine.setParagraph(kept, style, width, ctx.fonts));
}

export function naturalWidth(ctx: BlockContext, items: InlineItem[], el: ElementNode): number {
  return recovering(ctx, items, el, (kept) => ctx.engine.measureInline(kept, ctx.fonts).natural);
}

/**
 * Runs the line engine; a character no font draws is recorded in ctx.problems (located at the
 * element, naming the question) and the text is set again without it. Other errors are
 * located and thrown.
 */
function recovering<T>(ctx: BlockContext, items: InlineItem[], el: ElementNode, run: (items: InlineItem[]) => T): T {
  for (;;) {
    try {
      return run(items);
    } catch (err) {
      if (!(err instanceof TypesetError) || err.pos) throw err;
      const from = err.from ?? el.attrs.from;
      const located = new TypesetError(`${locate(el.pos)}${from ? ` (question ${from})` : ''}: ${err.message}`, el.pos, from);
      if (!(err instanceof UncoveredCharError)) throw located;
      if (!ctx.problems.some((p) => p.message === located.message)) ctx.problems.push(located);
      items = without(items, err.codePoint);
    }
  }
}

/** The items with every occurrence of a character taken out (texts and printed answers). */
function without(items: InlineItem[], codePoint: number): InlineItem[] {
  const ch = String.fromCodePoint(codePoint);
  const drop = (s: string) => s.split(ch).join('');
  return items.map((it) => {
    if (it.kind === 'text') return { ...it, text: drop(it.text) };
    if ((it.kind === 'blank' || it.kind === 'bracket') && it.answer !== undefined) return { ...it, answer: drop(it.answer) };
    return it;
  });
}

/** Where the baseline sits in a strip of the line's height (half the leading above). */
export function baselineOffset(line: SetLine): number {
  const depth = Math.abs(line.descent);
  return (line.height - (line.ascent + depth)) / 2 + line.ascent;
}

/** One strip per set line, with the widow/orphan rule: never one line alone at either end. */
export function lineStrips(lines: SetLine[], dx: number): Strip[] {
  const n = lines.length;
  return lines.map((line, i) => ({
    kind: 'strip' as const,
    height: line.height,
    spaceBefore: 0,
    paint: [{ dx, dy: baselineOffset(line), boxes: line.boxes }],
    keepWithPrev: n >= 2 && (i === 1 || i === n - 1),
  }));
}

/** Collects flow items, applying block spacing (collapsed), keep-with-next and <keep> groups. */
export class FlowBuilder {
  readonly items: FlowItem[] = [];
  private pendingSpace = 0;
  private pendingKeep = false;
  private blockSpace = 0;
  private keepDepth = 0;
  private keepPos: SourcePos | undefined;
  private keepStarted = false;
  private pendingNames: string[] = [];

  /** Starts a block: its first strip gets max(previous space-after, this space-before). */
  beginBlock(spaceBefore: number): void {
    this.blockSpace = Math.max(this.pendingSpace, spaceBefore);
    this.pendingSpace = 0;
  }

  endBlock(spaceAfter: number, keepWithNext = false): void {
    this.pendingSpace = Math.max(this.pendingSpace, spaceAfter);
    if (keepWithNext) this.pendingKeep = true;
  }

  /** The next strip pushed starts the block called `name` (an `anchor` attribute). */
  mark(name: string): void {
    this.pendingNames.push(name);
  }

  push(strip: Strip): void {
    if (this.pendingNames.length) {
      strip.names = [...(strip.names ?? []), ...this.pendingNames];
      this.pendingNames = [];
    }
    strip.spaceBefore += this.blockSpace;
    this.blockSpace = 0;
    if (this.pendingKeep) {
      strip.keepWithPrev = true;
      this.pendingKeep = false;
    }
    if (this.keepDepth > 0) {
      if (this.keepStarted) strip.keepWithPrev = true;
      this.keepStarted = true;
      if (this.keepPos) strip.keepGroup = this.keepPos;
    }
    this.items.push(strip);
  }

  control(item: Exclude<FlowItem, Strip>): void {
    this.pendingKeep = false;
    this.pendingSpace = 0;
    this.blockSpace = 0;
    this.items.push(item);
  }

  beginKeep(pos: SourcePos): void {
    if (this.keepDepth++ === 0) {
      this.keepPos = pos;
      this.keepStarted = false;
    }
  }

  endKeep(): void {
    if (--this.keepDepth === 0) this.keepPos = undefined;
  }
}
