// Diagrams of the handbook, drawn from data with the <canvas> primitives: who sits where at a
// round banquet table and in a five-seat car, and how to hand over a business card. A section
// names its drawing with `figure:`; the bundled bank's sections get theirs by id (below). The
// drawing is printed after the section's norms.

/** One primitive of a canvas, in mm from the canvas's top-left corner (the template adds units). */
export type Shape =
  | { isCircle: true; cx: number; cy: number; r: number; fill: string; stroke: string }
  | { isRect: true; x: number; y: number; w: number; h: number; fill: string; stroke: string }
  | { isLine: true; x1: number; y1: number; x2: number; y2: number; dashed: boolean }
  | { isLabel: true; x: number; y: number; size: number; text: string; bold: boolean; align: 'left' | 'center' | 'right' };

export interface FigureView {
  caption: string;
  /** Canvas height in mm. */
  height: number;
  shapes: Shape[];
}

const circle = (cx: number, cy: number, r: number, fill = '#ffffff', stroke = '#000000'): Shape => ({ isCircle: true, cx, cy, r, fill, stroke });
const rect = (x: number, y: number, w: number, h: number, fill = '#ffffff', stroke = '#000000'): Shape => ({ isRect: true, x, y, w, h, fill, stroke });
const line = (x1: number, y1: number, x2: number, y2: number, dashed = false): Shape => ({ isLine: true, x1, y1, x2, y2, dashed });
const label = (x: number, y: number, text: string, size = 6.5, bold = false, align: 'left' | 'center' | 'right' = 'center'): Shape => ({ isLabel: true, x, y, size, text, bold, align });

/** A seat: a small circle with its rank (or name) centred in it. */
function seat(cx: number, cy: number, r: number, text: string, honoured: boolean): Shape[] {
  const size = Math.min(6.5, r * 2.2);
  // Baseline a little over a third of the type size below the centre centres CJK characters and digits.
  return [circle(cx, cy, r, honoured ? '#d9d9d9' : '#ffffff'), label(cx, cy + size * (25.4 / 72) * 0.36, text, size, honoured)];
}

/**
 * Ten seats round a table, the door at the bottom. Ranks as the norms give them: the host
 * faces the door; the guest of honour on the host's right (the viewer's left, since the host
 * faces us), the second guest on the host's left, then alternating outwards; the deputy host
 * opposite the host, by the door.
 */
export function banquetFigure(width: number): FigureView {
  const R = 13;
  const cx = width / 2;
  const cy = 19;
  const r = 3.3;
  const seats = 10;
  const shapes: Shape[] = [circle(cx, cy, R - 4.5, '#f2f2f2')];
  // Seat i sits at angle i·36° clockwise from the top (seen from above, the host at the top).
  const names = ['主', '1', '3', '5', '7', '副', '8', '6', '4', '2'];
  for (let i = 0; i < seats; i++) {
    const a = (i * 2 * Math.PI) / seats;
    // Clockwise from the top on the page is the host's left (the host faces down the page).
    const x = cx - R * Math.sin(a);
    const y = cy - R * Math.cos(a);
    shapes.push(...seat(x, y, r, names[i]!, i === 0 || names[i] === '1'));
  }
  const doorY = cy + R + r + 3.5;
  shapes.push(line(cx - 7, doorY, cx + 7, doorY), label(cx, doorY + 3.2, '门', 6.5));
  shapes.push(label(cx, doorY + 8, '主：主人，副：副主人，数字为客人位次', 6));
  return { caption: '图　中餐圆桌座次（面门为上，以右为尊）', height: doorY + 10, shapes };
}

/** A five-seat car seen from above, front at the top; ranks printed in the seats. */
function car(x: number, y: number, title: string, ranks: { frontRight: string; rearRight: string; rearMiddle: string; rearLeft: string }, driverLeft: string): Shape[] {
  const w = 22;
  const h = 34;
  const s = 3.1;
  const out: Shape[] = [rect(x, y, w, h, '#f7f7f7'), line(x + 2, y + 7, x + w - 2, y + 7)];
  const front = y + 12;
  const rear = y + 25;
  const [l, m, r] = [x + 5.5, x + w / 2, x + w - 5.5];
  out.push(...seat(l, front, s, driverLeft, false), ...seat(r, front, s, ranks.frontRight, ranks.frontRight === '1'));
  out.push(...seat(l, rear, s, ranks.rearLeft, ranks.rearLeft === '1'), ...seat(m, rear, s, ranks.rearMiddle, false), ...seat(r, rear, s, ranks.rearRight, ranks.rearRight === '1'));
  out.push(label(x + w / 2, y + h + 4, title, 6.5));
  out.push(label(x + w / 2, y + 5, '车头', 5.5));
  return out;
}

/** Two cars side by side: with a chauffeur, and driven by the host. */
export function carFigure(width: number): FigureView {
  const gap = Math.max(4, (width - 44) / 3);
  return {
    caption: '图　轿车座次（1 为上座）',
    height: 41,
    shapes: [
      ...car(gap, 1, '专职司机驾车', { rearRight: '1', rearLeft: '2', rearMiddle: '3', frontRight: '4' }, '司'),
      ...car(2 * gap + 22, 1, '主人亲自驾车', { frontRight: '1', rearRight: '2', rearLeft: '3', rearMiddle: '4' }, '主'),
    ],
  };
}

/** Handing over a business card: the card the right way up for the receiver, held by both top corners. */
export function cardFigure(width: number): FigureView {
  const cx = width / 2;
  const top = 7;
  const shapes: Shape[] = [
    label(cx, 3, '自己（递出）', 6),
    rect(cx - 14, top, 28, 16, '#ffffff'),
    label(cx, top + 7, '王　明', 7, true),
    label(cx, top + 12, '客户经理', 5.5),
    // The giver's thumbs at the two top corners; the words face the receiver, below.
    circle(cx - 14, top, 2, '#d9d9d9'),
    circle(cx + 14, top, 2, '#d9d9d9'),
    label(cx - 17, top + 1, '拇指', 5.5, false, 'right'),
    label(cx + 17, top + 1, '拇指', 5.5, false, 'left'),
    line(cx, top + 18, cx, top + 24),
    line(cx, top + 24, cx - 1.5, top + 22.2),
    line(cx, top + 24, cx + 1.5, top + 22.2),
    label(cx, top + 28, '对方（接受）', 6),
  ];
  return { caption: '图　递名片：双手捏住上端两角，字面朝向对方', height: top + 30, shapes };
}

export const FIGURES = { 'banquet-seating': banquetFigure, 'car-seating': carFigure, 'business-card': cardFigure } as const;
export type FigureName = keyof typeof FIGURES;

/** The drawing of the bundled bank's sections that do not name one with `figure:`. */
export const SECTION_FIGURES: Record<string, FigureName> = {
  'banquet-seat': 'banquet-seating',
  'visit-car': 'car-seating',
  'intro-card': 'business-card',
};
