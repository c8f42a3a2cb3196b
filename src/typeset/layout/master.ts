// Page masters: the size, margins and columns of a run of pages (<doc>, then each <page>).
import type { ElementNode } from '../types.js';
import { lengthPt, pageSizePt, PT_PER_MM, type Sides, sidesPt } from '../markup/units.js';

export interface PageMaster {
  width: number;
  height: number;
  margin: Sides;
  /** Extra margin on the binding side (left of odd pages, right of even ones) for the seal. */
  binding: number;
  columns: number;
  gap: number;
  rule: boolean;
  /** Whether headers and footers are drawn on these pages (false: covers, notes pages). */
  running: boolean;
}

export const DEFAULT_MASTER: PageMaster = {
  width: 210 * PT_PER_MM,
  height: 297 * PT_PER_MM,
  margin: { top: 20 * PT_PER_MM, right: 20 * PT_PER_MM, bottom: 20 * PT_PER_MM, left: 20 * PT_PER_MM },
  binding: 0,
  columns: 1,
  gap: 8 * PT_PER_MM,
  rule: false,
  running: true,
};

/** The master described by a <doc> or <page>, inheriting what it leaves out from `base`. */
export function masterFrom(el: ElementNode, base: PageMaster): PageMaster {
  const a = el.attrs;
  let [w, h] = a.size ? pageSizePt(a.size) : [base.width, base.height];
  if (a.orientation) {
    const landscape = a.orientation === 'landscape';
    if (landscape !== w > h) [w, h] = [h, w];
  }
  return {
    width: w,
    height: h,
    margin: a.margin ? sidesPt(a.margin, 0) : base.margin,
    binding: a['binding-margin'] ? lengthPt(a['binding-margin'], 0) : base.binding,
    columns: a.columns ? Number(a.columns) : base.columns,
    gap: a['column-gap'] ? lengthPt(a['column-gap'], 0) : base.gap,
    rule: a['column-rule'] ? a['column-rule'] === 'true' : base.rule,
    running: a.running ? a.running === 'true' : base.running,
  };
}

/** The text area of page `pageNumber` (1-based): binding on the inner side. */
export function contentBox(m: PageMaster, pageNumber: number): { left: number; right: number; top: number; bottom: number } {
  const odd = pageNumber % 2 === 1;
  const left = m.margin.left + (odd ? m.binding : 0);
  const right = m.width - m.margin.right - (odd ? 0 : m.binding);
  return { left, right, top: m.margin.top, bottom: m.height - m.margin.bottom };
}

export function contentWidth(m: PageMaster): number {
  return m.width - m.margin.left - m.margin.right - m.binding;
}

export function columnWidth(m: PageMaster, columns: number, gap: number): number {
  return (contentWidth(m) - gap * (columns - 1)) / columns;
}
