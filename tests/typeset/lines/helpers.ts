// Shared helpers for the line-engine tests: styles, items and reading glyph positions back.
import type { InlineItem, InlineStyle, ParagraphStyle, SetLine, TextBox } from '../../../src/typeset/types.js';

export const SIZE = 10.5;

export function style(extra: Partial<InlineStyle> = {}): InlineStyle {
  return { family: 'serif', bold: false, size: SIZE, ...extra };
}

export function text(t: string, st: InlineStyle = style(), from?: string): InlineItem {
  return from === undefined ? { kind: 'text', text: t, style: st } : { kind: 'text', text: t, style: st, from };
}

export const justified: ParagraphStyle = { align: 'justify', indent: 0, lineHeight: 1.5 };
export const left: ParagraphStyle = { align: 'left', indent: 0, lineHeight: 1.5 };

export interface Glyph {
  ch: string;
  x: number;
  size: number;
  face: string;
}

/** Every drawn character of a line with its absolute x, in drawing order. */
export function glyphs(line: SetLine): Glyph[] {
  const out: Glyph[] = [];
  for (const b of line.boxes) {
    if (b.kind !== 'text') continue;
    const tb = b as TextBox;
    let k = 0;
    for (const ch of tb.text) out.push({ ch, x: tb.x + tb.dx[k++]!, size: tb.size, face: tb.face });
  }
  return out;
}

/** The x of the n-th occurrence (0-based) of `ch` among a line's glyphs. */
export function xOf(line: SetLine, ch: string, n = 0): number {
  const found = glyphs(line).filter((g) => g.ch === ch)[n];
  if (!found) throw new Error(`"${ch}" #${n} not on line "${line.text}"`);
  return found.x;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
