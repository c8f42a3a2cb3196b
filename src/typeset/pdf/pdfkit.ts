// The pdfkit PDF backend: LaidOutDocument → PDF bytes through pdfkit's public API only, as
// pdfmake's renderer does it: pages with doc.addPage, shapes with moveTo/rect/circle and
// fill/stroke, transforms with save/transform/restore, and text with doc.font + doc.text at
// exact positions (lineBreak: false, baseline: 'alphabetic'). pdfkit owns the file: objects,
// font subsets (fontkit's), widths, ToUnicode maps and compression. It is the reference
// backend: it embeds any face fontkit reads (TrueType, collections, CFF with subroutines).
//
// Glyph placement: layout gives every character its own x. A text box is cut into runs whose
// gaps are all equal (most lines: the justification spacing is the same after every
// character), and each run is one doc.text call with that gap as characterSpacing (Tc). The
// OpenType features that would move or merge glyphs (kerning, ligatures, contextual and
// proportional alternates) are turned off through the `features` option, so each glyph
// advances by its hmtx width, the width layout measured it with.
// pdfkit and fontkit are loaded on first use.
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import { fontkitFontOf } from '../fonts/face.js';
import type { Box, FontFace, FontSet, LaidOutDocument, TextBox } from '../types.js';
import { TypesetError } from '../types.js';
import type { PdfBackend, WritePdfOptions } from './backend.js';
import { missingGlyph, pdfColor } from './content.js';

let pdfkit: typeof PDFKitDocument | undefined;
const loadPdfkit = () => (pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument);

/** fontkit feature overrides (an object: false turns a default feature off). */
const FIXED_ADVANCES = { kern: false, liga: false, clig: false, calt: false, dlig: false, palt: false, halt: false, vkrn: false };

/** Gaps within this many points are one gap (one run). */
const SAME_GAP = 1e-4;

type Doc = PDFKit.PDFDocument;

export const pdfkitBackend: PdfBackend = {
  name: 'pdfkit',
  unsupported: () => undefined,
  write: writeWithPdfkit,
};

function writeWithPdfkit(doc: LaidOutDocument, fonts: FontSet, options: WritePdfOptions & { date: Date }): Buffer {
  const info = doc.info;
  const PDFDocument = loadPdfkit();
  // The file ID is pdfkit's hash of the information dictionary (dates fixed): deterministic.
  const pdf = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    font: null as unknown as string, // no Helvetica: we only use our own fonts
    lang: info.lang ?? 'zh-CN',
    displayTitle: true,
    info: {
      Title: info.title,
      ...(info.author ? { Author: info.author } : {}),
      ...(info.subject ? { Subject: info.subject } : {}),
      ...(info.keywords ? { Keywords: info.keywords } : {}),
      Creator: options.creator ?? 'exampress',
      Producer: 'exampress (pdfkit)',
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  const draw = drawer(pdf, fonts);

  if (options.sheets) {
    for (const sheet of options.sheets) {
      pdf.addPage({ size: [sheet.width, sheet.height], margin: 0 });
      for (const placement of sheet.placements) {
        const page = doc.pages[placement.page]!; // checkWritable: every placed page exists
        const [a, b, c, d, e, f] = placement.transform;
        // Clip to the page so nothing it draws spills onto its neighbours on the sheet.
        pdf.save().transform(a, b, c, d, e, f).rect(0, 0, page.width, page.height).clip();
        draw(page.boxes);
        pdf.restore();
      }
      // Crop and fold marks, in the sheet's own coordinates, outside every trim.
      if (sheet.marks?.length) draw(sheet.marks);
    }
  } else {
    for (const page of doc.pages) {
      pdf.addPage({ size: [page.width, page.height], margin: 0 });
      draw(page.boxes);
    }
  }
  pdf.end();
  const chunks: Buffer[] = [];
  // pdfkit writes synchronously: after end() the whole file is waiting in the stream.
  for (let chunk: Buffer | null; (chunk = pdf.read() as Buffer | null) !== null; ) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Draws boxes on the current page (pdfkit's coordinates are ours: origin top-left, y down). */
function drawer(pdf: Doc, fonts: FontSet): (boxes: readonly Box[]) => void {
  const registered = new Set<string>();
  const faceOf = (key: string): FontFace => {
    const face = fonts.faces().find((f) => f.key === key);
    if (!face) {
      const keys = fonts.faces().map((f) => f.key).join(', ');
      throw new TypesetError(`Text uses the font face "${key}", which the font set does not have (faces: ${keys}).`);
    }
    if (!registered.has(key)) {
      // pdfkit takes a parsed fontkit font (any object with layout()), so the file is not read
      // again; two keys on one font (a family without a bold file) share one subset.
      pdf.registerFont(key, fontkitFontOf(face) as never);
      registered.add(key);
    }
    return face;
  };

  const draw = (boxes: readonly Box[]): void => {
    for (const box of boxes) {
      switch (box.kind) {
        case 'text':
          drawText(pdf, box, faceOf(box.face));
          break;
        case 'line':
          pdf.save().lineWidth(box.width).strokeColor(colour(box.color ?? '#000000'));
          if (box.dash) pdf.dash(box.dash[0], { space: box.dash[1] });
          pdf.moveTo(box.x1, box.y1).lineTo(box.x2, box.y2).stroke().restore();
          break;
        case 'rect':
          paint(pdf.save(), box.stroke, box.fill, box.lineWidth, () => pdf.rect(box.x, box.y, box.w, box.h));
          pdf.restore();
          break;
        case 'circle':
          paint(pdf.save(), box.stroke, box.fill, box.lineWidth, () => pdf.circle(box.cx, box.cy, box.r));
          pdf.restore();
          break;
        case 'group': {
          const [a, b, c, d, e, f] = box.transform;
          pdf.save().transform(a, b, c, d, e, f);
          draw(box.boxes);
          pdf.restore();
          break;
        }
      }
    }
  };
  return draw;
}

/** A colour pdfkit accepts, checked as our writer checks it (a TypesetError when malformed). */
function colour(color: string): string {
  pdfColor(color);
  return color.trim();
}

function paint(pdf: Doc, stroke: string | undefined, fill: string | undefined, lineWidth: number | undefined, path: () => void): void {
  if (!stroke && !fill) return;
  if (stroke) pdf.lineWidth(lineWidth ?? 1);
  path();
  if (stroke && fill) pdf.fillAndStroke(colour(fill), colour(stroke));
  else if (fill) pdf.fill(colour(fill));
  else pdf.stroke(colour(stroke!));
}

/** One doc.text per run of equal gaps, each run starting exactly at its first character's x. */
function drawText(pdf: Doc, box: TextBox, face: FontFace): void {
  const chars = [...box.text];
  if (chars.length !== box.dx.length) {
    throw new Error(`writePdf: text box "${box.text}" has ${box.dx.length} offsets (dx) for ${chars.length} characters`);
  }
  const widths = chars.map((c) => {
    const cp = c.codePointAt(0)!;
    if (face.glyphId(cp) === 0) throw missingGlyph(face, cp);
    return face.advance(cp) * box.size;
  });
  const gap = (i: number) => box.dx[i + 1]! - box.dx[i]! - widths[i]!;
  pdf.font(box.face).fontSize(box.size).fillColor(colour(box.color ?? '#000000'));
  for (let start = 0; start < chars.length; ) {
    let end = start + 1;
    const spacing = end < chars.length ? gap(start) : 0;
    while (end < chars.length && Math.abs(gap(end - 1) - spacing) < SAME_GAP) end++;
    pdf.text(chars.slice(start, end).join(''), box.x + box.dx[start]!, box.y, {
      lineBreak: false,
      baseline: 'alphabetic',
      characterSpacing: end - start > 1 ? spacing : 0,
      features: FIXED_ADVANCES as never,
    });
    start = end;
  }
}
