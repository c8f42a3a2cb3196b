// Block elements → flow items at a given column width. One function per element kind,
// dispatched here; pagination happens later, in paginate.ts only.
import type { ElementNode } from '../types.js';
import { lengthPt } from '../markup/units.js';
import type { BlockContext, FlowBuilder } from './context.js';
import { layoutBubble, layoutQrcode, layoutRule, layoutSpacer } from './figures.js';
import { layoutCanvas } from './canvas.js';
import { columnWidth, type PageMaster } from './master.js';
import { layoutOptions } from './options.js';
import { layoutChecklist, layoutParagraph } from './paragraph.js';
import { layoutTable } from './table.js';
import { layoutToc } from './toc.js';

/** Lays out `children`; `from` is the bank item of an enclosing element, inherited by blocks without their own. */
export function layoutBlocks(children: ElementNode['children'], width: number, master: PageMaster, ctx: BlockContext, out: FlowBuilder, from?: string): void {
  for (const node of children) {
    if (node.type !== 'element') continue;
    const el = from && !node.attrs.from ? { ...node, attrs: { ...node.attrs, from } } : node;
    if (node.attrs.anchor) out.mark(node.attrs.anchor);
    layoutBlock(el, width, master, ctx, out);
  }
}

function layoutBlock(el: ElementNode, width: number, master: PageMaster, ctx: BlockContext, out: FlowBuilder): void {
  const from = el.attrs.from;
  switch (el.name) {
    case 'p':
    case 'h1':
    case 'h2':
      return layoutParagraph(el, el.name, width, ctx, out);
    case 'section':
      return layoutBlocks(el.children, width, master, ctx, out, from);
    case 'keep':
      out.beginKeep(el.pos);
      layoutBlocks(el.children, width, master, ctx, out, from);
      out.endKeep();
      return;
    case 'options':
      return layoutOptions(el, width, ctx, out);
    case 'table':
      return layoutTable(el, width, ctx, out);
    case 'checklist':
      return layoutChecklist(el, width, ctx, out);
    case 'rule':
      return layoutRule(el, width, ctx, out);
    case 'spacer':
      return layoutSpacer(el, ctx, out);
    case 'bubble':
      return layoutBubble(el, ctx, out);
    case 'qrcode':
      return layoutQrcode(el, width, ctx, out);
    case 'canvas':
      return layoutCanvas(el, ctx, out);
    case 'toc':
      return layoutToc(el, width, ctx, out);
    case 'pagebreak':
      out.control({ kind: 'break', column: el.attrs.type === 'column' });
      return;
    case 'columns': {
      const count = Number(el.attrs.count ?? 2);
      const gap = el.attrs.gap ? lengthPt(el.attrs.gap, 0) : master.gap;
      out.control({ kind: 'region', columns: count, gap, rule: el.attrs.rule === 'true', balance: el.attrs.balance !== 'false' });
      layoutBlocks(el.children, columnWidth(master, count, gap), master, ctx, out, from);
      out.control({ kind: 'endRegion' });
      return;
    }
    default:
      // header, footer, seal and page are handled by layoutDocument; the parser rejects the rest here.
      return;
  }
}
