// The one place that decides page and column breaks: strips go down columns; a run of
// strips joined by keepWithPrev (widow/orphan lines, heading + next, <keep> groups, options)
// moves to the next column whole unless it is taller than a column. Table headers repeat at
// the top of a column; a <columns> region's last page is balanced.
import type { Box, LayoutWarning, SourcePos } from '../types.js';
import { pushTranslated } from './boxes.js';
import type { FlowItem, LatePaint, Strip } from './flow.js';
import { columnWidth, contentBox, type PageMaster } from './master.js';

export interface PageFrame {
  number: number;
  master: PageMaster;
  boxes: Box[];
  lates: Array<{ x: number; y: number; late: LatePaint }>;
  /** Whether any strip landed on the page. */
  used: boolean;
}

export interface Pagination {
  pages: PageFrame[];
  /** Heading anchor → 1-based page number. */
  anchorPages: Map<number, number>;
  /** Block name (`anchor` attribute) → 1-based page where the block starts. */
  namedPages: Map<string, number>;
  warnings: LayoutWarning[];
}

const EPS = 0.01;

interface Region {
  columns: number;
  gap: number;
  rule: boolean;
  balance: boolean;
  top: number;
  col: number;
  y: number;
  /** Lowest y reached per column on this page. */
  bottoms: number[];
  /** Strips placed on this page in this region, for balancing: start of boxes/lates. */
  seg: Strip[];
  segBoxStart: number;
  segLateStart: number;
}

function locate(pos: SourcePos): string {
  return `${pos.template}:${pos.line}:${pos.col}`;
}

/** How many strips from `i` are chained by keepWithPrev (at least 1), and their height. */
function chainAt(items: readonly FlowItem[], i: number, end = items.length): { k: number; height: number } {
  const first = items[i] as Strip;
  let height = first.height;
  let k = i;
  while (k + 1 < end) {
    const next = items[k + 1]!;
    if (next.kind !== 'strip' || !next.keepWithPrev) break;
    height += next.spaceBefore + next.height;
    k++;
  }
  return { k, height };
}

/**
 * Columns and offsets for `strips` in `n` columns of height `h`, by the same chain rule as
 * the paginator; undefined when they do not fit.
 */
function distribute(strips: readonly Strip[], n: number, h: number): Array<{ col: number; y: number }> | undefined {
  const at: Array<{ col: number; y: number }> = [];
  let col = 0;
  let y = 0;
  let i = 0;
  while (i < strips.length) {
    const { k, height } = chainAt(strips, i);
    const need = (y > 0 ? strips[i]!.spaceBefore : 0) + height;
    if (y + need > h + EPS) {
      if (y === 0) return undefined;
      col++;
      y = 0;
      if (col >= n) return undefined;
      continue;
    }
    for (let j = i; j <= k; j++) {
      const s = strips[j]!;
      if (y > 0) y += s.spaceBefore;
      at.push({ col, y });
      y += s.height;
    }
    i = k + 1;
  }
  return at;
}

export function paginate(flow: readonly FlowItem[], firstMaster: PageMaster): Pagination {
  const pages: PageFrame[] = [];
  const anchorPages = new Map<number, number>();
  const namedPages = new Map<string, number>();
  const warnings: LayoutWarning[] = [];
  const warnedGroups = new Set<SourcePos>();
  let master = firstMaster;
  let page!: PageFrame;
  let region!: Region;

  const bottom = (): number => contentBox(master, page.number).bottom;
  const colWidth = (): number => columnWidth(master, region.columns, region.gap);
  const colX = (col: number): number => contentBox(master, page.number).left + col * (colWidth() + region.gap);
  const columnEmpty = (): boolean => region.y <= region.top + EPS && region.bottoms[region.col]! <= region.top + EPS;

  const openRegion = (columns: number, gap: number, rule: boolean, balance: boolean, top: number): void => {
    region = {
      columns, gap, rule, balance, top, col: 0, y: top,
      bottoms: Array.from({ length: columns }, () => top),
      seg: [], segBoxStart: page.boxes.length, segLateStart: page.lates.length,
    };
  };

  /** Vertical rules between the columns used by the region on this page. */
  const closeSegment = (): void => {
    if (!region.rule || region.columns < 2) return;
    const low = Math.max(...region.bottoms);
    if (low <= region.top + EPS) return;
    for (let c = 1; c < region.columns; c++) {
      const x = colX(c) - region.gap / 2;
      page.boxes.push({ kind: 'line', x1: x, y1: region.top, x2: x, y2: low, width: 0.5 });
    }
  };

  const newPage = (): void => {
    const number = pages.length + 1;
    page = { number, master, boxes: [], lates: [], used: false };
    pages.push(page);
  };

  const startPage = (columns: number, gap: number, rule: boolean, balance: boolean): void => {
    newPage();
    openRegion(columns, gap, rule, balance, contentBox(master, page.number).top);
  };

  const advanceColumn = (): void => {
    if (region.col + 1 < region.columns) {
      region.col++;
      region.y = region.top;
      return;
    }
    closeSegment();
    const { columns, gap, rule, balance } = region;
    startPage(columns, gap, rule, balance);
  };

  const placeAt = (s: Strip, x: number, y: number): void => {
    for (const p of s.paint) pushTranslated(page.boxes, p.boxes, x + p.dx, y + p.dy);
    if (s.late) page.lates.push({ x, y, late: s.late });
    if (s.anchor !== undefined) anchorPages.set(s.anchor, page.number);
    if (s.names) for (const n of s.names) if (!namedPages.has(n)) namedPages.set(n, page.number);
    page.used = true;
  };

  const place = (s: Strip): void => {
    if (!columnEmpty()) region.y += s.spaceBefore;
    placeAt(s, colX(region.col), region.y);
    region.y += s.height;
    region.bottoms[region.col] = Math.max(region.bottoms[region.col]!, region.y);
    region.seg.push(s);
  };

  const placeWithHeader = (s: Strip): void => {
    if (s.header && columnEmpty()) for (const h of s.header) place(h);
    place(s);
  };

  /** Re-place the region's strips on this page in columns of equal height. */
  const balance = (): void => {
    if (!region.balance || region.columns < 2 || region.seg.length < 2) return;
    const strips = region.seg;
    const total = strips.reduce((t, s) => t + s.height + s.spaceBefore, 0);
    let lo = Math.max(total / region.columns, ...strips.map((s) => s.height));
    let hi = Math.max(...region.bottoms) - region.top;
    if (!distribute(strips, region.columns, hi)) return;
    while (hi - lo > 1) {
      const mid = (lo + hi) / 2;
      if (distribute(strips, region.columns, mid)) hi = mid;
      else lo = mid;
    }
    const at = distribute(strips, region.columns, hi)!;
    page.boxes.length = region.segBoxStart;
    page.lates.length = region.segLateStart;
    region.bottoms = region.bottoms.map(() => region.top);
    strips.forEach((s, i) => {
      const { col, y } = at[i]!;
      placeAt(s, colX(col), region.top + y);
      region.bottoms[col] = Math.max(region.bottoms[col]!, region.top + y + s.height);
    });
    region.col = region.columns - 1;
    region.y = Math.max(...region.bottoms);
  };

  startPage(master.columns, master.gap, master.rule, false);
  let i = 0;
  while (i < flow.length) {
    const item = flow[i]!;
    switch (item.kind) {
      case 'break':
        if (item.column) {
          if (!columnEmpty()) advanceColumn();
        } else if (page.used) {
          closeSegment();
          startPage(region.columns, region.gap, region.rule, region.balance);
        }
        i++;
        continue;
      case 'master':
        closeSegment();
        master = item.master;
        if (page.used) startPage(master.columns, master.gap, master.rule, false);
        else {
          page.master = master;
          openRegion(master.columns, master.gap, master.rule, false, contentBox(master, page.number).top);
        }
        i++;
        continue;
      case 'region':
      case 'endRegion': {
        if (item.kind === 'endRegion') balance();
        closeSegment();
        const top = page.used ? Math.max(...region.bottoms, region.y) : region.top;
        if (item.kind === 'region') openRegion(item.columns, item.gap, item.rule, item.balance, top);
        else openRegion(master.columns, master.gap, master.rule, false, top);
        i++;
        continue;
      }
      case 'strip':
        break;
    }

    const { k, height } = chainAt(flow, i);
    const empty = columnEmpty();
    const header = empty && item.header ? item.header.reduce((t, h) => t + h.height, 0) : 0;
    const need = (empty ? 0 : item.spaceBefore) + height + header;
    if (region.y + need <= bottom() + EPS) {
      for (let j = i; j <= k; j++) placeWithHeader(flow[j] as Strip);
      i = k + 1;
      continue;
    }
    if (!empty) {
      advanceColumn();
      continue;
    }
    // Taller than a whole column: split it where it must split, and say so.
    const available = bottom() - region.top;
    for (let j = i; j <= k; j++) {
      const s = flow[j] as Strip;
      if (!columnEmpty() && region.y + s.spaceBefore + s.height > bottom() + EPS) advanceColumn();
      if (s.height > bottom() - region.y + EPS)
        warnings.push({
          message: `page ${page.number}: a block ${s.height.toFixed(0)}pt tall does not fit the ${(bottom() - region.y).toFixed(0)}pt left in the column and runs over the bottom margin`,
          ...(s.keepGroup ? { pos: s.keepGroup } : {}),
        });
      placeWithHeader(s);
    }
    const group = (flow.slice(i, k + 1) as Strip[]).find((s) => s.keepGroup)?.keepGroup;
    if (group && !warnedGroups.has(group)) {
      warnedGroups.add(group);
      warnings.push({
        message: `${locate(group)}: a <keep> group is ${height.toFixed(0)}pt tall but a column holds ${available.toFixed(0)}pt, so it was split across columns/pages`,
        pos: group,
      });
    }
    i = k + 1;
  }
  closeSegment();
  if (pages.length > 1 && !pages[pages.length - 1]!.used) pages.pop();
  return { pages, anchorPages, namedPages, warnings };
}
