// Reading a CID-keyed CFF table without subroutines (our bundled fonts are built so) for what a
// subset needs: its indexes and private dicts, charstrings loaded on demand. Anything else
// (name-keyed CFF, subroutines) returns undefined and the caller falls back. The subsetter that
// writes from it is src/typeset/pdf/cff.ts.

/** What a subset needs from the source CFF table, read once per font. */
export interface CffSource {
  name: Uint8Array;
  /**
   * The charstrings INDEX data and offsets into it. Read from a file, `data` and `offsets`
   * are empty and `glyph` gives the charstrings that `load` has read.
   */
  charStrings: { data: Uint8Array; offsets: Uint32Array; load?(glyphs: readonly number[]): void; glyph?(gid: number): Uint8Array };
  /** Font DICT index of each glyph. */
  fdOfGlyph: Uint8Array;
  /** Each font DICT without FontName and Private, and its private DICT bytes. */
  fontDicts: { ops: Uint8Array; privateDict: Uint8Array }[];
}

interface Index {
  count: number;
  /** Offsets relative to the byte before the data (as CFF stores them), count + 1 of them. */
  offsets: Uint32Array;
  dataStart: number;
  end: number;
}

/** Bytes of the CFF table at an offset; `transient` ones may be overwritten by the next such read. */
type ReadAt = (offset: number, length: number, transient?: boolean) => Uint8Array;

function readIndex(read: ReadAt, pos: number): Index {
  const head = read(pos, 3);
  const count = (head[0]! << 8) | head[1]!;
  if (count === 0) return { count, offsets: new Uint32Array(1).fill(1), dataStart: pos + 2, end: pos + 2 };
  const offSize = head[2]!;
  const raw = read(pos + 3, (count + 1) * offSize);
  const offsets = new Uint32Array(count + 1);
  let p = 0;
  for (let i = 0; i <= count; i++) {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + raw[p++]!;
    offsets[i] = v;
  }
  const dataStart = pos + 3 + p - 1; // offsets are 1-based
  return { count, offsets, dataStart, end: dataStart + offsets[count]! };
}

const item = (read: ReadAt, index: Index, i: number) =>
  read(index.dataStart + index.offsets[i]!, index.offsets[i + 1]! - index.offsets[i]!);

interface DictEntry {
  op: number; // two-byte operators as 1200 + second byte
  operands: number[];
  start: number; // byte range of operands + operator
  end: number;
}

function readDict(data: Uint8Array): DictEntry[] {
  const entries: DictEntry[] = [];
  let operands: number[] = [];
  let start = 0;
  let p = 0;
  while (p < data.length) {
    const b0 = data[p]!;
    if (b0 <= 21) {
      let op = b0;
      p++;
      if (b0 === 12) op = 1200 + data[p++]!;
      entries.push({ op, operands, start, end: p });
      operands = [];
      start = p;
    } else if (b0 === 28) {
      operands.push((((data[p + 1]! << 8) | data[p + 2]!) << 16) >> 16);
      p += 3;
    } else if (b0 === 29) {
      operands.push((data[p + 1]! << 24) | (data[p + 2]! << 16) | (data[p + 3]! << 8) | data[p + 4]!);
      p += 5;
    } else if (b0 === 30) {
      // A real number: we only need to skip it (its value is copied as bytes).
      p++;
      while (p < data.length) {
        const b = data[p++]!;
        if ((b & 0x0f) === 0x0f || (b >> 4) === 0x0f) break;
      }
      operands.push(Number.NaN);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      p++;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + data[p + 1]! + 108);
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - data[p + 1]! - 108);
      p += 2;
    } else {
      throw new Error(`CFF DICT: unexpected byte ${b0}`);
    }
  }
  return entries;
}

const OP = { ROS: 1230, CharStrings: 17, FDArray: 1236, FDSelect: 1237, Private: 18, Subrs: 19, FontName: 1238, CharstringType: 1206 };

/** Reads what subsetting needs; undefined when the font is not a CID font without subroutines. */
export function readCffSource(cff: Uint8Array): CffSource | undefined {
  return readCffSourceAt((offset, length) => cff.subarray(offset, offset + length), cff.length, false);
}

/**
 * The same from a CFF table read piecewise (`read` gives bytes at an offset in the table).
 * Only the charstrings a subset uses are read, when it asks for them with `load`.
 */
export function readCffSourceAt(read: ReadAt, tableLength: number, lazy = true): CffSource | undefined {
  const header = read(0, 4);
  if (header[0] !== 1) return undefined;
  const nameIndex = readIndex(read, header[2]!);
  const topIndex = readIndex(read, nameIndex.end);
  const stringIndex = readIndex(read, topIndex.end);
  const gsubrIndex = readIndex(read, stringIndex.end);
  if (gsubrIndex.count !== 0 || topIndex.count !== 1) return undefined;
  const top = new Map(readDict(item(read, topIndex, 0)).map((e) => [e.op, e.operands] as const));
  const charStringsAt = top.get(OP.CharStrings)?.[0];
  const fdArrayAt = top.get(OP.FDArray)?.[0];
  const fdSelectAt = top.get(OP.FDSelect)?.[0];
  if (!top.has(OP.ROS) || charStringsAt === undefined || fdArrayAt === undefined || fdSelectAt === undefined) return undefined;
  if ((top.get(OP.CharstringType)?.[0] ?? 2) !== 2) return undefined;

  // The charstrings INDEX offsets are decoded per glyph when read lazily: tens of thousands
  // of them, of which a paper needs a few hundred.
  const csHead = read(charStringsAt, 3);
  const nGlyphs = (csHead[0]! << 8) | csHead[1]!;
  const offSize = csHead[2]!;
  if (nGlyphs === 0) return undefined;
  const rawOffsets = read(charStringsAt + 3, (nGlyphs + 1) * offSize);
  const offsetOf = (i: number): number => {
    let v = 0;
    for (let k = 0, p = i * offSize; k < offSize; k++) v = v * 256 + rawOffsets[p + k]!;
    return v - 1; // 1-based in the file
  };
  const dataStart = charStringsAt + 3 + (nGlyphs + 1) * offSize;
  const dataLength = offsetOf(nGlyphs);
  if (dataStart + dataLength > tableLength) throw new Error('the CFF charstrings run past the end of the table');
  const fdArray = readIndex(read, fdArrayAt);
  const fontDicts: CffSource['fontDicts'] = [];
  for (let i = 0; i < fdArray.count; i++) {
    const raw = item(read, fdArray, i);
    const entries = readDict(raw);
    const priv = entries.find((e) => e.op === OP.Private);
    if (!priv || priv.operands.length !== 2) return undefined;
    const [size, offset] = priv.operands as [number, number];
    const privateDict = read(offset, size).slice();
    if (readDict(privateDict).some((e) => e.op === OP.Subrs)) return undefined;
    const kept = entries.filter((e) => e.op !== OP.Private && e.op !== OP.FontName);
    fontDicts.push({ ops: Buffer.concat(kept.map((e) => raw.subarray(e.start, e.end))), privateDict });
  }

  const fdOfGlyph = new Uint8Array(nGlyphs);
  const format = read(fdSelectAt, 1)[0]!;
  if (format === 0) {
    fdOfGlyph.set(read(fdSelectAt + 1, nGlyphs));
  } else if (format === 3) {
    const counts = read(fdSelectAt + 1, 2);
    const nRanges = (counts[0]! << 8) | counts[1]!;
    const ranges = read(fdSelectAt + 3, nRanges * 3 + 2);
    let p = 0;
    for (let r = 0; r < nRanges; r++) {
      const first = (ranges[p]! << 8) | ranges[p + 1]!;
      const fd = ranges[p + 2]!;
      const next = (ranges[p + 3]! << 8) | ranges[p + 4]!; // the next range's first, or the sentinel
      fdOfGlyph.fill(fd, first, Math.min(next, nGlyphs));
      p += 3;
    }
  } else {
    return undefined;
  }
  if (!lazy) {
    const offsets = new Uint32Array(nGlyphs + 1);
    for (let i = 0; i <= nGlyphs; i++) offsets[i] = offsetOf(i);
    return { name: item(read, nameIndex, 0).slice(), charStrings: { data: read(dataStart, dataLength), offsets }, fdOfGlyph, fontDicts };
  }
  // Each glyph's charstring is read once, on first use, in runs of nearby glyphs.
  const read1 = new Map<number, Uint8Array>();
  const data = new Uint8Array(0);
  const glyph = (gid: number) => read1.get(gid)!;
  const load = (glyphs: readonly number[]) => {
    const missing = [...new Set(glyphs)].filter((g) => g < nGlyphs && !read1.has(g)).sort((a, b) => a - b);
    for (let i = 0; i < missing.length; ) {
      let j = i;
      while (j + 1 < missing.length && offsetOf(missing[j + 1]!) - offsetOf(missing[j]! + 1) < 16384) j++;
      const from = offsetOf(missing[i]!);
      const run = read(dataStart + from, offsetOf(missing[j]! + 1) - from, true);
      for (let k = i; k <= j; k++) {
        const g = missing[k]!;
        read1.set(g, run.slice(offsetOf(g) - from, offsetOf(g + 1) - from));
      }
      i = j + 1;
    }
  };
  return { name: item(read, nameIndex, 0).slice(), charStrings: { data, offsets: new Uint32Array(0), load, glyph }, fdOfGlyph, fontDicts };
}

