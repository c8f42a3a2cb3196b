// layoutDocument: node tree → pages of positioned boxes, in stages:
// resolve (masters, running elements, headings) → blocks to flow → paginate → decorate.
import type { Box, DocumentInfo, ElementNode, FontSet, LaidOutDocument, Page, PunctuationMode } from '../types.js';
import { lengthPt } from '../markup/units.js';
import { layoutBlocks } from './blocks.js';
import { pushTranslated } from './boxes.js';
import { type BlockContext, DEFAULT_LINE_ENGINE, FlowBuilder, type HeadingInfo, type LineEngine } from './context.js';
import { checkSealSpace, hasSealSpace, runningBoxes, type RunningContext, sealBoxes } from './decorate.js';
import { contentWidth, columnWidth, DEFAULT_MASTER, masterFrom, type PageMaster } from './master.js';
import { paginate } from './paginate.js';

export interface LayoutOptions {
  /** The line engine; tests pass a stub. */
  lineEngine?: LineEngine;
  /** How full-width punctuation inside lines is set (ParagraphStyle.punctuation); default compress. */
  punctuation?: PunctuationMode;
}

const DEFAULT_FONT_SIZE = 10.5; // 五号
const DEFAULT_LINE_HEIGHT = 1.6;

function collectHeadings(node: ElementNode, out: HeadingInfo[]): HeadingInfo[] {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.name === 'h1' || c.name === 'h2') out.push({ level: c.name === 'h1' ? 1 : 2, node: c });
    else if (c.name !== 'header' && c.name !== 'footer') collectHeadings(c, out);
  }
  return out;
}

function infoOf(root: ElementNode): DocumentInfo {
  const a = root.attrs;
  const info: DocumentInfo = { title: a.title ?? '', lang: a.lang ?? 'zh-CN' };
  if (a.author) info.author = a.author;
  if (a.subject) info.subject = a.subject;
  if (a.keywords) info.keywords = a.keywords;
  return info;
}

/** An h1's running title: its `running` attribute, else its toc entry, else its text. */
function runningTitle(h: ElementNode): string {
  const a = h.attrs;
  if (a.running !== undefined) return a.running;
  if (a.toc && a.toc !== 'false') return a.toc;
  const text = (nodes: ElementNode['children']): string => nodes.map((n) => (n.type === 'text' ? n.text : text(n.children))).join('');
  return text(h.children).replace(/\s+/g, ' ').trim();
}

/** Per page: the running title of the last h1 that starts on or before it, and whether one starts on it. */
function runningTitles(headings: readonly HeadingInfo[], anchorPages: ReadonlyMap<number, number>, total: number): RunningContext[] {
  const starts: Array<string | undefined> = Array(total + 1).fill(undefined);
  headings.forEach((h, anchor) => {
    const page = anchorPages.get(anchor);
    if (h.level === 1 && page !== undefined) starts[page] = runningTitle(h.node);
  });
  const out: RunningContext[] = [];
  let heading = '';
  for (let p = 1; p <= total; p++) {
    if (starts[p] !== undefined) heading = starts[p]!;
    out.push({ heading, headingStarts: starts[p] !== undefined });
  }
  return out;
}

export function layoutDocument(root: ElementNode, fonts: FontSet, options: LayoutOptions = {}): LaidOutDocument {
  const base = {
    size: root.attrs['font-size'] ? lengthPt(root.attrs['font-size'], DEFAULT_FONT_SIZE) : DEFAULT_FONT_SIZE,
    lineHeight: root.attrs['line-height'] ? Number(root.attrs['line-height']) : DEFAULT_LINE_HEIGHT,
  };
  const ctx: BlockContext = {
    fonts,
    engine: options.lineEngine ?? DEFAULT_LINE_ENGINE,
    base,
    headings: collectHeadings(root, []),
    nextAnchor: 0,
    warnings: [],
    problems: [],
    punctuation: options.punctuation ?? 'compress',
  };
  const docMaster = masterFrom(root, DEFAULT_MASTER);
  const headers: ElementNode[] = [];
  const footers: ElementNode[] = [];
  // The seal that applies to pages of each master.
  const seals = new Map<PageMaster, ElementNode>();

  // Stage 1: blocks → flow, one run per page master.
  const out = new FlowBuilder();
  const flowRun = (children: ElementNode['children'], master: PageMaster): void => {
    const width = master.columns > 1 ? columnWidth(master, master.columns, master.gap) : contentWidth(master);
    layoutBlocks(children, width, master, ctx, out);
  };
  let pending: ElementNode['children'] = [];
  for (const c of root.children) {
    if (c.type !== 'element') continue;
    if (c.name === 'header') headers.push(c);
    else if (c.name === 'footer') footers.push(c);
    else if (c.name === 'seal') {
      checkSealSpace(c, docMaster);
      seals.set(docMaster, c);
    } else if (c.name === 'page') {
      flowRun(pending, docMaster);
      pending = [];
      const m = masterFrom(c, docMaster);
      const seal = c.children.find((s): s is ElementNode => s.type === 'element' && s.name === 'seal');
      if (seal) {
        checkSealSpace(seal, m);
        seals.set(m, seal);
      }
      out.control({ kind: 'master', master: m });
      if (c.attrs.anchor) out.mark(c.attrs.anchor);
      flowRun(c.children, m);
      out.control({ kind: 'master', master: docMaster });
    } else pending.push(c);
  }
  flowRun(pending, docMaster);

  // Stage 2: the one place that paginates.
  const { pages: frames, anchorPages, namedPages, warnings } = paginate(out.items, docMaster);
  const total = frames.length;
  const running = runningTitles(ctx.headings, anchorPages, total);

  // Stage 3: late paints (toc numbers), running heads and feet, seals.
  const pageOf = (anchor: number): number | undefined => anchorPages.get(anchor);
  const pages: Page[] = frames.map((frame) => {
    const boxes: Box[] = frame.boxes;
    for (const { x, y, late } of frame.lates) for (const p of late(pageOf)) pushTranslated(boxes, p.boxes, x + p.dx, y + p.dy);
    const here = running[frame.number - 1]!;
    for (const h of headers) boxes.push(...runningBoxes(h, 'header', frame, total, ctx, here));
    for (const f of footers) boxes.push(...runningBoxes(f, 'footer', frame, total, ctx, here));
    // A <page> without its own seal takes the document's, if its margin has room for it.
    const docSeal = seals.get(docMaster);
    const seal = seals.get(frame.master) ?? (docSeal && hasSealSpace(frame.master) ? docSeal : undefined);
    if (seal) boxes.push(...sealBoxes(seal, frame, ctx));
    return { width: frame.master.width, height: frame.master.height, boxes };
  });

  const doc: LaidOutDocument = { info: infoOf(root), pages };
  if (namedPages.size) doc.anchors = namedPages;
  const all = [...ctx.warnings, ...warnings];
  if (all.length) doc.warnings = all;
  if (ctx.problems.length) doc.problems = ctx.problems;
  return doc;
}
