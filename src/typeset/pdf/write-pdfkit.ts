// LaidOutDocument → PDF bytes through pdfkit, for fonts our own file writer (file.ts) does
// not embed: TrueType, collections, CFF with subroutines, or fontkit's subsetter on request.
// pdfkit owns the file structure (objects, xref, font subsets, ToUnicode, compression); we
// write each page's content stream ourselves from the boxes. pdfkit is loaded on first use.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type { FontSet, LaidOutDocument, Page } from '../types.js';
import { TypesetError } from '../types.js';
import { pageContents, pdfNumber, writeBoxes } from './content.js';
import { deflateNow } from './deflate.js';
import { pdfkitGlyphEncoder } from './embed.js';
import type { Sheet } from './impose.js';

let pdfkit: typeof PDFKitDocument | undefined;
const loadPdfkit = () => (pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument);

export interface WritePdfOptions {
  /** Impose the pages: one output page per sheet, source pages drawn under their transforms. */
  sheets?: Sheet[];
  /** CreationDate and ModDate; fixed by default so identical input gives identical bytes. */
  date?: Date;
  /** The Creator entry of the document information. */
  creator?: string;
  /**
   * Who writes the embedded CFF subsets: ours (default; fonts without subroutines, like the
   * bundled ones, else it falls back by itself) or fontkit's, for comparison.
   */
  cffSubsetter?: 'exampress' | 'fontkit';
}

export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/**
 * Writes the document as PDF with pdfkit and returns its bytes (synchronously: pdfkit does
 * all its work, compression included, synchronously). Identical input gives identical bytes.
 */
export function writePdfWithPdfkit(doc: LaidOutDocument, fonts: FontSet, options: WritePdfOptions = {}): Buffer {
  const date = options.date ?? FIXED_DATE;
  const info = doc.info;
  const PDFDocument = loadPdfkit();
  const pdf = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    font: null as unknown as string, // no Helvetica: we only use our own fonts
    lang: info.lang ?? 'zh-CN',
    displayTitle: true,
    info: {
      Title: info.title,
      ...(info.author ? { Author: info.author } : {}),
      ...(info.subject ? { Subject: info.subject } : {}),
      ...(info.keywords ? { Keywords: info.keywords } : {}),
      Creator: options.creator ?? 'exampress',
      Producer: 'exampress (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const encoder = pdfkitGlyphEncoder(pdf, fonts, options.cffSubsetter);
  // The document ID is a hash of what the file shows, not of the time (PDF 1.7, 14.4).
  const id = createHash('sha256');
  id.update(JSON.stringify(info));
  id.update(options.cffSubsetter ?? 'exampress');

  const contentOf = pageContents(doc, encoder);
  type PdfkitPage = { content: Parameters<typeof deflateNow>[0]; write(chunk: Uint8Array): void };
  const currentPage = () => pdf.page as unknown as PdfkitPage;
  const addPage = (width: number, height: number) => {
    if (pdf.page) deflateNow(currentPage().content);
    pdf.addPage({ size: [width, height], margin: 0 });
    encoder.beginPage();
  };
  const write = (content: string) => {
    id.update(content);
    currentPage().write(Buffer.from(content + '\n', 'latin1'));
  };

  if (options.sheets) {
    for (const [s, sheet] of options.sheets.entries()) {
      addPage(sheet.width, sheet.height);
      id.update(`sheet ${sheet.width} ${sheet.height}\n`);
      for (const placement of sheet.placements) {
        const page: Page | undefined = doc.pages[placement.page];
        if (!page) {
          throw new TypesetError(`Sheet ${s + 1} places page ${placement.page + 1}, but the document has ${doc.pages.length} pages.`);
        }
        const [a, b, c, d, e, f] = placement.transform;
        // Clip to the page so nothing it draws spills onto its neighbours on the sheet.
        write(`q ${[a, b, c, d, e, f].map(pdfNumber).join(' ')} cm 0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)} re W n`);
        write(contentOf(placement.page));
        write('Q');
      }
      if (sheet.marks?.length) {
        const marks: string[] = [];
        writeBoxes(sheet.marks, encoder, marks);
        write(marks.join('\n'));
      }
    }
  } else {
    for (const [index, page] of doc.pages.entries()) {
      addPage(page.width, page.height);
      id.update(`page ${page.width} ${page.height}\n`);
      write(contentOf(index));
    }
  }
  deflateNow(currentPage().content);
  id.update(encoder.fingerprint());
  (pdf as unknown as { _id: Buffer })._id = id.digest().subarray(0, 16);
  pdf.end();
  const chunks: Buffer[] = [];
  for (let chunk: Buffer | null; (chunk = pdf.read() as Buffer | null) !== null; ) chunks.push(chunk);
  return Buffer.concat(chunks);
}
