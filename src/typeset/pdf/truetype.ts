// A TrueType (glyf) subsetter for the fast backend: the glyphs a document uses, in subset
// order (subset glyph id = CID, so the PDF says /CIDToGIDMap /Identity), with the components
// of composite glyphs appended and renumbered. It writes the tables a PDF reader needs for a
// CIDFontType2 font program (head, hhea, maxp, hmtx, loca, glyf, plus cvt, fpgm and prep when
// the font has them); outlines are copied byte for byte, nothing is parsed beyond composites.
import type { SfntFont } from '../fonts/sfnt.js';

/** What subsetting needs of a glyf font, read once per font. */
export interface TrueTypeSource {
  sfnt: SfntFont;
  /** Glyph data offsets (numGlyphs + 1 of them) into the glyf table. */
  loca: Uint32Array;
  numGlyphs: number;
  /** A glyph's outline bytes, read once (a paper set embeds mostly the same glyphs in each file). */
  glyph(gid: number): Uint8Array;
  /** The hmtx table, read once. */
  hmtx: Uint8Array;
}

const sources = new WeakMap<SfntFont, TrueTypeSource | null>();

/** The font's glyf outlines readied for subsetting; undefined when it has none (a CFF font). */
export function trueTypeSourceOf(sfnt: SfntFont): TrueTypeSource | undefined {
  let source = sources.get(sfnt);
  if (source === undefined) {
    source = null;
    const { tables } = sfnt;
    const head = tables.get('head');
    const loca = tables.get('loca');
    const maxp = tables.get('maxp');
    if (head && loca && maxp && tables.get('glyf') && tables.get('hhea') && tables.get('hmtx')) {
      const long = sfnt.readAt(head.offset + 50, 2)[1] === 1;
      const numGlyphs = u16(sfnt.readAt(maxp.offset + 4, 2), 0);
      const raw = sfnt.readAt(loca.offset, (numGlyphs + 1) * (long ? 4 : 2));
      const offsets = new Uint32Array(numGlyphs + 1);
      for (let i = 0; i <= numGlyphs; i++) offsets[i] = long ? u32(raw, 4 * i) : u16(raw, 2 * i) * 2;
      const glyf = tables.get('glyf')!;
      const read = new Map<number, Uint8Array>();
      const glyph = (gid: number): Uint8Array => {
        let data = read.get(gid);
        if (!data) {
          const start = offsets[gid] ?? 0;
          const end = offsets[gid + 1] ?? start;
          data = end > start ? sfnt.readAt(glyf.offset + start, end - start) : new Uint8Array(0);
          read.set(gid, data);
        }
        return data;
      };
      const hmtx = tables.get('hmtx')!;
      source = { sfnt, loca: offsets, numGlyphs, glyph, hmtx: sfnt.readAt(hmtx.offset, hmtx.length) };
    }
    sources.set(sfnt, source);
  }
  return source ?? undefined;
}

const u16 = (b: Uint8Array, p: number) => (b[p]! << 8) | b[p + 1]!;
const u32 = (b: Uint8Array, p: number) => ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Byte positions of the component glyph ids in a composite glyph's data. */
function componentIdPositions(data: Uint8Array): number[] {
  const positions: number[] = [];
  let p = 10;
  for (;;) {
    const flags = u16(data, p);
    positions.push(p + 2);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS)) return positions;
  }
}

/**
 * The font program of a subset: `glyphs` are source glyph ids in subset order (glyphs[0] is
 * .notdef); composite components follow them. Returns the sfnt file's bytes.
 */
export function writeTrueTypeSubset(source: TrueTypeSource, glyphs: readonly number[]): Uint8Array {
  const { sfnt } = source;
  const order = [...glyphs];
  const newId = new Map<number, number>();
  order.forEach((g, i) => newId.set(g, i));
  const datas: Uint8Array[] = [];
  for (let i = 0; i < order.length; i++) {
    let data: Uint8Array = source.glyph(order[i]!);
    if (data.length >= 10 && (data[0]! & 0x80) !== 0) {
      // numberOfContours < 0: a composite; its components join the subset, renumbered.
      data = data.slice();
      for (const at of componentIdPositions(data)) {
        const component = u16(data, at);
        let id = newId.get(component);
        if (id === undefined) {
          id = order.length;
          order.push(component);
          newId.set(component, id);
        }
        data[at] = id >> 8;
        data[at + 1] = id & 0xff;
      }
    }
    if (data.length % 4) data = Buffer.concat([data, new Uint8Array(4 - (data.length % 4))]);
    datas.push(data);
  }

  const newLoca = new Uint8Array(4 * (order.length + 1));
  let offset = 0;
  datas.forEach((d, i) => {
    writeU32(newLoca, 4 * i, offset);
    offset += d.length;
  });
  writeU32(newLoca, 4 * order.length, offset);
  const hmtx = new Uint8Array(4 * order.length);
  order.forEach((gid, i) => writeU16(hmtx, 4 * i, sfnt.advanceOfGlyph(gid)));
  const lsb = leftSideBearings(source, order);
  lsb.forEach((v, i) => writeU16(hmtx, 4 * i + 2, v & 0xffff));

  const table = (name: string) => {
    const t = sfnt.tables.get(name);
    return t ? sfnt.readAt(t.offset, t.length).slice() : undefined;
  };
  const head = table('head')!;
  writeU32(head, 8, 0); // checkSumAdjustment: not checked by PDF readers
  writeU16(head, 50, 1); // long loca offsets
  const hhea = table('hhea')!;
  writeU16(hhea, 34, order.length); // numberOfHMetrics
  const maxp = table('maxp')!;
  writeU16(maxp, 4, order.length);

  const out: [string, Uint8Array][] = [['head', head], ['hhea', hhea], ['maxp', maxp], ['hmtx', hmtx], ['loca', newLoca], ['glyf', Buffer.concat(datas)]];
  for (const name of ['cvt ', 'fpgm', 'prep']) {
    const t = table(name);
    if (t) out.push([name, t]);
  }
  return sfntFile(out.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Left side bearings of the glyphs, from hmtx (after the long metrics, a plain array). */
function leftSideBearings(source: TrueTypeSource, gids: readonly number[]): number[] {
  const { sfnt, hmtx } = source;
  const longMetrics = u16(sfnt.readAt(sfnt.tables.get('hhea')!.offset + 34, 2), 0);
  return gids.map((gid) => {
    const at = gid < longMetrics ? 4 * gid + 2 : 4 * longMetrics + 2 * (gid - longMetrics);
    return at + 2 > hmtx.length ? 0 : (u16(hmtx, at) << 16) >> 16;
  });
}

function writeU16(b: Uint8Array, p: number, v: number): void {
  b[p] = (v >> 8) & 0xff;
  b[p + 1] = v & 0xff;
}

function writeU32(b: Uint8Array, p: number, v: number): void {
  b[p] = (v >>> 24) & 0xff;
  b[p + 1] = (v >>> 16) & 0xff;
  b[p + 2] = (v >>> 8) & 0xff;
  b[p + 3] = v & 0xff;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum = (sum + (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  }
  return sum;
}

/** An sfnt file of the tables, in tag order, each padded to four bytes. */
function sfntFile(tables: [string, Uint8Array][]): Uint8Array {
  const n = tables.length;
  const header = new Uint8Array(12 + 16 * n);
  writeU32(header, 0, 0x00010000);
  writeU16(header, 4, n);
  let power = 1;
  let log = 0;
  while (power * 2 <= n) {
    power *= 2;
    log++;
  }
  writeU16(header, 6, power * 16);
  writeU16(header, 8, log);
  writeU16(header, 10, n * 16 - power * 16);
  const bodies: Uint8Array[] = [];
  let offset = header.length;
  tables.forEach(([name, data], i) => {
    const padded = data.length % 4 ? Buffer.concat([data, new Uint8Array(4 - (data.length % 4))]) : data;
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) header[rec + k] = name.charCodeAt(k);
    writeU32(header, rec + 4, checksum(padded));
    writeU32(header, rec + 8, offset);
    writeU32(header, rec + 12, data.length);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}
