// One font face measured by us. Plain OpenType/TrueType files are read by our own table
// reader (sfnt.ts) and only when a face is first used; fontkit is loaded (lazily: its import
// costs ~200 ms) for other files and for anyone asking for the fontkit font (pdfkit, tests).
// Every per-character answer is cached so that layout never looks a code point up twice.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as fontkit from 'fontkit';
import type { FamilyName, FontFace } from '../types.js';
import { TypesetError } from '../types.js';
import { readCffSourceAt, type CffSource } from './cff.js';
import { charstringExtent } from './ink.js';
import { collectionOffsets, isCollection, isPlainSfnt, readSfnt, type SfntFont } from './sfnt.js';

type FontkitFont = fontkit.Font;

const parsedFiles = new Map<string, FontkitFont>();
const fontkitFonts = new WeakMap<FontFace, () => FontkitFont>();
const sfntFonts = new WeakMap<FontFace, () => SfntFont | undefined>();

let fontkitModule: typeof fontkit | undefined;
/** fontkit, loaded on first need (CommonJS build, so that synchronous code can load it). */
export function loadFontkit(): typeof fontkit {
  fontkitModule ??= createRequire(import.meta.url)('fontkit') as typeof fontkit;
  return fontkitModule;
}

/** The fontkit font behind a face made by `openFace` (parsed on first call; pdfkit embeds it). */
export function fontkitFontOf(face: FontFace): FontkitFont {
  const font = fontkitFonts.get(face);
  if (!font) throw new Error(`face ${face.key} was not loaded by loadFonts()`);
  return font();
}

/** The face's tables as our reader sees them, or undefined when fontkit reads this file. */
export function sfntFontOf(face: FontFace): SfntFont | undefined {
  return sfntFonts.get(face)?.();
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

const cannotRead = (path: string, family: FamilyName, e: unknown) => {
  const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
  return new TypesetError(`Font file ${path} for the "${family}" family ${reason}. ${HOW_TO_FIX}`);
};

function readFont(path: string, family: FamilyName): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw cannotRead(path, family, e);
  }
}

/** The first bytes of a font file (enough to tell its kind); a missing file is a TypesetError. */
function readHeader(path: string, family: FamilyName): Uint8Array {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = new Uint8Array(12);
      const n = readSync(fd, header, 0, 12, 0);
      return header.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw cannotRead(path, family, e);
  }
}

const sfntFiles = new Map<string, SfntFont | undefined>();

/** Open font files, closed by closeFontFiles() and opened again on the next read. */
const openFiles = new Set<{ close(): void }>();

/**
 * Closes every font file our reader holds open (a document read piecewise keeps its font
 * files open while it is set and written); a later read opens the file again.
 */
export function closeFontFiles(): void {
  for (const file of openFiles) file.close();
  openFiles.clear();
}

/**
 * Our reading of a plain sfnt file (or one face of a collection), once per process; undefined
 * when fontkit must read it. The file is read piecewise, never whole: measuring needs a few
 * small tables, and embedding only the outlines of the glyphs used (of a CFF table that is
 * 98% of the file, or of a glyf table in a 20 MB collection).
 */
function readSfntFile(path: string, family: FamilyName, face?: string): SfntFont | undefined {
  const cacheKey = face === undefined ? path : `${path}#${face}`;
  if (sfntFiles.has(cacheKey)) return sfntFiles.get(cacheKey);
  let font: SfntFont | undefined;
  try {
    let handle: number | undefined;
    let size: number;
    const file = {
      close() {
        if (handle !== undefined) closeSync(handle);
        handle = undefined;
      },
    };
    const fdOf = (): number => {
      if (handle === undefined) {
        handle = openSync(path, 'r');
        openFiles.add(file);
      }
      return handle;
    };
    try {
      size = fstatSync(fdOf()).size;
    } catch (e) {
      throw cannotRead(path, family, e);
    }
    // Transient reads (charstring runs, copied out at once) reuse one buffer: fresh memory
    // for every read costs a page fault per 4 KB.
    let scratch = new Uint8Array(0);
    const readAt = (offset: number, length: number, transient = false): Uint8Array => {
      if (transient && scratch.length < length) scratch = new Uint8Array(Math.max(length, 2 * scratch.length, 64 * 1024));
      const out = transient ? scratch.subarray(0, length) : new Uint8Array(length);
      let done = 0;
      const fd = fdOf();
      while (done < length) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n === 0) throw new Error(`the file ends before byte ${offset + length}`);
        done += n;
      }
      return out;
    };
    if (face === undefined) font = readSfnt(readAt, size);
    else {
      // A face of a collection, found by its PostScript name: only its directory and name table are read.
      font = undefined;
      for (const at of collectionOffsets(readAt)) {
        const candidate = readSfnt(readAt, size, at);
        if (candidate?.postscriptName === face) {
          font = candidate;
          break;
        }
      }
    }
    if (!font) file.close();
  } catch (e) {
    if (e instanceof TypesetError) throw e;
    throw new TypesetError(`Font file ${path} for the "${family}" family is damaged (${(e as Error).message}). ${HOW_TO_FIX}`);
  }
  sfntFiles.set(cacheKey, font);
  return font;
}

/** Parses a font file with fontkit once per process; errors name the file and say what to do. */
export function parseFontFile(spec: string, family: FamilyName): FontkitFont {
  const cached = parsedFiles.get(spec);
  if (cached) return cached;
  const { path, postscriptName } = splitFontPath(spec);
  const buffer = readFont(path, family);
  const unusable = unusableFontKind(buffer);
  if (unusable) throw new TypesetError(`Font file ${path} for the "${family}" family ${unusable}`);
  const fontkit = loadFontkit();
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
    let faces = '';
    try {
      const all = fontkit.create(buffer) as FontkitFont | fontkit.FontCollection;
      faces = ` Its faces: ${('fonts' in all ? all.fonts : [all]).map((f) => f.postscriptName).join(', ')}.`;
    } catch {
      // the names are a courtesy
    }
    throw new TypesetError(`Font file ${path} has no face named "${postscriptName}" (family "${family}").${faces}`);
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

const OUTLINE_ADVICE =
  'Use the OpenType (.otf) or TrueType (.ttf, .ttc) version of the typeface (the foundry or your ' +
  'IT department can supply it; Windows has SimSun, SimHei, FangSong and KaiTi as .ttc/.ttf in ' +
  'C:\\Windows\\Fonts), then point templates/theme.yaml at that file (see README: fonts).';

/** What is wrong with a font file of a kind exampress cannot embed, or undefined. */
export function unusableFontKind(head: Uint8Array): string | undefined {
  const text = Buffer.from(head.subarray(0, 32)).toString('latin1');
  if ((head[0] === 0x80 && head[1] === 0x01) || text.startsWith('%!PS-AdobeFont') || text.startsWith('%!FontType1')) {
    return `is a Type 1 (PostScript) font, which PDF readers no longer need to support and exampress does not embed. ${OUTLINE_ADVICE} FontForge can also convert it: File › Generate Fonts… › OpenType (CFF).`;
  }
  if (text.startsWith('STARTFONT') || text.startsWith('\x01fcp') || text.startsWith('MZ')) {
    return `is a bitmap font (BDF, PCF or Windows .fon): it holds pixels for a few sizes, not outlines, and would print jagged. ${OUTLINE_ADVICE}`;
  }
  return undefined;
}

const BMP = 0x10000;

type Extent = readonly [number, number] | undefined;

const emExtent = (minX: number, maxX: number, unitsPerEm: number): Extent =>
  Number.isFinite(minX) && Number.isFinite(maxX) && maxX > minX ? [minX / unitsPerEm, maxX / unitsPerEm] : undefined;

/** inkExtent cached per code point (it is asked for punctuation, once per face and mark). */
function cachedInk(measure: (cp: number) => Extent): (cp: number) => Extent {
  const cache = new Map<number, Extent>();
  return (cp) => {
    if (cache.has(cp)) return cache.get(cp);
    const extent = measure(cp);
    cache.set(cp, extent);
    return extent;
  };
}

const cffOfSfnt = new WeakMap<SfntFont, CffSource | null>();

/**
 * A glyph's ink extent (em) read by us: from the glyf header of a TrueType outline, or by
 * running a CFF charstring; 'unknown' when only fontkit can say (CFF with subroutines).
 */
function sfntInkExtent(sfnt: SfntFont, gid: number): Extent | 'unknown' {
  const glyf = sfnt.tables.get('glyf');
  const loca = sfnt.tables.get('loca');
  const head = sfnt.tables.get('head');
  if (glyf && loca && head) {
    const long = sfnt.readAt(head.offset + 50, 2)[1] === 1;
    const entry = sfnt.readAt(loca.offset + gid * (long ? 4 : 2), long ? 8 : 4);
    const view = new DataView(entry.buffer, entry.byteOffset, entry.byteLength);
    const start = long ? view.getUint32(0) : view.getUint16(0) * 2;
    const end = long ? view.getUint32(4) : view.getUint16(2) * 2;
    if (end - start < 10) return undefined; // no outline: no ink
    const header = sfnt.readAt(glyf.offset + start, 10);
    const h = new DataView(header.buffer, header.byteOffset, 10);
    return emExtent(h.getInt16(2), h.getInt16(6), sfnt.unitsPerEm);
  }
  const table = sfnt.tables.get('CFF ');
  if (!table) return 'unknown';
  let cff = cffOfSfnt.get(sfnt);
  if (cff === undefined) {
    try {
      cff = readCffSourceAt((offset, length, transient) => sfnt.readAt(table.offset + offset, length, transient), table.length) ?? null;
    } catch {
      cff = null;
    }
    cffOfSfnt.set(sfnt, cff);
  }
  if (!cff || !cff.charStrings.load || !cff.charStrings.glyph) return 'unknown';
  cff.charStrings.load([gid]);
  const extent = charstringExtent(cff.charStrings.glyph(gid));
  if (extent === null) return 'unknown';
  return extent ? emExtent(extent[0], extent[1], sfnt.unitsPerEm) : undefined;
}

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

/**
 * A FontFace with per-code-point caches (typed arrays for the BMP). A plain OpenType file is
 * only checked here (it exists, it is a font) and read on first use; anything else is parsed
 * by fontkit now, so a bad file fails at load time either way.
 */
export function openFace(spec: string, key: string, family: FamilyName, bold: boolean): FontFace {
  const { path, postscriptName: wanted } = splitFontPath(spec);
  const header = readHeader(path, family);
  // A plain font, or one face of a collection named #PostScriptName: our reader; else fontkit
  // (which also says which faces a collection has when none or an unknown one is named).
  const ours = wanted === undefined ? isPlainSfnt(header) : isCollection(header);
  if (!ours) return fontkitFace(spec, key, family, bold);

  let sfnt: SfntFont | undefined;
  let fallback: FontFace | undefined;
  let read = false;
  // Our reader, or (for a cmap or name table it does not handle) a fontkit face.
  const load = (): void => {
    if (read) return;
    read = true;
    sfnt = readSfntFile(path, family, wanted);
    if (!sfnt) fallback = fontkitFace(spec, key, family, bold);
  };
  const metrics = () => (load(), sfnt ? sfnt : undefined);

  const lookUp = (cp: number): { gid: number; advance: number } => {
    load();
    if (!sfnt) return { gid: fallback!.glyphId(cp), advance: fallback!.advance(cp) };
    const gid = sfnt.glyphId(cp);
    return { gid, advance: sfnt.advanceOfGlyph(gid) / sfnt.unitsPerEm };
  };
  const { glyphId, advance } = cachedLookups(lookUp);
  // The face-wide metrics, worked out once on first use (layout asks for them per line).
  let fixed: Pick<FontFace, 'postscriptName' | 'ascent' | 'descent' | 'underlinePosition' | 'underlineThickness'> | undefined;
  const fixedMetrics = () => {
    if (!fixed) {
      const f = metrics();
      fixed = f
        ? {
            postscriptName: f.postscriptName,
            ascent: f.ascent / f.unitsPerEm,
            descent: f.descent / f.unitsPerEm,
            underlinePosition: f.underlinePosition / f.unitsPerEm,
            underlineThickness: f.underlineThickness / f.unitsPerEm,
          }
        : fallback!;
    }
    return fixed;
  };

  const face: FontFace = {
    key,
    family,
    bold,
    file: path,
    get postscriptName() {
      return fixedMetrics().postscriptName;
    },
    get ascent() {
      return fixedMetrics().ascent;
    },
    get descent() {
      return fixedMetrics().descent;
    },
    get underlinePosition() {
      return fixedMetrics().underlinePosition;
    },
    get underlineThickness() {
      return fixedMetrics().underlineThickness;
    },
    hasChar: (cp) => glyphId(cp) !== 0,
    advance,
    glyphId,
    inkExtent: cachedInk((cp) => {
      load();
      if (!sfnt) return fallback!.inkExtent!(cp);
      const gid = sfnt.glyphId(cp);
      if (gid === 0) return undefined;
      const own = sfntInkExtent(sfnt, gid);
      if (own !== 'unknown') return own;
      // glyphForCodePoint, not getGlyph(gid): fontkit caches the glyph object, and one made
      // without its code point would leave pdfkit's ToUnicode entry for it empty.
      const box = parseFontFile(spec, family).glyphForCodePoint(cp).bbox;
      return emExtent(box.minX, box.maxX, sfnt.unitsPerEm);
    }),
  };
  fontkitFonts.set(face, () => (metrics(), fallback ? fontkitFontOf(fallback) : parseFontFile(spec, family)));
  sfntFonts.set(face, metrics);
  return face;
}

/**
 * glyphId and advance over a lookup, cached per code point. The BMP tables are not filled
 * up front: glyph id + 1 is stored, so 0 means "not looked up", and a fresh zeroed array
 * costs nothing until a page of it is touched (a fill touches all 768 KB per face).
 */
function cachedLookups(lookUp: (cp: number) => { gid: number; advance: number }): {
  glyphId: (cp: number) => number;
  advance: (cp: number) => number;
} {
  const advances = new Float64Array(BMP);
  const glyphIdsPlusOne = new Int32Array(BMP);
  const astral = new Map<number, { gid: number; advance: number }>();
  const glyphId = (cp: number): number => {
    if (cp < BMP) {
      const cached = glyphIdsPlusOne[cp]!;
      if (cached !== 0) return cached - 1;
      const { gid, advance } = lookUp(cp);
      glyphIdsPlusOne[cp] = gid + 1;
      advances[cp] = advance;
      return gid;
    }
    let entry = astral.get(cp);
    if (!entry) astral.set(cp, (entry = lookUp(cp)));
    return entry.gid;
  };
  const advance = (cp: number): number => {
    if (cp < BMP) {
      if (glyphIdsPlusOne[cp] === 0) glyphId(cp);
      return advances[cp]!;
    }
    glyphId(cp);
    return astral.get(cp)!.advance;
  };
  return { glyphId, advance };
}

/** A FontFace over a font fontkit parses now (collections, WOFF, what our reader does not handle). */
function fontkitFace(spec: string, key: string, family: FamilyName, bold: boolean): FontFace {
  const font = parseFontFile(spec, family);
  const em = font.unitsPerEm;
  const advanceOfGlyph = horizontalAdvances(font);
  const lookUp = (cp: number): { gid: number; advance: number } => {
    const gid = font.glyphForCodePoint(cp).id;
    return { gid, advance: advanceOfGlyph(gid) / em };
  };
  const { glyphId, advance } = cachedLookups(lookUp);
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
    inkExtent: cachedInk((cp) => {
      if (glyphId(cp) === 0) return undefined;
      const box = font.glyphForCodePoint(cp).bbox; // not getGlyph(gid): see above
      return emExtent(box.minX, box.maxX, em);
    }),
  };
  fontkitFonts.set(face, () => font);
  sfntFonts.set(face, () => undefined);
  return face;
}
