// Word documents: mammoth gives the raw text, a paragraph per line; the text readers do the rest.
export async function docxText(bytes: Uint8Array): Promise<string | { error: string }> {
  const { default: mammoth } = await import('mammoth');
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value.replace(/\n{2,}/g, '\n');
  } catch (err) {
    return { error: `is not a readable .docx (${(err as Error).message}); save it again from Word as .docx` };
  }
}
