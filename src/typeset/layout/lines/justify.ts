// Positions of each slot on a line: alignment, justification (spread over break
// opportunities: between CJK characters and at word spaces), or shrinking an overfull line.
import type { ParagraphStyle } from '../../types.js';
import type { LineRange } from './breakLines.js';
import { SP } from './classes.js';
import { BREAK } from './kinsoku.js';
import type { Slots } from './segment.js';
import { lineOpportunities, lineShrink, lineWidth, type Spacing, startTrim } from './spacing.js';

export interface Placement {
  /** x of slot i (line-relative, indent included) for i in [start, end). */
  xs: Float64Array;
  /** Advance of slot i as placed (shrunk slots are narrower; the last loses its end trim). */
  ws: Float64Array;
  naturalWidth: number;
  contentEnd: number;
  /** The first slot's trimmed left blank (it starts this much left of the line's edge). */
  lead: number;
  justified: boolean;
}

let xsBuf = new Float64Array(1024);
let wsBuf = new Float64Array(1024);

/** Places the slots of one line (in reused buffers indexed by slot: consume before the next call). */
export function placeLine(s: Slots, sp: Spacing, line: LineRange, align: ParagraphStyle['align']): Placement {
  if (xsBuf.length < s.n) {
    xsBuf = new Float64Array(s.n * 2);
    wsBuf = new Float64Array(s.n * 2);
  }
  const xs = xsBuf;
  const ws = wsBuf;
  const { start, end, avail } = line;
  const natural = lineWidth(sp, start, end);
  const slack = avail - natural;
  let shrinkRatio = 0;
  let perOpp = 0;
  let perJoint = 0;
  let offset = 0;
  let justified = false;
  const visibleEnd = s.cls[end - 1] === SP ? end - 1 : end;
  if (slack < -1e-9) {
    const shrink = lineShrink(sp, start, end);
    shrinkRatio = shrink > 0 ? Math.min(1, -slack / shrink) : 0;
    justified = align === 'justify' && !line.last && shrink >= -slack - 1e-6;
  } else if (align === 'justify' && !line.last && slack > 1e-9) {
    const opps = lineOpportunities(sp, start, end);
    if (opps > 0) {
      perOpp = slack / opps;
      justified = true;
    } else {
      // No break opportunity at all (one long unit): letter-space rather than leave a gap.
      if (visibleEnd - start > 1) {
        perJoint = slack / (visibleEnd - start - 1);
        justified = true;
      }
    }
  } else if (align === 'center') {
    offset = slack / 2;
  } else if (align === 'right') {
    offset = slack;
  } else if (align === 'justify' && !line.last) {
    justified = true; // already exact
  }
  const { adv } = s;
  const { joint, brk, shrinkSlot, shrinkJoint } = sp;
  // A line-start opening mark's blank hangs left of the edge: its ink starts at x0.
  const lead = startTrim(sp, start);
  let x = line.x0 + offset - lead;
  for (let i = start; i < end; i++) {
    if (i > start) {
      x += joint[i]! - shrinkRatio * shrinkJoint[i]!;
      if (i < visibleEnd) x += perJoint;
      if (perOpp !== 0 && brk[i] === BREAK) x += perOpp;
    }
    xs[i] = x;
    // The last slot's trimmed blank (or trailing space) is not part of the line.
    const w = i < end - 1 ? adv[i]! - shrinkRatio * shrinkSlot[i]! : adv[i]! - sp.endTrim[i]!;
    ws[i] = w;
    x += w;
  }
  const contentEnd = x;
  return { xs, ws, naturalWidth: natural, contentEnd, justified, lead };
}
