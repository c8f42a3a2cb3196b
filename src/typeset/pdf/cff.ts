// A CFF subsetter for CID-keyed fonts without subroutines, from what src/typeset/fonts/cff.ts
// read: it copies the chosen charstrings and the font's private dicts byte for byte and writes
// the indexes around them: no outline is parsed, unlike fontkit's subsetter, which walks every
// glyph's charstring to find subroutines and encodes through generic structures (5-10x slower).
import type { CffSource } from '../fonts/cff.js';

export { readCffSource, readCffSourceAt, type CffSource } from '../fonts/cff.js';

/** A CFF INDEX of the given items, with 4-byte offsets (simple, and at most 3 bytes wasted per item). */
function writeIndex(items: Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array([0, 0]);
  let dataLength = 0;
  for (const it of items) dataLength += it.length;
  const out = new Uint8Array(3 + 4 * (items.length + 1) + dataLength);
  const view = new DataView(out.buffer);
  view.setUint16(0, items.length);
  out[2] = 4;
  let offset = 1;
  let p = 3;
  let data = 3 + 4 * (items.length + 1);
  for (const it of items) {
    view.setUint32(p, offset);
    p += 4;
    out.set(it, data);
    data += it.length;
    offset += it.length;
  }
  view.setUint32(p, offset);
  return out;
}

/** A DICT integer in the fixed 5-byte form, so offsets can be filled in after sizing. */
const int5 = (v: number) => [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

const ADOBE_SID = 391; // the first custom string: "Adobe", then "Identity"

/**
 * The CFF of the given glyphs (source glyph ids; the first should be 0, .notdef), as a
 * CID-keyed font whose CIDs are the new glyph ids: what pdfkit's Identity-H encoding expects.
 */
export function writeCffSubset(source: CffSource, glyphs: readonly number[]): Uint8Array {
  const n = glyphs.length;
  source.charStrings.load?.(glyphs);
  const { data, offsets } = source.charStrings;
  const { glyph } = source.charStrings;
  const charStrings = glyphs.map((gid) => (glyph ? glyph(gid) : data.subarray(offsets[gid]!, offsets[gid + 1]!)));

  // FDSelect format 3: runs of glyphs in the same font DICT.
  const ranges: number[] = [];
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const fd = source.fdOfGlyph[glyphs[i]!]!;
    if (fd !== previous) {
      ranges.push(i, fd);
      previous = fd;
    }
  }
  const fdSelect = new Uint8Array(1 + 2 + (ranges.length / 2) * 3 + 2);
  fdSelect[0] = 3;
  const fdView = new DataView(fdSelect.buffer);
  fdView.setUint16(1, ranges.length / 2);
  for (let r = 0; r < ranges.length; r += 2) {
    fdView.setUint16(3 + (r / 2) * 3, ranges[r]!);
    fdSelect[3 + (r / 2) * 3 + 2] = ranges[r + 1]!;
  }
  fdView.setUint16(fdSelect.length - 2, n);

  // charset format 2: one range, CIDs 1..n-1 for glyphs 1..n-1.
  const charset = n > 1 ? new Uint8Array([2, 0, 1, ((n - 2) >> 8) & 0xff, (n - 2) & 0xff]) : new Uint8Array([0]);

  const header = new Uint8Array([1, 0, 4, 4]);
  const nameIndex = writeIndex([source.name]);
  const stringIndex = writeIndex([new TextEncoder().encode('Adobe'), new TextEncoder().encode('Identity')]);
  const gsubrIndex = writeIndex([]);
  const charStringsIndex = writeIndex(charStrings);

  // Top DICT with fixed-size offsets: its size does not depend on their values.
  const topDict = (charsetAt: number, fdSelectAt: number, charStringsAt: number, fdArrayAt: number) =>
    new Uint8Array([
      ...int5(ADOBE_SID), ...int5(ADOBE_SID + 1), 139, 12, 30, // ROS Adobe Identity 0
      ...int5(n), 12, 34, // CIDCount
      ...int5(charsetAt), 15,
      ...int5(fdSelectAt), 12, 37,
      ...int5(charStringsAt), 17,
      ...int5(fdArrayAt), 12, 36,
    ]);
  const topIndexSize = writeIndex([topDict(0, 0, 0, 0)]).length;
  const charsetAt = header.length + nameIndex.length + topIndexSize + stringIndex.length + gsubrIndex.length;
  const fdSelectAt = charsetAt + charset.length;
  const charStringsAt = fdSelectAt + fdSelect.length;
  const fdArrayAt = charStringsAt + charStringsIndex.length;

  // Font DICTs point at their private DICTs, which follow the FDArray INDEX.
  const fdDicts = (privateAts: number[]) =>
    source.fontDicts.map((fd, i) =>
      Buffer.concat([fd.ops, new Uint8Array([...int5(fd.privateDict.length), ...int5(privateAts[i]!), 18])]),
    );
  const fdArraySize = writeIndex(fdDicts(source.fontDicts.map(() => 0))).length;
  const privateAts: number[] = [];
  let at = fdArrayAt + fdArraySize;
  for (const fd of source.fontDicts) {
    privateAts.push(at);
    at += fd.privateDict.length;
  }
  return Buffer.concat([
    header,
    nameIndex,
    writeIndex([topDict(charsetAt, fdSelectAt, charStringsAt, fdArrayAt)]),
    stringIndex,
    gsubrIndex,
    charset,
    fdSelect,
    charStringsIndex,
    writeIndex(fdDicts(privateAts)),
    ...source.fontDicts.map((fd) => fd.privateDict),
  ]);
}
