// <canvas>: a block of fixed height whose children are drawn at exact coordinates from its
// top-left corner. Answer sheets (bubbles and registration marks whose centres a scanner must
// know) and handbook diagrams are drawn this way: geometry comes from the view model, not flow.
import type { Box, ElementNode } from '../types.js';
import { TypesetError } from '../types.js';
import { lengthPt } from '../markup/units.js';
import type { BlockContext, FlowBuilder } from './context.js';
import { locate } from './context.js';
import { qrBoxes } from './figures.js';
import { emptyStrip } from './flow.js';

const len = (v: string | undefined, fallback = 0) => (v === undefined ? fallback : lengthPt(v, 0));

export function layoutCanvas(el: ElementNode, ctx: BlockContext, out: FlowBuilder): void {
  const boxes: Box[] = [];
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    boxes.push(...canvasBoxes(child, ctx));
  }
  out.beginBlock(0);
  out.push({ ...emptyStrip(len(el.attrs.height)), paint: [{ dx: 0, dy: 0, boxes }] });
  out.endBlock(0);
}

function canvasBoxes(el: ElementNode, ctx: BlockContext): Box[] {
  const a = el.attrs;
  const paint = { ...(a.stroke ? { stroke: a.stroke } : {}), ...(a.fill ? { fill: a.fill } : {}), ...(a['line-width'] ? { lineWidth: len(a['line-width']) } : {}) };
  switch (el.name) {
    case 'circle':
      return [{ kind: 'circle', cx: len(a.cx), cy: len(a.cy), r: len(a.r), ...(a.stroke || a.fill ? {} : { stroke: '#000000' }), ...paint }];
    case 'rect':
      return [{ kind: 'rect', x: len(a.x), y: len(a.y), w: len(a.w), h: len(a.h), ...(a.stroke || a.fill ? {} : { stroke: '#000000' }), ...paint }];
    case 'line': {
      const dash: [number, number] | undefined = a.dash === 'dashed' ? [4, 3] : a.dash === 'dotted' ? [1, 2] : undefined;
      return [{ kind: 'line', x1: len(a.x1), y1: len(a.y1), x2: len(a.x2), y2: len(a.y2), width: len(a.width, 0.6), ...(dash ? { dash } : {}), ...(a.color ? { color: a.color } : {}) }];
    }
    case 'qr': {
      const x = len(a.x);
      const y = len(a.y);
      return [{ kind: 'group', transform: [1, 0, 0, 1, x, y], boxes: qrBoxes(a.data!, len(a.size)) }];
    }
    case 'label':
      return [labelBox(el, ctx)];
    default:
      return [];
  }
}

/** One line of text at (x, baseline y), each character in the first face of the family that has it. */
function labelBox(el: ElementNode, ctx: BlockContext): Box {
  const a = el.attrs;
  const text = el.children.map((c) => (c.type === 'text' ? c.text : '')).join('').replace(/\s+/g, ' ').trim();
  const size = len(a.size, ctx.base.size);
  const family = a.font ?? 'serif';
  const bold = a.bold === 'true';
  const runs: Box[] = [];
  let x = 0;
  let run: { face: string; text: string; dx: number[]; x: number } | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const face = ctx.fonts.faceFor(cp, family, bold);
    if (!face) throw new TypesetError(`${locate(el.pos)}: no configured font has "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); fonts tried: ${ctx.fonts.describe(family)}`, el.pos, a.from);
    if (!run || run.face !== face.key) {
      if (run) runs.push({ kind: 'text', x: run.x, y: 0, face: run.face, size, text: run.text, dx: run.dx, ...(a.color ? { color: a.color } : {}) });
      run = { face: face.key, text: '', dx: [], x };
    }
    run.dx.push(x - run.x);
    run.text += ch;
    x += face.advance(cp) * size;
  }
  if (run) runs.push({ kind: 'text', x: run.x, y: 0, face: run.face, size, text: run.text, dx: run.dx, ...(a.color ? { color: a.color } : {}) });
  const shift = a.align === 'center' ? -x / 2 : a.align === 'right' ? -x : 0;
  return { kind: 'group', transform: [1, 0, 0, 1, len(a.x) + shift, len(a.y)], boxes: runs };
}
