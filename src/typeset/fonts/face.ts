// One font face measured by us: fontkit parses the file once, and every per-character
// answer is cached so that layout never calls fontkit twice for the same code point.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { FamilyName, FontFace } from '../types.js';
import { TypesetError } from '../types.js';

type FontkitFont = fontkit.Font;

const parsedFiles = new Map<string, FontkitFont>();
const fontkitFonts = new WeakMap<FontFace, FontkitFont>();

/** The fontkit font behind a face made by `openFace` (the PDF writer embeds it). */
export function fontkitFontOf(face: FontFace): FontkitFont {
  const font = fontkitFonts.get(face);
  if (!font) throw new Error(`face ${face.key} was not loaded by loadFonts()`);
  return font;
}

/** Splits `file.ttc#PostScriptName` into the path and the face name. */
export function splitFontPath(spec: string): { path: string; postscriptName?: string } {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0) return { path: spec };
  return { path: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) };
}

const HOW_TO_FIX =
  'Rebuild the bundled fonts with fonts/build.sh, or point the family at another font file ' +
  '(see fonts/README.md).';

/** Parses a font file once per process; errors name the file and say what to do. */
export function parseFontFile(spec: string, family: FamilyName): FontkitFont {
  const cached = parsedFiles.get(spec);
  if (cached) return cached;
  const { path, postscriptName } = splitFontPath(spec);
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
    throw new TypesetError(`Font file ${path} for the "${family}" family ${reason}. ${HOW_TO_FIX}`);
  }
  let parsed: FontkitFont | fontkit.FontCollection | null;
  try {
    parsed = fontkit.create(buffer, postscriptName) as FontkitFont | fontkit.FontCollection | null;
  } catch (e) {
    throw new TypesetError(
      `Font file ${path} for the "${family}" family is not a font fontkit can read (${(e as Error).message}). ${HOW_TO_FIX}`,
    );
  }
  if (parsed && 'fonts' in parsed) {
    const names = parsed.fonts.map((f) => f.postscriptName).join(', ');
    throw new TypesetError(
      `Font file ${path} for the "${family}" family is a collection; name one face as ${path}#NAME (faces: ${names}).`,
    );
  }
  if (!parsed) {
    throw new TypesetError(`Font file ${path} has no face named "${postscriptName}" (family "${family}").`);
  }
  const font = parsed;
  try {
    // Touch the tables we rely on, so a damaged file fails here and not mid-document.
    void font.unitsPerEm;
    void font.glyphForCodePoint(0x41).advanceWidth;
    if (!font.hhea) throw new Error('missing hhea table');
    void font.underlinePosition;
  } catch (e) {
    throw new TypesetError(
      `Font file ${path} for the "${family}" family is damaged (${(e as Error).message}). ${HOW_TO_FIX}`,
    );
  }
  parsedFiles.set(spec, font);
  return font;
}

const BMP = 0x10000;

interface HorizontalMetrics {
  metrics: { length: number; get(index: number): { advance: number } | undefined };
}

/**
 * Advance widths straight from the hmtx table. fontkit's `glyph.advanceWidth` also works out
 * vertical metrics, and without a vmtx table (ours have none) it parses the outline for that:
 * ten times slower than this.
 */
function horizontalAdvances(font: FontkitFont): (glyphId: number) => number {
  const hmtx = (font as unknown as { hmtx?: HorizontalMetrics }).hmtx;
  if (!hmtx || hmtx.metrics.length === 0) return (gid) => font.getGlyph(gid).advanceWidth;
  const count = hmtx.metrics.length;
  const last = hmtx.metrics.get(count - 1)?.advance ?? 0;
  return (gid) => (gid < count ? (hmtx.metrics.get(gid)?.advance ?? last) : last);
}

/** A FontFace over a parsed font, with per-code-point caches (typed arrays for the BMP). */
export function openFace(spec: string, key: string, family: FamilyName, bold: boolean): FontFace {
  const font = parseFontFile(spec, family);
  const em = font.unitsPerEm;
  // NaN / -1 mean "not looked up yet"; Float64Array keeps the exact fraction fontkit gives.
  const advances = new Float64Array(BMP).fill(Number.NaN);
  const glyphIds = new Int32Array(BMP).fill(-1);
  const astral = new Map<number, { gid: number; advance: number }>();

  const advanceOfGlyph = horizontalAdvances(font);
  const lookUp = (cp: number): { gid: number; advance: number } => {
    const gid = font.glyphForCodePoint(cp).id;
    return { gid, advance: advanceOfGlyph(gid) / em };
  };
  const glyphId = (cp: number): number => {
    if (cp < BMP) {
      const cached = glyphIds[cp]!;
      if (cached >= 0) return cached;
      const { gid, advance } = lookUp(cp);
      glyphIds[cp] = gid;
      advances[cp] = advance;
      return gid;
    }
    let entry = astral.get(cp);
    if (!entry) astral.set(cp, (entry = lookUp(cp)));
    return entry.gid;
  };
  const advance = (cp: number): number => {
    if (cp < BMP) {
      const cached = advances[cp]!;
      if (cached === cached) return cached; // not NaN
      glyphId(cp);
      return advances[cp]!;
    }
    glyphId(cp);
    return astral.get(cp)!.advance;
  };

  const face: FontFace = {
    key,
    family,
    bold,
    file: splitFontPath(spec).path,
    postscriptName: font.postscriptName,
    ascent: font.ascent / em,
    descent: font.descent / em,
    underlinePosition: font.underlinePosition / em,
    underlineThickness: font.underlineThickness / em,
    hasChar: (cp) => glyphId(cp) !== 0,
    advance,
    glyphId,
  };
  fontkitFonts.set(face, font);
  return face;
}
