// Bytes of a text export → string: UTF-8 with or without BOM, UTF-16 (with a BOM or by its zero
// bytes), else GBK/GB18030 as Chinese Excel and WPS save. iconv-lite is loaded only when needed.
export type Decoded = { text: string; encoding: string } | { error: string };

function zeroShare(bytes: Uint8Array, parity: 0 | 1): number {
  let zeros = 0;
  let n = 0;
  for (let i = parity; i < Math.min(bytes.length, 4096); i += 2, n++) if (bytes[i] === 0) zeros++;
  return n ? zeros / n : 0;
}

async function iconv(bytes: Uint8Array, encoding: string): Promise<string> {
  const { default: lib } = await import('iconv-lite');
  return lib.decode(Buffer.from(bytes), encoding);
}

export async function decodeText(bytes: Uint8Array): Promise<Decoded> {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: await iconv(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: await iconv(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  // UTF-16 without a BOM: half the bytes of Latin text are zero, on one side.
  if (bytes.length >= 16 && zeroShare(bytes, 1) > 0.3 && zeroShare(bytes, 0) < 0.05) return { text: await iconv(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes.length >= 16 && zeroShare(bytes, 0) > 0.3 && zeroShare(bytes, 1) < 0.05) return { text: await iconv(bytes, 'utf-16be'), encoding: 'utf-16be' };
  if (bytes.includes(0)) return { error: 'is a binary file, not text; export the questions as text, .docx, .xlsx, .csv, .json or .xml' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: await iconv(bytes, 'gb18030'), encoding: 'gbk' };
  }
}
