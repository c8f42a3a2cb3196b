// Blocks drawn rather than set: rules, spacers, answer-sheet bubbles, QR codes.
import { createRequire } from 'node:module';
import type QRCodeModule from 'qrcode';
import type { Box, ElementNode } from '../types.js';
import { lengthPt, PT_PER_MM } from '../markup/units.js';
import type { BlockContext, FlowBuilder } from './context.js';
import { emptyStrip, type Strip } from './flow.js';
import { textBox, textWidth } from './text.js';

// qrcode is loaded when a document first has a QR code: most papers have none (~30 ms of start-up).
let qrcode: typeof QRCodeModule | undefined;
const loadQrcode = () => (qrcode ??= createRequire(import.meta.url)('qrcode') as typeof QRCodeModule);

export function layoutRule(el: ElementNode, width: number, ctx: BlockContext, out: FlowBuilder): void {
  const a = el.attrs;
  const thickness = a.thickness ? lengthPt(a.thickness, 0) : 0.6;
  const space = a.space ? lengthPt(a.space, ctx.base.size) : 0.5 * ctx.base.size;
  const dash: [number, number] | undefined = a.dash === 'dashed' ? [4, 3] : a.dash === 'dotted' ? [1, 2] : undefined;
  const line: Box = { kind: 'line', x1: 0, y1: space, x2: width, y2: space, width: thickness, ...(dash ? { dash } : {}), ...(a.color ? { color: a.color } : {}) };
  out.beginBlock(0);
  out.push({ ...emptyStrip(2 * space), paint: [{ dx: 0, dy: 0, boxes: [line] }] });
  out.endBlock(0);
}

export function layoutSpacer(el: ElementNode, ctx: BlockContext, out: FlowBuilder): void {
  out.beginBlock(0);
  out.push(emptyStrip(el.attrs.height ? lengthPt(el.attrs.height, ctx.base.size) : ctx.base.size));
  out.endBlock(0);
}

/** "12. (A) (B) (C) (D)" with each letter in a circle; filled letters are solid (answer keys). */
export function layoutBubble(el: ElementNode, ctx: BlockContext, out: FlowBuilder): void {
  const size = ctx.base.size;
  const choices = el.attrs.choices ?? 'ABCD';
  const filled = el.attrs.filled ?? '';
  const number = el.attrs.number!;
  const height = size * 1.9;
  const base = height / 2 + 0.35 * size;
  const numberColumn = size * 2.6;
  const label = number.endsWith('.') ? number : `${number}.`;
  const boxes: Box[] = [];
  const lw = textWidth(ctx.fonts, 'serif', false, size, label);
  boxes.push(textBox(ctx.fonts, 'serif', false, size, label, numberColumn - 0.4 * size - lw, base));
  const r = size * 0.62;
  const pitch = size * 2.1;
  const small = size * 0.8;
  [...choices].forEach((ch, i) => {
    const cx = numberColumn + r + i * pitch;
    const cy = height / 2;
    const isFilled = filled.includes(ch);
    boxes.push({ kind: 'circle', cx, cy, r, stroke: '#000000', lineWidth: 0.6, ...(isFilled ? { fill: '#000000' } : {}) });
    const w = textWidth(ctx.fonts, 'sans', false, small, ch);
    const t = textBox(ctx.fonts, 'sans', false, small, ch, cx - w / 2, cy + 0.36 * small);
    boxes.push(isFilled ? { ...t, color: '#ffffff' } : t);
  });
  out.beginBlock(0);
  out.push({ ...emptyStrip(height), paint: [{ dx: 0, dy: 0, boxes }] });
  out.endBlock(0);
}

/** A QR code as one rectangle per run of dark modules on a row (few boxes, crisp edges). */
export function qrBoxes(data: string, side: number): Box[] {
  const qr = loadQrcode().create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const m = side / n;
  const boxes: Box[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      boxes.push({ kind: 'rect', x: start * m, y: row * m, w: (col - start) * m, h: m, fill: '#000000' });
    }
  }
  return boxes;
}

export function layoutQrcode(el: ElementNode, width: number, ctx: BlockContext, out: FlowBuilder): void {
  const a = el.attrs;
  const side = a.size ? lengthPt(a.size, 0) : 25 * PT_PER_MM;
  const x = a.align === 'left' ? 0 : a.align === 'right' ? width - side : (width - side) / 2;
  const paint = [{ dx: x, dy: 0, boxes: qrBoxes(a.data!, side) }];
  let height = side;
  if (a.caption) {
    const size = ctx.base.size * 0.8;
    const w = textWidth(ctx.fonts, 'serif', false, size, a.caption);
    paint.push({ dx: x + (side - w) / 2, dy: side + size * 1.3, boxes: [textBox(ctx.fonts, 'serif', false, size, a.caption, 0, 0)] });
    height += size * 1.7;
  }
  const strip: Strip = { ...emptyStrip(height), paint };
  out.beginBlock(0.4 * ctx.base.size);
  out.push(strip);
  out.endBlock(0.4 * ctx.base.size);
}
