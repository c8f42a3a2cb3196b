// The glue to pdfkit's EmbeddedFont: we hand it glyph ids we already know (no fontkit
// layout per string), and record widths and ToUnicode entries the way its own `encode` does,
// so pdfkit writes a correct subset, W array and ToUnicode CMap when the document ends.
import { fontkitFontOf } from '../fonts/face.js';
import type { FontFace, FontSet } from '../types.js';
import { TypesetError } from '../types.js';
import { literalCode, type EncodedFont, type GlyphEncoder } from './content.js';
import { embedFontFast } from './deflate.js';

/** The parts of pdfkit's (untyped) EmbeddedFont that we use. */
interface EmbeddedFont {
  id: string;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface PdfkitInternals {
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown> };
  registerFont(name: string, src: unknown): unknown;
  font(name: string): unknown;
}

/** A GlyphEncoder over one pdfkit document; each face is embedded on first use. */
export function pdfkitGlyphEncoder(
  doc: PDFKit.PDFDocument,
  fonts: FontSet,
  subsetter: 'exampress' | 'fontkit' = 'exampress',
): GlyphEncoder & { beginPage(): void; fingerprint(): string } {
  const internals = doc as unknown as PdfkitInternals;
  const encoded = new Map<string, ReturnType<typeof encodedFont>>();
  let onPage = new Set<string>();

  const embed = (faceKey: string) => {
    const face = fonts.faces().find((f) => f.key === faceKey);
    if (!face) {
      const keys = fonts.faces().map((f) => f.key).join(', ');
      throw new TypesetError(`Text uses the font face "${faceKey}", which the font set does not have (faces: ${keys}).`);
    }
    // pdfkit accepts a parsed fontkit font, so the file is not read and parsed again.
    internals.registerFont(faceKey, fontkitFontOf(face));
    internals.font(faceKey);
    embedFontFast(doc as never, internals._font as never, subsetter);
    return encodedFont(face, internals._font);
  };

  return {
    beginPage() {
      onPage = new Set();
    },
    /** Which glyphs each subset holds, in subset order: with the content streams, all the file shows. */
    fingerprint() {
      return [...encoded.entries()].map(([key, font]) => `${key}:${font.glyphs().join(',')}`).join('\n');
    },
    font(faceKey) {
      let font = encoded.get(faceKey);
      if (!font) encoded.set(faceKey, (font = embed(faceKey)));
      if (!onPage.has(faceKey)) {
        internals.page.fonts[font.resource] = font.ref();
        onPage.add(faceKey);
      }
      return font;
    },
  };
}

function encodedFont(face: FontFace, font: EmbeddedFont): EncodedFont & { ref(): unknown; glyphs(): number[] } {
  // The hot path is one typed-array read per character: code point → subset glyph id
  // (0 = not yet seen; the subset's 0 is .notdef, which we never print) → its code.
  const subsetIdOfCodePoint = new Int32Array(0x10000);
  const codeOfSubsetId: string[] = ['\0\0'];
  const subsetIdOfGlyph = new Map<number, number>();
  const glyphs: number[] = [];
  const include = (codePoint: number): string => {
    const gid = face.glyphId(codePoint);
    if (gid === 0) {
      // Layout picks faces with faceFor(); this catches boxes made some other way.
      const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
      throw new TypesetError(`The font ${face.file} (${face.key}) has no glyph for "${String.fromCodePoint(codePoint)}" (U+${hex}); it would print as an empty box.`);
    }
    let sub = subsetIdOfGlyph.get(gid);
    if (sub === undefined) {
      sub = font.subset.includeGlyph(gid);
      font.widths[sub] ??= face.advance(codePoint) * 1000;
      font.unicode[sub] ??= [codePoint];
      codeOfSubsetId[sub] = literalCode(sub);
      subsetIdOfGlyph.set(gid, sub);
      glyphs.push(gid);
    }
    if (codePoint < 0x10000) subsetIdOfCodePoint[codePoint] = sub;
    return codeOfSubsetId[sub]!;
  };
  return {
    resource: font.id,
    ref: () => font.ref(),
    glyphs: () => glyphs,
    code(codePoint) {
      const sub = codePoint < 0x10000 ? subsetIdOfCodePoint[codePoint]! : 0;
      return sub !== 0 ? codeOfSubsetId[sub]! : include(codePoint);
    },
    width: (codePoint) => face.advance(codePoint) * 1000,
  };
}
