// The two halves of the typesetting benchmark, shared by the bench and its test:
// the seed text set by our engine (markup → layout → writePdf) and by pdfkit's own text flow.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { findUncovered, fontkitFontOf } from '../../src/typeset/fonts/index.js';
import { typeset } from '../../src/typeset/index.js';
import { writePdf } from '../../src/typeset/pdf/index.js';
import type { FontSet } from '../../src/typeset/types.js';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = (20 / 25.4) * 72; // 20 mm, the layout's default
export const FONT_SIZE = 10.5; // 五号
export const LINE_HEIGHT = 1.6;

/** The seed's paragraphs (non-empty lines of every seed/*.txt, in name order), or undefined if there is no seed. */
export function seedParagraphs(seedDir: string): string[] | undefined {
  if (!existsSync(seedDir)) return undefined;
  const files = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) return undefined;
  return files
    .flatMap((f) => readFileSync(join(seedDir, f), 'utf8').split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/**
 * The paragraphs without characters no bundled font draws (the seed has a few Ethiopic
 * letters, which our layout rightly rejects), and how many were dropped.
 */
export function withoutUncovered(paragraphs: string[], fonts: FontSet): { paragraphs: string[]; dropped: number } {
  let dropped = 0;
  const kept = paragraphs.map((p) => {
    const missing = new Set(findUncovered(p, 'serif', fonts).map((u) => u.index));
    if (missing.size === 0) return p;
    dropped += missing.size;
    return [...p].filter((_, i) => !missing.has(i)).join('');
  });
  return { paragraphs: kept.filter((p) => p.length > 0), dropped };
}

export function countChars(paragraphs: string[]): number {
  return paragraphs.reduce((n, p) => n + [...p].length, 0);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Justified body paragraphs on A4 with 20 mm margins, 五号 serif, first-line indent 2em. */
export function benchMarkup(paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p align="justify" indent="2em">${escapeXml(p)}</p>`).join('\n');
  return `<doc title="seed" size="A4" margin="20mm" font-size="${FONT_SIZE}pt" line-height="${LINE_HEIGHT}">\n${body}\n</doc>\n`;
}

export interface BenchResult {
  pdf: Buffer;
  pages: number;
}

/** Our pipeline: parse and lay out (typeset), then write; with the time of each half. */
export function renderOurs(markup: string, fonts: FontSet): BenchResult & { layoutMs: number; writeMs: number } {
  const t0 = performance.now();
  const doc = typeset(markup, { template: 'bench', fonts });
  const t1 = performance.now();
  const pdf = writePdf(doc, fonts);
  return { pdf, pages: doc.pages.length, layoutMs: t1 - t0, writeMs: performance.now() - t1 };
}

/** pdfkit's own flow with the same font, size, measure and leading. */
export function renderPdfkit(paragraphs: string[], fonts: FontSet): Promise<BenchResult> {
  const face = fonts.face('serif', false);
  const doc = new PDFDocument({ size: A4, margin: MARGIN, compress: true, font: null as unknown as string });
  // The same parsed font as ours, so neither side pays for reading the file.
  (doc as unknown as { registerFont(name: string, src: unknown): void }).registerFont('serif', fontkitFontOf(face));
  doc.font('serif').fontSize(FONT_SIZE);
  const natural = (face.ascent - face.descent) * FONT_SIZE;
  const chunks: Buffer[] = [];
  let pages = 1;
  doc.on('pageAdded', () => pages++);
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<BenchResult>((resolve) => doc.on('end', () => resolve({ pdf: Buffer.concat(chunks), pages })));
  doc.text(paragraphs.join('\n'), {
    align: 'justify',
    width: A4[0] - 2 * MARGIN,
    indent: 2 * FONT_SIZE,
    lineGap: LINE_HEIGHT * FONT_SIZE - natural,
  });
  doc.end();
  return done;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
