// The flow: what block layout hands to the paginator. A strip is an unbreakable horizontal
// slice of a column (a line, an options row, a table row group); breaks may fall between
// strips unless the later one says keepWithPrev. Everything else is a control item.
import type { Box, SourcePos } from '../types.js';
import type { PageMaster } from './master.js';

/** Boxes to draw at an offset from the strip's top-left corner. */
export interface Paint {
  dx: number;
  dy: number;
  boxes: Box[];
}

/** Resolved after pagination, when page numbers are known (table of contents). */
export type LatePaint = (pageOf: (anchor: number) => number | undefined) => Paint[];

export interface Strip {
  kind: 'strip';
  height: number;
  /** Space above, dropped at the top of a column. */
  spaceBefore: number;
  paint: Paint[];
  /** No break allowed between the previous strip and this one. */
  keepWithPrev: boolean;
  /** The <keep> this strip belongs to, to warn when a too-tall group had to split. */
  keepGroup?: SourcePos;
  /** A heading's index in document order, recorded with its page for the toc. */
  anchor?: number;
  late?: LatePaint;
  /** Names (`anchor` attributes) of the blocks that start with this strip; layout reports their pages. */
  names?: string[];
  /** Table header strips to repeat when this strip starts a column. */
  header?: Strip[];
}

export type FlowItem =
  | Strip
  | { kind: 'break'; column: boolean }
  | { kind: 'region'; columns: number; gap: number; rule: boolean; balance: boolean }
  | { kind: 'endRegion' }
  | { kind: 'master'; master: PageMaster };

export function emptyStrip(height: number, spaceBefore = 0): Strip {
  return { kind: 'strip', height, spaceBefore, paint: [], keepWithPrev: false };
}
