// A small reader for the OpenType tables typesetting needs (head, hhea, hmtx, cmap, post,
// OS/2, name, and where CFF lies), so that setting a paper does not load fontkit (~200 ms of
// imports at start-up) nor build its lazy structures per lookup. Fonts it cannot read
// (collections, WOFF, unusual cmaps) return undefined and go to fontkit as before.

/**
 * Bytes of the font file at an offset (the caller does not write to them). With `transient`,
 * they may be a view of a scratch buffer that the next transient read overwrites.
 */
export type ReadAt = (offset: number, length: number, transient?: boolean) => Uint8Array;

/** The parts of one sfnt font that measuring and embedding use. Values in font units. */
export interface SfntFont {
  /** Reads from the file: tables are read when needed (the CFF table is most of the file). */
  readAt: ReadAt;
  tables: Map<string, { offset: number; length: number }>;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  bbox: [number, number, number, number];
  italicAngle: number;
  underlinePosition: number;
  underlineThickness: number;
  isFixedPitch: boolean;
  isItalic: boolean;
  /** OS/2 sFamilyClass >> 8, or 0 without OS/2. */
  familyClass: number;
  capHeight: number;
  xHeight: number;
  postscriptName: string;
  /** Glyph id of a code point (0 = none), from the same cmap subtable fontkit picks. */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph from hmtx. */
  advanceOfGlyph(glyphId: number): number;
}

const tag = (b: Uint8Array, p: number) => String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);

/** True for a single OpenType/TrueType font (not a collection, not WOFF): what readSfnt reads. */
export function isPlainSfnt(header: Uint8Array): boolean {
  if (header.length < 12) return false;
  const t = tag(header, 0);
  return t === 'OTTO' || t === 'true' || (header[0] === 0 && header[1] === 1 && header[2] === 0 && header[3] === 0);
}

/** True for a TrueType/OpenType collection (.ttc/.otc). */
export function isCollection(header: Uint8Array): boolean {
  return header.length >= 4 && tag(header, 0) === 'ttcf';
}

/** Where each face's table directory starts in a collection. */
export function collectionOffsets(readAt: ReadAt): number[] {
  const header = readAt(0, 12);
  const view = new DataView(header.buffer, header.byteOffset, 12);
  const count = view.getUint32(8);
  const raw = readAt(12, 4 * count);
  const offsets = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Array.from({ length: count }, (_, i) => offsets.getUint32(4 * i));
}

/**
 * Reads the font whose table directory starts at `at` (0 for a single font, a collection's
 * offset for one of its faces); undefined when something is outside what this reader handles
 * (use fontkit). Throws for damaged tables.
 */
export function readSfnt(readAt: ReadAt, fileLength: number, at = 0): SfntFont | undefined {
  const header = readAt(at, 12);
  if (!isPlainSfnt(header)) return undefined;
  const numTables = (header[4]! << 8) | header[5]!;
  const directory = readAt(at + 12, 16 * numTables);
  const dir = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const offset = dir.getUint32(16 * i + 8);
    const length = dir.getUint32(16 * i + 12);
    if (offset + length > fileLength) throw new Error(`table ${tag(directory, 16 * i)} runs past the end of the file`);
    tables.set(tag(directory, 16 * i), { offset, length });
  }
  /** A table's bytes, as a DataView from its start; undefined when the font has none. */
  const table = (name: string): DataView | undefined => {
    const t = tables.get(name);
    if (!t) return undefined;
    const bytes = readAt(t.offset, t.length);
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const need = (name: string): DataView => {
    const t = table(name);
    if (!t) throw new Error(`missing ${name} table`);
    return t;
  };
  const head = need('head');
  const hhea = need('hhea');
  const hmtx = need('hmtx');
  const post = need('post');
  const os2 = table('OS/2');

  const unitsPerEm = head.getUint16(18);
  const numberOfHMetrics = hhea.getUint16(34);
  const lastAdvance = numberOfHMetrics > 0 ? hmtx.getUint16(4 * (numberOfHMetrics - 1)) : 0;
  const advanceOfGlyph = (gid: number) => (gid < numberOfHMetrics ? hmtx.getUint16(4 * gid) : lastAdvance);

  const glyphId = readCmap(need('cmap'));
  if (!glyphId) return undefined;
  const name = table('name');
  const postscriptName = name && readPostscriptName(name);
  if (postscriptName === undefined) return undefined;
  const os2Version = os2 ? os2.getUint16(0) : 0;

  return {
    readAt,
    tables,
    unitsPerEm,
    ascent: hhea.getInt16(4),
    descent: hhea.getInt16(6),
    lineGap: hhea.getInt16(8),
    bbox: [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)],
    italicAngle: post.getInt32(4) / 65536,
    underlinePosition: post.getInt16(8),
    underlineThickness: post.getInt16(10),
    isFixedPitch: post.getUint32(12) !== 0,
    isItalic: (head.getUint16(44) & 2) !== 0,
    familyClass: os2 ? os2.getInt16(30) >> 8 : 0,
    capHeight: os2 && os2Version >= 2 ? os2.getInt16(88) : 0,
    xHeight: os2 && os2Version >= 2 ? os2.getInt16(86) : 0,
    postscriptName,
    glyphId,
    advanceOfGlyph,
  };
}

/**
 * The lookup of the cmap subtable fontkit would use (its order of preference: 3/10, 0/6, 0/4,
 * 3/1, 0/3, 0/2, 0/1, 0/0), for formats 4 and 12; undefined for anything else.
 */
function readCmap(view: DataView): ((cp: number) => number) | undefined {
  const cmap = 0;
  const count = view.getUint16(cmap + 2);
  const subtables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + 8 * i;
    const key = `${view.getUint16(rec)}/${view.getUint16(rec + 2)}`;
    if (!subtables.has(key)) subtables.set(key, cmap + view.getUint32(rec + 4));
  }
  const preference = ['3/10', '0/6', '0/4', '3/1', '0/3', '0/2', '0/1', '0/0'];
  const chosen = preference.map((k) => subtables.get(k)).find((p) => p !== undefined);
  if (chosen === undefined || chosen + 4 > view.byteLength) return undefined;
  const format = view.getUint16(chosen);
  if (format === 4) return cmapFormat4(view, chosen);
  if (format === 12) return cmapFormat12(view, chosen);
  return undefined;
}

function cmapFormat4(view: DataView, at: number): (cp: number) => number {
  // The whole BMP in one table: built once, then one array read per lookup.
  const table = new Uint16Array(0x10000);
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = view.getUint16(ends + s);
    const start = view.getUint16(starts + s);
    const delta = view.getUint16(deltas + s);
    const rangeOffset = view.getUint16(rangeOffsets + s);
    for (let c = start; c <= end && c < 0xffff; c++) {
      let gid: number;
      if (rangeOffset === 0) gid = (c + delta) & 0xffff;
      else {
        const p = rangeOffsets + s + rangeOffset + 2 * (c - start);
        gid = view.getUint16(p);
        if (gid !== 0) gid = (gid + delta) & 0xffff;
      }
      table[c] = gid;
    }
  }
  return (cp) => (cp < 0x10000 ? table[cp]! : 0);
}

function cmapFormat12(view: DataView, at: number): (cp: number) => number {
  const groups = view.getUint32(at + 12);
  const starts = new Uint32Array(groups);
  const ends = new Uint32Array(groups);
  const glyphs = new Uint32Array(groups);
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + 12 * g;
    starts[g] = view.getUint32(p);
    ends[g] = view.getUint32(p + 4);
    glyphs[g] = view.getUint32(p + 8);
  }
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < starts[mid]!) hi = mid - 1;
      else if (cp > ends[mid]!) lo = mid + 1;
      else return glyphs[mid]! + (cp - starts[mid]!);
    }
    return 0;
  };
}

/** Name ID 6 as fontkit's getName picks it (English first, else any); undefined if unreadable. */
function readPostscriptName(view: DataView): string | undefined {
  const name = 0;
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const count = view.getUint16(name + 2);
  const strings = name + view.getUint16(name + 4);
  let fallback: string | undefined;
  for (let i = 0; i < count; i++) {
    const rec = name + 6 + 12 * i;
    if (view.getUint16(rec + 6) !== 6) continue;
    const platform = view.getUint16(rec);
    const language = view.getUint16(rec + 4);
    const length = view.getUint16(rec + 8);
    const start = strings + view.getUint16(rec + 10);
    const raw = bytes.subarray(start, start + length);
    let text: string;
    if (platform === 3 || platform === 0) {
      text = '';
      for (let k = 0; k + 1 < raw.length; k += 2) text += String.fromCharCode((raw[k]! << 8) | raw[k + 1]!);
    } else if (platform === 1) {
      text = String.fromCharCode(...raw); // PostScript names are ASCII
    } else continue;
    const english = (platform === 3 && language === 0x409) || (platform === 1 && language === 0);
    if (english) return text;
    fallback ??= text;
  }
  return fallback;
}
