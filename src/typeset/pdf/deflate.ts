// How the fast backend (file.ts) deflates its streams:
// - page content (and the object and cross-reference streams) at zlib level 1: a third of
//   level 6's time, ~10% bigger (0.7 KB of the standard paper; level 6 cost the typesetting
//   bench, 20 dense pages, 1-2 ms of its ~17);
// - font programs at level 6: they are the biggest stream of a document, and on the standard
//   paper's serif subset level 6 gives 123 KB in 4.8 ms where Huffman-only coding gave 138 KB
//   in 1.3 ms; the paper's 150 KB budget is worth the 3.5 ms;
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

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
