// How fonts and pages get into the file faster than pdfkit would do it by itself:
// - page content deflated at zlib level 1 instead of 6 (a third of the time, ~10% bigger);
// - font programs at level 6: they are the biggest stream of a document, and on the standard
//   paper's serif subset level 6 gives 123 KB in 4.8 ms where Huffman-only coding gave 138 KB
//   in 1.3 ms; the paper's 150 KB budget is worth the 3.5 ms;
// - pdfkit compresses each stream when it is finalised, so we hand it streams already
//   deflated;
// - CFF subsets written by our own subsetter (cff.ts) when the font allows it.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type * as fontkit from 'fontkit';
import { readCffSource, writeCffSubset, type CffSource } from './cff.js';

export const DEFLATE_LEVEL = 1;
export const FONT_DEFLATE: { level?: number; strategy?: number } = { level: 6 };

/**
 * deflateSync with one output chunk big enough for the result: node's default 16 KB chunks
 * cost more than the Huffman coding of a 250 KB font program (5.3 ms vs 2.5 ms). The bytes
 * are the same either way.
 */
export function deflateWhole(data: Uint8Array, options: { level?: number; strategy?: number }): Buffer {
  if (data.length < CACHE_FROM) return deflateRaw(data, options);
  // A roster's papers set the same characters again and again: the same font subset, the
  // same compressed bytes. Hashing 150 KB costs 0.3 ms, compressing it 12 ms.
  const key = `${options.level}:${options.strategy}:${createHash('sha1').update(data).digest('base64')}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const out = deflateRaw(data, options);
  recent.set(key, out);
  if (recent.size > 8) recent.delete(recent.keys().next().value!);
  return out;
}

const CACHE_FROM = 32 * 1024;
const recent = new Map<string, Buffer>();

function deflateRaw(data: Uint8Array, options: { level?: number; strategy?: number }): Buffer {
  return deflateSync(data, { ...options, chunkSize: Math.max(16 * 1024, data.length + (data.length >> 3) + 1024) });
}

/** The fields of pdfkit's PDFReference that we touch. */
interface StreamRef {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
}

/** Deflates everything written to the stream so far; pdfkit then writes it as is. */
export function deflateNow(ref: StreamRef): void {
  const raw = Buffer.concat(ref.buffer);
  ref.buffer = [deflateWhole(raw, { level: DEFLATE_LEVEL })];
  ref.compress = false;
  ref.data.Filter = 'FlateDecode';
}

/** The parts of pdfkit's EmbeddedFont (and its fontkit subset) that we touch. */
interface EmbeddingFont {
  font: fontkit.Font;
  embed(): unknown;
  subset: { glyphs: number[]; encode(): Uint8Array };
}

const adjusted = new WeakSet<object>();
const cffSources = new WeakMap<object, CffSource | null>();

/** The font's CFF table, readied for our subsetter; null when it needs fontkit's. */
function cffSourceOf(font: fontkit.Font): CffSource | null {
  let source = cffSources.get(font);
  if (source === undefined) {
    const internals = font as unknown as { stream?: { buffer?: Uint8Array }; directory?: { tables: Record<string, { offset: number; length: number }> } };
    const table = internals.directory?.tables['CFF '];
    const bytes = internals.stream?.buffer;
    source = null;
    if (table && bytes) {
      try {
        source = readCffSource(bytes.subarray(table.offset, table.offset + table.length)) ?? null;
      } catch {
        source = null; // an unusual CFF: fontkit's subsetter handles it
      }
    }
    cffSources.set(font, source);
  }
  return source;
}

/**
 * Makes an embedded font write its font file with our subsetter (when it can), Huffman-coded.
 * Its `embed` makes the font-file stream first (pdfkit's EmbeddedFont.embed): that is the ref
 * we adjust.
 */
export function embedFontFast(doc: { ref(data?: unknown): StreamRef }, font: EmbeddingFont, subsetter: 'exampress' | 'fontkit' = 'exampress'): void {
  // Two faces can share one embedded font (a family without a bold file): wrap it once.
  if (adjusted.has(font)) return;
  adjusted.add(font);
  const source = subsetter === 'exampress' ? cffSourceOf(font.font) : null;
  const embed = font.embed.bind(font);
  font.embed = () => {
    const ref = doc.ref;
    doc.ref = (data?: unknown) => {
      doc.ref = ref;
      const fontFile = ref.call(doc, data);
      fontFile.compress = false;
      fontFile.data.Filter = 'FlateDecode';
      return fontFile;
    };
    const encode = font.subset.encode.bind(font.subset);
    const program = () => (source ? writeCffSubset(source, font.subset.glyphs) : encode());
    font.subset.encode = () => deflateWhole(program(), FONT_DEFLATE);
    try {
      return embed();
    } finally {
      doc.ref = ref;
    }
  };
}
