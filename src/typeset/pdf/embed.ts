// The glue to pdfkit's EmbeddedFont: we hand it glyph ids we already know (no fontkit
// layout per string), and record widths and ToUnicode entries the way its own `encode` does,
// so pdfkit writes a correct subset, W array and ToUnicode CMap when the document ends.
import { fontkitFontOf } from '../fonts/face.js';
import type { FontFace, FontSet } from '../types.js';
import { TypesetError } from '../types.js';
import { subsetCoder, type EncodedFont, type GlyphEncoder } from './content.js';
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
  const glyphs: number[] = [];
  const code = subsetCoder(face, (gid, codePoint) => {
    const sub = font.subset.includeGlyph(gid);
    font.widths[sub] ??= face.advance(codePoint) * 1000;
    font.unicode[sub] ??= [codePoint];
    glyphs.push(gid);
    return sub;
  });
  return {
    resource: font.id,
    ref: () => font.ref(),
    glyphs: () => glyphs,
    code,
    width: (codePoint) => face.advance(codePoint) * 1000,
  };
}
