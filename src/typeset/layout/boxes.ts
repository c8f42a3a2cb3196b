// Moving boxes: layout builds them relative to a line or strip, pages need them absolute.
import type { Box } from '../types.js';

export function translateBox(box: Box, dx: number, dy: number): Box {
  switch (box.kind) {
    case 'text':
      return { ...box, x: box.x + dx, y: box.y + dy };
    case 'line':
      return { ...box, x1: box.x1 + dx, y1: box.y1 + dy, x2: box.x2 + dx, y2: box.y2 + dy };
    case 'rect':
      return { ...box, x: box.x + dx, y: box.y + dy };
    case 'circle':
      return { ...box, cx: box.cx + dx, cy: box.cy + dy };
    case 'group': {
      const [a, b, c, d, e, f] = box.transform;
      return { ...box, transform: [a, b, c, d, e + dx, f + dy] };
    }
  }
}

/** Appends `boxes` moved by (dx, dy) to `out`. */
export function pushTranslated(out: Box[], boxes: readonly Box[], dx: number, dy: number): void {
  for (const b of boxes) out.push(dx === 0 && dy === 0 ? b : translateBox(b, dx, dy));
}
