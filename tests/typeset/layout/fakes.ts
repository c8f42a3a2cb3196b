// Test doubles: a font set where CJK is 1em and everything else 0.5em, and a greedy line
// engine (character by character) so layout tests do not depend on the real engine.
import type { Box, FontFace, FontSet, InlineItem, ParagraphStyle, SetLine } from '../../../src/typeset/types.js';
import type { LineEngine } from '../../../src/typeset/layout/index.js';

export const advanceOf = (cp: number): number => (cp >= 0x2e80 ? 1 : 0.5);

function face(family: string, bold: boolean): FontFace {
  return {
    key: `${family}-${bold ? 'bold' : 'regular'}`,
    family,
    bold,
    file: `/fonts/${family}.otf`,
    postscriptName: family,
    ascent: 0.88,
    descent: -0.12,
    underlinePosition: -0.1,
    underlineThickness: 0.05,
    hasChar: () => true,
    advance: advanceOf,
    glyphId: (cp) => cp,
  };
}

export function fakeFonts(): FontSet {
  const faces = ['serif', 'sans'].flatMap((f) => [face(f, false), face(f, true)]);
  return {
    face: (family, bold) => faces.find((f) => f.family === family && f.bold === bold)!,
    faceFor: (_cp, family, bold) => faces.find((f) => f.family === family && f.bold === bold),
    faces: () => faces,
    describe: (family) => family,
  };
}

interface Atom {
  width: number;
  size: number;
  boxes: (x: number) => Box[];
  text: string;
  isBreak?: boolean;
}

function atoms(items: InlineItem[]): Atom[] {
  const out: Atom[] = [];
  for (const it of items) {
    if (it.kind === 'text') {
      for (const ch of it.text) {
        const w = advanceOf(ch.codePointAt(0)!) * it.style.size;
        const key = `${it.style.family}-${it.style.bold ? 'bold' : 'regular'}`;
        out.push({ width: w, size: it.style.size, text: ch, boxes: (x) => [{ kind: 'text', x, y: 0, face: key, size: it.style.size, text: ch, dx: [0] }] });
      }
    } else if (it.kind === 'blank') {
      out.push({ width: it.width, size: it.style.size, text: '＿', boxes: (x) => [{ kind: 'line', x1: x, y1: 2, x2: x + it.width, y2: 2, width: 0.5 }] });
    } else if (it.kind === 'bracket') {
      out.push({ width: 4 * it.style.size, size: it.style.size, text: '(    )', boxes: () => [] });
    } else if (it.kind === 'box') {
      out.push({ width: it.width, size: 0, text: '□', boxes: (x) => it.boxes.map((b) => (b.kind === 'rect' ? { ...b, x: b.x + x } : b)) });
    } else out.push({ width: 0, size: 0, text: '\n', boxes: () => [], isBreak: true });
  }
  return out;
}

export const stubEngine: LineEngine = {
  setParagraph(items: InlineItem[], para: ParagraphStyle, width: number): SetLine[] {
    const all = atoms(items);
    const lines: SetLine[] = [];
    let cur: Atom[] = [];
    let x = para.indent;
    const flush = (): void => {
      const size = Math.max(10, ...cur.map((a) => a.size));
      const start = lines.length === 0 ? para.indent : para.hang ?? 0;
      let at = start;
      const boxes: Box[] = [];
      for (const a of cur) {
        boxes.push(...a.boxes(at));
        at += a.width;
      }
      lines.push({
        width, naturalWidth: at - start, contentWidth: at, ascent: 0.88 * size, descent: 0.12 * size,
        height: para.lineHeight * size, justified: false, text: cur.map((a) => a.text).join(''), boxes,
      });
      cur = [];
      x = para.hang ?? 0;
    };
    for (const a of all) {
      if (a.isBreak) {
        flush();
        continue;
      }
      if (x + a.width > width + 0.01 && cur.length) flush();
      cur.push(a);
      x += a.width;
    }
    if (cur.length || lines.length === 0) flush();
    return lines;
  },
  measureInline(items: InlineItem[]) {
    const w = atoms(items).reduce((s, a) => s + a.width, 0);
    return { natural: w, minContent: Math.max(0, ...atoms(items).map((a) => a.width)) };
  },
};

/** All text of a page's boxes in drawing order (groups included). */
export function pageText(boxes: readonly Box[]): string {
  let s = '';
  for (const b of boxes) {
    if (b.kind === 'text') s += b.text;
    else if (b.kind === 'group') s += pageText(b.boxes);
  }
  return s;
}
