// The fast PDF backend: LaidOutDocument → PDF bytes, file structure and all, for documents
// whose faces are CFF fonts our subsetter handles (the bundled ones). It writes pages,
// Type0/CIDFontType0 fonts with W arrays and ToUnicode maps, info and xref without loading
// pdfkit and fontkit, whose imports alone took ~270 ms of a paper's cold start.
import { createHash } from 'node:crypto';
import { sfntFontOf } from '../fonts/face.js';
import type { SfntFont } from '../fonts/sfnt.js';
import type { Box, FontFace, FontSet, LaidOutDocument, TextBox } from '../types.js';
import { TypesetError } from '../types.js';
import { readCffSourceAt, writeCffSubset, type CffSource } from './cff.js';
import { trueTypeSourceOf, writeTrueTypeSubset, type TrueTypeSource } from './truetype.js';
import { pageContents, pdfNumber, subsetCoder, writeBoxes, type EncodedFont, type GlyphEncoder } from './content.js';
import { DEFLATE_LEVEL, deflateWhole, FONT_DEFLATE } from './deflate.js';
import type { PdfBackend, WritePdfOptions } from './backend.js';

const cffSources = new WeakMap<SfntFont, CffSource | null>();

/** How a face's outlines are embedded: a CFF subset (FontFile3) or a TrueType one (FontFile2). */
type Outlines = { kind: 'cff'; cff: CffSource } | { kind: 'truetype'; truetype: TrueTypeSource };

/** The face's outlines readied for our subsetters, or undefined when it needs pdfkit's path. */
function sourceOf(face: FontFace): { sfnt: SfntFont; outlines: Outlines } | undefined {
  const sfnt = sfntFontOf(face);
  if (!sfnt) return undefined;
  const truetype = trueTypeSourceOf(sfnt);
  if (truetype) return { sfnt, outlines: { kind: 'truetype', truetype } };
  let cff = cffSources.get(sfnt);
  if (cff === undefined) {
    const table = sfnt.tables.get('CFF ');
    cff = null;
    if (table) {
      try {
        cff = readCffSourceAt((offset, length, transient) => sfnt.readAt(table.offset + offset, length, transient), table.length) ?? null;
      } catch {
        cff = null; // an unusual CFF: fontkit's subsetter handles it
      }
    }
    cffSources.set(sfnt, cff);
  }
  return cff ? { sfnt, outlines: { kind: 'cff', cff } } : undefined;
}

/** Calls `visit` with every text box among `boxes`, inside groups too. */
function forEachTextBox(boxes: readonly Box[], visit: (box: TextBox) => void): void {
  for (const box of boxes) {
    if (box.kind === 'text') visit(box);
    else if (box.kind === 'group') forEachTextBox(box.boxes, visit);
  }
}

/** The code points each face prints, faces in order of first use (pages, then sheet marks). */
function codePointsByFace(doc: LaidOutDocument, sheets: WritePdfOptions['sheets']): Map<string, number[]> {
  // A page's text is read once more here: a flag per BMP code point keeps that cheap.
  const byFace = new Map<string, { seen: Uint8Array; codePoints: number[] }>();
  const add = (box: TextBox) => {
    let face = byFace.get(box.face);
    if (!face) byFace.set(box.face, (face = { seen: new Uint8Array(0x10000), codePoints: [] }));
    const { text } = box;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0xd800 || unit > 0xdbff || i + 1 === text.length) {
        if (!face.seen[unit]) {
          face.seen[unit] = 1;
          face.codePoints.push(unit);
        }
        continue;
      }
      const cp = text.codePointAt(i++)!;
      if (!face.codePoints.includes(cp)) face.codePoints.push(cp);
    }
  };
  for (const page of doc.pages) forEachTextBox(page.boxes, add);
  for (const sheet of sheets ?? []) forEachTextBox(sheet.marks ?? [], add);
  return new Map([...byFace].map(([key, face]) => [key, face.codePoints]));
}

/** Why this writer cannot embed a face the document uses, or undefined when it can embed them all. */
function unsupported(doc: LaidOutDocument, fonts: FontSet): string | undefined {
  const used = new Set<string>();
  for (const page of doc.pages) forEachTextBox(page.boxes, (box) => used.add(box.face));
  const faces = fonts.faces();
  for (const key of used) {
    const face = faces.find((f) => f.key === key);
    if (face && !sourceOf(face)) {
      return `${face.file} (${face.key}) is neither a TrueType font nor a CFF font without subroutines`;
    }
  }
  return undefined;
}

export const fastBackend: PdfBackend = {
  name: 'fast',
  unsupported,
  write: (doc, fonts, options) => writeOwnFile(doc, fonts, options, options.date),
};

/** pdfkit's number format (6 decimals), so that the numbers read the same as before. */
const num = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** A text string: literal when printable ASCII, else UTF-16BE with a byte-order mark, in hex. */
function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[()\\]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/** One embedded face: its subset (glyph ids in subset order), widths and Unicode values. */
interface SubsetFont extends EncodedFont {
  face: FontFace;
  sfnt: SfntFont;
  outlines: Outlines;
  ref: number;
  glyphs: number[];
  widths: number[];
  unicode: number[];
}

function subsetFont(face: FontFace, sfnt: SfntFont, outlines: Outlines, resource: string, ref: number): SubsetFont {
  const glyphs = [0];
  const widths = [(sfnt.advanceOfGlyph(0) * 1000) / sfnt.unitsPerEm];
  const unicode = [0];
  const code = subsetCoder(face, (gid, codePoint) => {
    glyphs.push(gid);
    widths.push(face.advance(codePoint) * 1000);
    unicode.push(codePoint);
    return glyphs.length - 1;
  });
  return { face, sfnt, outlines, ref, resource, glyphs, widths, unicode, code, width: (codePoint) => face.advance(codePoint) * 1000 };
}

/**
 * The objects of the file, numbered from 1, kept until the file is assembled. Streams are
 * written as objects of their own; every other object (fonts, descriptors, pages, catalog, info)
 * goes into one deflated object stream, and the cross-reference table is a deflated stream too
 * (PDF 1.5, 7.5.7-8; every reader since Acrobat 6 reads them): that makes a paper ~2.5 KB smaller,
 * its dictionaries compressing to a third.
 */
class ObjectTable {
  private readonly bodies: ({ dict: string; stream?: Uint8Array } | undefined)[] = [];
  reserve(): number {
    this.bodies.push(undefined);
    return this.bodies.length;
  }
  set(ref: number, dict: string, stream?: Uint8Array): void {
    this.bodies[ref - 1] = stream ? { dict, stream } : { dict };
  }
  add(dict: string, stream?: Uint8Array): number {
    const ref = this.reserve();
    this.set(ref, dict, stream);
    return ref;
  }
  /** Header, the stream objects, the object stream, and the cross-reference stream with the trailer's entries. */
  file(trailer: string): Buffer {
    const header = Buffer.from('%PDF-1.7\n%\xff\xff\xff\xff\n', 'latin1');
    const parts: Buffer[] = [header];
    let offset = header.length;
    const objStmRef = this.bodies.length + 1;
    const xrefRef = this.bodies.length + 2;
    // Per object: [type, field 2, field 3] as the cross-reference stream states it.
    const entries: [number, number, number][] = [[0, 0, 0xffff]];
    const write = (ref: number, dict: string, stream: Uint8Array) => {
      entries[ref] = [1, offset, 0];
      const bytes = Buffer.concat([Buffer.from(`${ref} 0 obj\n${dict}\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
      parts.push(bytes);
      offset += bytes.length;
    };
    const index: string[] = [];
    const packed: string[] = [];
    let packedLength = 0;
    for (const [i, body] of this.bodies.entries()) {
      if (!body) throw new Error(`writePdf: object ${i + 1} was reserved but never written`);
      if (body.stream) {
        write(i + 1, body.dict, body.stream);
        continue;
      }
      entries[i + 1] = [2, objStmRef, packed.length];
      index.push(`${i + 1} ${packedLength}`);
      packed.push(body.dict);
      packedLength += Buffer.byteLength(body.dict, 'latin1') + 1;
    }
    const first = `${index.join(' ')}\n`;
    const objStm = deflateWhole(Buffer.from(first + packed.join('\n') + '\n', 'latin1'), { level: DEFLATE_LEVEL });
    write(objStmRef, `<<\n/Type /ObjStm\n/N ${packed.length}\n/First ${first.length}\n/Length ${objStm.length}\n/Filter /FlateDecode\n>>`, objStm);
    entries[xrefRef] = [1, offset, 0];
    // Field widths: 1 byte of type, as many bytes as the largest offset needs, 2 for the rest.
    const w2 = Math.max(1, Math.ceil(Math.log2(offset + 1) / 8));
    const table = Buffer.alloc(entries.length * (3 + w2));
    entries.forEach(([type, f2, f3], n) => {
      const at = n * (3 + w2);
      table[at] = type;
      table.writeUIntBE(f2, at + 1, w2);
      table.writeUInt16BE(f3, at + 1 + w2);
    });
    const xref = deflateWhole(table, { level: DEFLATE_LEVEL });
    const xrefAt = offset;
    write(xrefRef, `<<\n/Type /XRef\n/Size ${entries.length}\n/W [1 ${w2} 2]\n${trailer}\n/Length ${xref.length}\n/Filter /FlateDecode\n>>`, xref);
    parts.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
}

/** Writes the document as PDF (every face embedded by our CFF subsetter); identical input, identical bytes. */
function writeOwnFile(doc: LaidOutDocument, fonts: FontSet, options: WritePdfOptions, date: Date): Buffer {
  const info = doc.info;
  const objects = new ObjectTable();
  const catalogRef = objects.reserve();
  const pagesRef = objects.reserve();
  const id = createHash('sha256');
  id.update(JSON.stringify(info));
  id.update('exampress');

  const embedded = new Map<string, SubsetFont>();
  const bySfnt = new Map<SfntFont, SubsetFont>();
  let onPage = new Map<string, SubsetFont>();
  const encoder: GlyphEncoder = {
    font(faceKey) {
      let font = embedded.get(faceKey);
      if (!font) {
        const face = fonts.faces().find((f) => f.key === faceKey);
        if (!face) {
          const keys = fonts.faces().map((f) => f.key).join(', ');
          throw new TypesetError(`Text uses the font face "${faceKey}", which the font set does not have (faces: ${keys}).`);
        }
        const source = sourceOf(face)!;
        // Faces from one file (a family without a bold file) share one embedded font.
        font = bySfnt.get(source.sfnt);
        if (!font) {
          font = subsetFont(face, source.sfnt, source.outlines, `F${bySfnt.size + 1}`, objects.reserve());
          bySfnt.set(source.sfnt, font);
        }
        embedded.set(faceKey, font);
      }
      onPage.set(font.resource, font);
      return font;
    },
  };

  // Each subset in the font's own glyph order, not in order of first use: glyphs that share a
  // radical sit together there, so the font program deflates ~1.3% smaller, and the ToUnicode map
  // runs in order. The faces keep their resource names in order of first use.
  for (const [faceKey, codePoints] of codePointsByFace(doc, options.sheets)) {
    encoder.font(faceKey);
    const font = embedded.get(faceKey)!;
    const face = font.face;
    const ordered = codePoints.map((cp) => [face.glyphId(cp), cp] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [gid, cp] of ordered) if (gid !== 0) font.code(cp);
  }
  onPage = new Map();

  const contentOf = pageContents(doc, encoder);

  const pageRefs: number[] = [];
  const addPage = (width: number, height: number, parts: string[]) => {
    // The flip that puts the origin top-left, y down (as pdfkit's pages start).
    let content = `1 0 0 -1 0 ${num(height)} cm\n`;
    for (const part of parts) {
      id.update(part);
      content += part + '\n';
    }
    const stream = deflateWhole(Buffer.from(content, 'latin1'), { level: DEFLATE_LEVEL });
    const contentRef = objects.add(`<<\n/Length ${stream.length}\n/Filter /FlateDecode\n>>`, stream);
    const fontEntries = [...onPage.values()].map((f) => `/${f.resource} ${f.ref} 0 R`).join(' ');
    pageRefs.push(
      objects.add(
        `<<\n/Type /Page\n/Parent ${pagesRef} 0 R\n/MediaBox [0 0 ${num(width)} ${num(height)}]\n/Contents ${contentRef} 0 R\n` +
          `/Resources <<\n/ProcSet [/PDF /Text]\n/Font << ${fontEntries} >>\n>>\n>>`,
      ),
    );
    onPage = new Map();
  };

  if (options.sheets) {
    for (const sheet of options.sheets) {
      id.update(`sheet ${sheet.width} ${sheet.height}\n`);
      const parts: string[] = [];
      for (const placement of sheet.placements) {
        const page = doc.pages[placement.page]!; // checkWritable: every placed page exists
        const [a, b, c, d, e, f] = placement.transform;
        // Clip to the page so nothing it draws spills onto its neighbours on the sheet.
        parts.push(`q ${[a, b, c, d, e, f].map(pdfNumber).join(' ')} cm 0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)} re W n`);
        parts.push(contentOf(placement.page));
        parts.push('Q');
      }
      if (sheet.marks?.length) {
        const marks: string[] = [];
        writeBoxes(sheet.marks, encoder, marks);
        parts.push(marks.join('\n'));
      }
      addPage(sheet.width, sheet.height, parts);
    }
  } else {
    for (const [index, page] of doc.pages.entries()) {
      id.update(`page ${page.width} ${page.height}\n`);
      addPage(page.width, page.height, [contentOf(index)]);
    }
  }

  for (const font of bySfnt.values()) writeFont(objects, font);
  id.update([...embedded.entries()].map(([key, font]) => `${key}:${font.glyphs.slice(1).join(',')}`).join('\n'));

  objects.set(pagesRef, `<<\n/Type /Pages\n/Count ${pageRefs.length}\n/Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}]\n>>`);
  objects.set(
    catalogRef,
    `<<\n/Type /Catalog\n/Pages ${pagesRef} 0 R\n/Lang ${pdfString(info.lang ?? 'zh-CN')}\n/ViewerPreferences << /DisplayDocTitle true >>\n>>`,
  );
  const infoEntries: [string, string | undefined][] = [
    ['Title', info.title],
    ['Author', info.author],
    ['Subject', info.subject],
    ['Keywords', info.keywords],
    ['Creator', options.creator ?? 'exampress'],
    ['Producer', 'exampress'],
  ];
  const infoRef = objects.add(
    `<<\n${infoEntries
      .filter((e): e is [string, string] => !!e[1])
      .map(([k, v]) => `/${k} ${pdfString(v)}`)
      .join('\n')}\n/CreationDate ${pdfDate(date)}\n/ModDate ${pdfDate(date)}\n>>`,
  );
  // The document ID is a hash of what the file shows, not of the time (PDF 1.7, 14.4).
  const hex = id.digest().subarray(0, 16).toString('hex');
  return objects.file(`/Root ${catalogRef} 0 R\n/Info ${infoRef} 0 R\n/ID [<${hex}> <${hex}>]`);
}

/** The font objects of one face: program, descriptor, CID font, ToUnicode and the Type0 font. */
function writeFont(objects: ObjectTable, font: SubsetFont): void {
  const { sfnt } = font;
  const scale = 1000 / sfnt.unitsPerEm;
  const cff = font.outlines.kind === 'cff';
  const raw = font.outlines.kind === 'cff' ? writeCffSubset(font.outlines.cff, font.glyphs) : writeTrueTypeSubset(font.outlines.truetype, font.glyphs);
  const program = deflateWhole(raw, FONT_DEFLATE);
  const programRef = objects.add(
    cff
      ? `<<\n/Filter /FlateDecode\n/Subtype /CIDFontType0C\n/Length ${program.length}\n>>`
      : `<<\n/Filter /FlateDecode\n/Length1 ${raw.length}\n/Length ${program.length}\n>>`,
    program,
  );

  let flags = 1 << 2; // symbolic: the font has characters outside the Latin set
  if (sfnt.isFixedPitch) flags |= 1 << 0;
  if (sfnt.familyClass >= 1 && sfnt.familyClass <= 7) flags |= 1 << 1;
  if (sfnt.familyClass === 10) flags |= 1 << 3;
  if (sfnt.isItalic) flags |= 1 << 6;
  // A subset tag from the resource name, as pdfkit makes it (F1 → BZZZZZ).
  const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((font.resource.charCodeAt(i) || 73) + 17)).join('');
  const name = `${tag}+${sfnt.postscriptName.replaceAll(' ', '_')}`;
  const [x0, y0, x1, y1] = sfnt.bbox;
  const descriptorRef = objects.add(
    `<<\n/Type /FontDescriptor\n/FontName /${name}\n/Flags ${flags}\n/FontBBox [${[x0, y0, x1, y1].map((v) => num(v * scale)).join(' ')}]\n` +
      `/ItalicAngle ${num(sfnt.italicAngle)}\n/Ascent ${num(sfnt.ascent * scale)}\n/Descent ${num(sfnt.descent * scale)}\n` +
      `/CapHeight ${num((sfnt.capHeight || sfnt.ascent) * scale)}\n/XHeight ${num(sfnt.xHeight * scale)}\n/StemV 0\n/${cff ? 'FontFile3' : 'FontFile2'} ${programRef} 0 R\n>>`,
  );
  const cidFontRef = objects.add(
    `<<\n/Type /Font\n/Subtype /${cff ? 'CIDFontType0' : 'CIDFontType2'}\n/BaseFont /${name}\n/CIDSystemInfo <<\n/Registry (Adobe)\n/Ordering (Identity)\n/Supplement 0\n>>\n` +
      `/FontDescriptor ${descriptorRef} 0 R\n${cidWidths(font.widths.map(num))}${cff ? '' : '\n/CIDToGIDMap /Identity'}\n>>`,
  );
  const cmap = deflateWhole(Buffer.from(toUnicodeCmap(font.unicode), 'latin1'), { level: DEFLATE_LEVEL });
  const cmapRef = objects.add(`<<\n/Length ${cmap.length}\n/Filter /FlateDecode\n>>`, cmap);
  objects.set(
    font.ref,
    `<<\n/Type /Font\n/Subtype /Type0\n/BaseFont /${name}\n/Encoding /Identity-H\n/DescendantFonts [${cidFontRef} 0 R]\n/ToUnicode ${cmapRef} 0 R\n>>`,
  );
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * /DW and /W of a CID font (PDF 1.7, 9.7.4.3): the commonest width as the default (1000, a CJK
 * em, is the default's default and is left out), and only the other glyphs listed, a run of
 * consecutive CIDs as `c [w …]`, a run of one width as `c1 c2 w`. A paper's Han characters are
 * all 1000 wide, so the list shrinks from every glyph to its Latin letters and digits.
 */
export function cidWidths(widths: readonly string[]): string {
  const count = new Map<string, number>();
  for (const w of widths) count.set(w, (count.get(w) ?? 0) + 1);
  let dw = '1000';
  for (const [w, n] of count) if (n > (count.get(dw) ?? 0)) dw = w;
  const parts: string[] = [];
  for (let c = 0; c < widths.length; ) {
    if (widths[c] === dw) {
      c++;
      continue;
    }
    let end = c + 1;
    while (end < widths.length && widths[end] === widths[c]) end++;
    if (end - c >= 3) {
      parts.push(`${c} ${end - 1} ${widths[c]}`);
      c = end;
      continue;
    }
    end = c;
    const run: string[] = [];
    // a run of other widths, up to the next default width or the next run of three equal ones
    while (end < widths.length && widths[end] !== dw && !(widths[end + 1] === widths[end] && widths[end + 2] === widths[end])) run.push(widths[end++]!);
    if (!run.length) run.push(widths[end++]!);
    parts.push(`${c} [${run.join(' ')}]`);
    c = end;
  }
  return `${dw === '1000' ? '' : `/DW ${dw}\n`}${parts.length ? `/W [${parts.join(' ')}]` : ''}`.trimEnd();
}

/** The ToUnicode CMap: subset id → the code point it was first used for (UTF-16). */
function toUnicodeCmap(unicode: readonly number[]): string {
  const entries = unicode.map((cp) => {
    if (cp <= 0xffff) return `<${hex4(cp)}>`;
    const v = cp - 0x10000;
    return `<${hex4(0xd800 | ((v >>> 10) & 0x3ff))} ${hex4(0xdc00 | (v & 0x3ff))}>`;
  });
  const ranges: string[] = [];
  for (let start = 0; start < entries.length; start += 256) {
    const end = Math.min(start + 256, entries.length);
    ranges.push(`<${hex4(start)}> <${hex4(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${ranges.length} beginbfrange
${ranges.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}
