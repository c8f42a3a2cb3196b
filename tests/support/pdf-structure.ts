/**
 * Our own reading of a PDF's structure, for what pdf.js forgives silently: the cross-reference
 * table (classic, as pdfkit writes it, or a cross-reference stream with object streams, as our
 * fast writer does), the objects it points at, stream lengths, references and the trailer. A
 * small parser of PDF objects (dictionaries, arrays, names, numbers, strings, references), and
 * a font dictionary's facts as pdffonts reports them. Used by tests/support/pdf.ts; `structureProblems(bytes)` is the check.
 */

import { inflateSync } from 'node:zlib';

export type PdfValue = number | boolean | null | string | PdfName | PdfRef | PdfValue[] | PdfDict;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export type PdfDict = Map<string, PdfValue>;

const isDelimiter = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/** A tiny PDF object parser: dictionaries, arrays, names, numbers, strings, references. */
class Parser {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
  ) {}
  private skip(): void {
    for (;;) {
      while (this.pos < this.b.length && isSpace(this.b[this.pos]!)) this.pos++;
      if (this.b[this.pos] !== 0x25) return;
      while (this.pos < this.b.length && this.b[this.pos] !== 0x0a && this.b[this.pos] !== 0x0d) this.pos++;
    }
  }
  private word(): string {
    const start = this.pos;
    while (this.pos < this.b.length && !isSpace(this.b[this.pos]!) && !isDelimiter(this.b[this.pos]!)) this.pos++;
    return Buffer.from(this.b.subarray(start, this.pos)).toString('latin1');
  }
  peekWord(): string {
    this.skip();
    const at = this.pos;
    const w = this.word();
    this.pos = at;
    return w;
  }
  value(): PdfValue {
    this.skip();
    const c = this.b[this.pos];
    if (c === undefined) throw new Error(`unexpected end of file`);
    if (c === 0x2f) {
      this.pos++;
      return new PdfName(this.word().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    if (c === 0x3c && this.b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict: PdfDict = new Map();
      for (;;) {
        this.skip();
        if (this.b[this.pos] === 0x3e && this.b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof PdfName)) throw new Error(`a dictionary key is not a name at byte ${this.pos}`);
        dict.set(key.name, this.value());
      }
    }
    if (c === 0x3c) {
      const end = this.b.indexOf(0x3e, this.pos);
      const hex = Buffer.from(this.b.subarray(this.pos + 1, end)).toString('latin1').replace(/\s/g, '');
      this.pos = end + 1;
      return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1');
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (this.b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        arr.push(this.value());
      }
    }
    if (c === 0x28) {
      let depth = 0;
      let s = '';
      for (this.pos++; ; this.pos++) {
        const ch = this.b[this.pos];
        if (ch === undefined) throw new Error('unterminated string');
        if (ch === 0x5c) {
          s += String.fromCharCode(this.b[++this.pos]!);
          continue;
        }
        if (ch === 0x28) depth++;
        if (ch === 0x29 && depth-- === 0) break;
        s += String.fromCharCode(ch);
      }
      this.pos++;
      return s;
    }
    const w = this.word();
    if (w === '') throw new Error(`unexpected "${String.fromCharCode(c)}" at byte ${this.pos}`);
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) throw new Error(`unexpected "${w}" at byte ${this.pos - w.length}`);
    // "n g R": look ahead for a reference.
    if (/^\d+$/.test(w)) {
      const at = this.pos;
      this.skip();
      const gen = this.word();
      this.skip();
      if (/^\d+$/.test(gen) && this.b[this.pos] === 0x52 /* R */ && (this.pos + 1 >= this.b.length || isSpace(this.b[this.pos + 1]!) || isDelimiter(this.b[this.pos + 1]!))) {
        this.pos++;
        return new PdfRef(Number(w), Number(gen));
      }
      this.pos = at;
    }
    return Number(w);
  }
}

interface RawObject {
  value: PdfValue;
  /** Where the stream's data starts and ends, for a stream object. */
  stream?: { start: number; end: number };
}

const latin1 = (b: Uint8Array, from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');

/** The objects of a file, read through its cross-reference table or stream. */
export class RawObjects {
  /** Objects written as themselves: number → byte offset. */
  readonly offsets = new Map<number, number>();
  /** Objects inside an object stream: number → [the object stream's number, index in it]. */
  readonly packed = new Map<number, [number, number]>();
  readonly trailer: PdfDict;
  /** Whether the file has a cross-reference stream (PDF 1.5) rather than a classic table. */
  readonly xrefStream: boolean;
  private readonly cache = new Map<number, RawObject>();
  private readonly streams = new Map<number, { first: number; offsets: number[]; data: Buffer }>();

  constructor(readonly bytes: Uint8Array) {
    const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!m) throw new Error('no "startxref … %%EOF" at the end of the file');
    const xrefAt = Number(m[1]);
    const p = new Parser(bytes, xrefAt);
    this.xrefStream = /^\d+ \d+ obj\b/.test(latin1(bytes, xrefAt, xrefAt + 30));
    if (this.xrefStream) {
      this.trailer = this.readXrefStream(xrefAt);
      return;
    }
    if (p.peekWord() !== 'xref') throw new Error(`startxref points at byte ${xrefAt}, which is not "xref" or a cross-reference stream`);
    const head = /^xref\r?\n/.exec(latin1(bytes, xrefAt, xrefAt + 6))!;
    let pos = xrefAt + head[0].length;
    for (;;) {
      const sub = /^(\d+) (\d+)\s*?\r?\n/.exec(latin1(bytes, pos, pos + 40));
      if (!sub) break;
      pos += sub[0].length;
      const first = Number(sub[1]);
      for (let i = 0; i < Number(sub[2]); i++, pos += 20) {
        const entry = latin1(bytes, pos, pos + 20);
        const e = /^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)$/.exec(entry);
        if (!e) throw new Error(`xref entry ${first + i} is not 20 bytes "nnnnnnnnnn ggggg n\\r\\n": ${JSON.stringify(entry)}`);
        if (e[3] === 'n') this.offsets.set(first + i, Number(e[1]));
      }
    }
    const t = new Parser(bytes, pos);
    if (t.peekWord() !== 'trailer') throw new Error(`no "trailer" after the xref table (byte ${pos})`);
    t.pos += latin1(bytes, t.pos, t.pos + 20).indexOf('trailer') + 'trailer'.length;
    this.trailer = t.value() as PdfDict;
  }

  /** Reads a cross-reference stream (PDF 1.7, 7.5.8) at `at`; returns its dictionary, the trailer. */
  private readXrefStream(at: number): PdfDict {
    const num = Number(/^(\d+)/.exec(latin1(this.bytes, at, at + 12))![1]);
    this.offsets.set(num, at);
    const obj = this.object(num);
    const dict = obj.value as PdfDict;
    if (!(dict.get('Type') instanceof PdfName) || (dict.get('Type') as PdfName).name !== 'XRef') throw new Error(`startxref points at object ${num}, which is not a cross-reference stream`);
    const widths = dict.get('W') as number[];
    const size = dict.get('Size') as number;
    const index = (dict.get('Index') as number[] | undefined) ?? [0, size];
    const data = this.streamData(num);
    const row = widths.reduce((a, b) => a + b, 0);
    const field = (at: number, width: number) => {
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[at + i]!;
      return v;
    };
    let pos = 0;
    for (let k = 0; k < index.length; k += 2) {
      for (let n = index[k]!; n < index[k]! + index[k + 1]!; n++, pos += row) {
        if (pos + row > data.length) throw new Error(`the cross-reference stream ends before entry ${n}`);
        const type = widths[0] ? field(pos, widths[0]) : 1;
        const f2 = field(pos + widths[0]!, widths[1]!);
        const f3 = field(pos + widths[0]! + widths[1]!, widths[2]!);
        if (type === 1) this.offsets.set(n, f2);
        else if (type === 2) this.packed.set(n, [f2, f3]);
      }
    }
    return dict;
  }

  /** Every object number the file has (written as itself or inside an object stream). */
  has(num: number): boolean {
    return this.offsets.has(num) || this.packed.has(num);
  }

  numbers(): number[] {
    return [...this.offsets.keys(), ...this.packed.keys()].sort((a, b) => a - b);
  }

  /** A stream's data, inflated when its filter is FlateDecode. */
  streamData(num: number): Buffer {
    const obj = this.object(num);
    if (!obj.stream) throw new Error(`object ${num} is not a stream`);
    const raw = Buffer.from(this.bytes.subarray(obj.stream.start, obj.stream.end));
    const filter = (obj.value as PdfDict).get('Filter');
    return filter instanceof PdfName && filter.name === 'FlateDecode' ? inflateSync(raw) : raw;
  }

  object(num: number): RawObject {
    const hit = this.cache.get(num);
    if (hit) return hit;
    const inStream = this.packed.get(num);
    if (inStream) {
      const obj = { value: this.packedObject(num, inStream[0], inStream[1]) };
      this.cache.set(num, obj);
      return obj;
    }
    const at = this.offsets.get(num);
    if (at === undefined) throw new Error(`object ${num} is not in the xref table`);
    const head = /^(\d+) (\d+) obj\b/.exec(latin1(this.bytes, at, at + 30));
    if (!head || Number(head[1]) !== num) throw new Error(`xref offset ${at} of object ${num} points at ${JSON.stringify(latin1(this.bytes, at, at + 12))}`);
    const p = new Parser(this.bytes, at + head[0].length);
    const value = p.value();
    const after = p.peekWord();
    let obj: RawObject = { value };
    if (after === 'stream') {
      const s = /^\s*stream(\r\n|\n)/.exec(latin1(this.bytes, p.pos, p.pos + 20))!;
      const start = p.pos + s[0].length;
      const lengthValue = (value as PdfDict).get('Length');
      const length = this.resolve(lengthValue ?? null);
      if (typeof length !== 'number') throw new Error(`object ${num}: a stream without a numeric /Length`);
      const end = start + length;
      if (!/^(\r\n|\n|\r)?endstream\s+endobj/.test(latin1(this.bytes, end, end + 20))) throw new Error(`object ${num}: /Length ${length} does not end at "endstream"`);
      obj = { value, stream: { start, end } };
    } else if (after !== 'endobj') {
      throw new Error(`object ${num} does not end with "endobj" (found ${JSON.stringify(after)})`);
    }
    this.cache.set(num, obj);
    return obj;
  }

  /** Object `num`, the `index`-th of object stream `stream` (PDF 1.7, 7.5.7). */
  private packedObject(num: number, stream: number, index: number): PdfValue {
    let objStm = this.streams.get(stream);
    if (!objStm) {
      const dict = this.object(stream).value as PdfDict;
      if (!(dict.get('Type') instanceof PdfName) || (dict.get('Type') as PdfName).name !== 'ObjStm') throw new Error(`object ${num} is said to be in object ${stream}, which is not an object stream`);
      const data = this.streamData(stream);
      const n = dict.get('N') as number;
      const first = dict.get('First') as number;
      const header = latin1(data, 0, first).trim().split(/\s+/).map(Number);
      if (header.length !== 2 * n) throw new Error(`object stream ${stream}: /N ${n} but ${header.length / 2} entries before /First`);
      objStm = { first, offsets: header, data };
      this.streams.set(stream, objStm);
    }
    if (objStm.offsets[2 * index] !== num) throw new Error(`object ${num} is not entry ${index} of object stream ${stream} (found ${String(objStm.offsets[2 * index])})`);
    return new Parser(objStm.data, objStm.first + objStm.offsets[2 * index + 1]!).value();
  }

  resolve(v: PdfValue): PdfValue {
    return v instanceof PdfRef ? this.object(v.num).value : v;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = v === undefined ? undefined : this.resolve(v);
    return r instanceof Map ? r : undefined;
  }

  /** The fonts in a page's resources (inherited from its parents if need be), as pdffonts sees them. */
  fontsOfPage(ref: { num: number; gen: number } | null): Array<{ name: string; type: string; embedded: boolean; toUnicode: boolean }> {
    if (!ref) return [];
    let node = this.dict(new PdfRef(ref.num, ref.gen));
    let resources: PdfDict | undefined;
    while (node && !resources) {
      resources = this.dict(node.get('Resources'));
      node = this.dict(node.get('Parent'));
    }
    const fonts = this.dict(resources?.get('Font'));
    return [...(fonts?.values() ?? [])].map((v) => this.describeFont(this.dict(v)!));
  }

  private describeFont(font: PdfDict): { name: string; type: string; embedded: boolean; toUnicode: boolean } {
    const nameOf = (d: PdfDict | undefined, key: string) => {
      const v = d?.get(key);
      return v instanceof PdfName ? v.name : '';
    };
    const subtype = nameOf(font, 'Subtype');
    const descendant = subtype === 'Type0' ? this.dict((this.resolve(font.get('DescendantFonts') ?? null) as PdfValue[])[0]) : undefined;
    const descriptor = this.dict((descendant ?? font).get('FontDescriptor'));
    const file = ['FontFile', 'FontFile2', 'FontFile3'].find((k) => descriptor?.has(k));
    const file3 = file === 'FontFile3' ? nameOf(this.dict(descriptor!.get(file)), 'Subtype') : '';
    let type: string;
    if (descendant) type = nameOf(descendant, 'Subtype') === 'CIDFontType2' ? 'CID TrueType' : file3 === 'OpenType' ? 'CID OpenType' : file ? 'CID Type 0C' : 'CID Type 0';
    else type = { Type1: file3 ? 'Type 1C' : 'Type 1', TrueType: 'TrueType', Type3: 'Type 3', MMType1: 'Type 1' }[subtype] ?? subtype;
    return { name: nameOf(font, 'BaseFont'), type, embedded: !!file, toUnicode: font.has('ToUnicode') };
  }
}

/** The page count in the file's page tree (/Root → /Pages → /Count), for the benchmarks. */
export function pageCount(bytes: Uint8Array): number {
  const objects = new RawObjects(bytes);
  const pages = objects.dict(objects.dict(objects.trailer.get('Root'))?.get('Pages'));
  const count = pages?.get('Count');
  return typeof count === 'number' ? count : NaN;
}

/** What is wrong with the file's structure, as far as our own reading goes ([] when sound). */
export function structureProblems(bytes: Uint8Array): string[] {
  if (!latin1(bytes, 0, 8).startsWith('%PDF-1.')) return ['the file does not start with "%PDF-1."'];
  let objects: RawObjects;
  try {
    objects = new RawObjects(bytes);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  const size = objects.trailer.get('Size');
  const highest = Math.max(0, ...objects.numbers());
  if (size !== highest + 1) problems.push(`trailer /Size is ${String(size)}, the xref table's highest object is ${highest}`);
  for (const key of ['Root', 'Info']) {
    const v = objects.trailer.get(key);
    if (key === 'Root' && !(v instanceof PdfRef)) problems.push('the trailer has no /Root reference');
    if (v instanceof PdfRef && !objects.has(v.num)) problems.push(`trailer /${key} points at object ${v.num}, which is not in the file`);
  }
  const refsIn = (v: PdfValue, where: number): void => {
    if (v instanceof PdfRef) {
      if (!objects.has(v.num)) problems.push(`object ${where} refers to object ${v.num}, which is not in the file`);
    } else if (Array.isArray(v)) v.forEach((x) => refsIn(x, where));
    else if (v instanceof Map) for (const x of v.values()) refsIn(x, where);
  };
  const starts = [...objects.offsets.values()].sort((a, b) => a - b);
  for (const num of objects.numbers()) {
    try {
      const obj = objects.object(num);
      refsIn(obj.value, num);
      const at = objects.offsets.get(num);
      if (at === undefined) continue; // inside an object stream: no endobj of its own
      const next = starts.find((s) => s > at);
      const endobj = latin1(bytes, at, next ?? bytes.length).lastIndexOf('endobj');
      if (endobj < 0) problems.push(`object ${num} has no "endobj" before the next object`);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return problems;
}
