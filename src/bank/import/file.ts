// `importFile`: a file's bytes → questions, whatever it is: Word-pasted or other text formats,
// .docx, .xlsx, .csv, .json/.js, Moodle XML or QTI. The parsers of file formats are loaded
// only when that format is read.
import { extname } from 'node:path';
import { decodeText } from './decode.js';
import { finishParse, importQuestions, nothingFound } from './index.js';
import { TEXT_FORMATS, type DetectedFormat, type ImportOptions, type ImportResult } from './types.js';

export type FileImport = ImportResult | { error: string };

/** Every file extension the importer reads: the structured formats below, and text (Word-pasted, Aiken, GIFT, the seed's forms) read by its content. */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.gift', '.docx', '.xlsx', '.xlsm', '.csv', '.tsv', '.json', '.json5', '.js', '.mjs', '.xml', '.qti', '.zip'] as const;

const ZIP = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Uint8Array): boolean {
  return ZIP.every((b, i) => bytes[i] === b);
}

/** Moodle's <quiz> or QTI's assessmentItem, from the first tags of an XML text. */
function xmlKind(text: string): 'moodle' | 'qti' | undefined {
  if (/<quiz[\s>]/.test(text)) return 'moodle';
  if (/<(?:\w+:)?assessmentItem[\s>]/.test(text)) return 'qti';
  return undefined;
}

function looksLikeJson(text: string): boolean {
  // "[{", "[\"", "{\"key\":", "{key:" — not a Word heading such as "[单选题]".
  return /^\s*(?:\[\s*[[{"'\d\]-]|\{\s*(?:["'][^"']*["']|[\w$]+)\s*:|\{\s*\}|(?:module\.)?exports\b|export\s|(?:var|let|const)\s+[\w$]+\s*=\s*[[{]|(?:window|globalThis)\.)/.test(text.replace(/^\uFEFF/, ''));
}

function byExtension(name: string): DetectedFormat | 'xml' | 'xls' | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls' || ext === '.doc') return 'xls';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.json' || ext === '.json5' || ext === '.js' || ext === '.mjs') return 'json';
  if (ext === '.xml' || ext === '.qti') return 'xml';
  if (ext === '.zip') return undefined;
  return undefined;
}

export async function importFile(bytes: Uint8Array, fileName: string, opts: ImportOptions): Promise<FileImport> {
  const forced = opts.format && opts.format !== 'auto' ? opts.format : undefined;
  let format: DetectedFormat | 'xml' | 'xls' | undefined = forced ?? byExtension(fileName);
  if (format === 'xls') return { error: 'is an old binary Office file (.xls/.doc); open it and save it as .xlsx or .docx' };
  if ((!format || format === 'qti') && isZip(bytes)) {
    const { zipEntries } = await import('./zip.js');
    const entries = zipEntries(bytes);
    if (format === 'qti' || [...entries.keys()].some((e) => /imsmanifest\.xml$/i.test(e))) {
      const { parseQtiPackage } = await import('./qti.js');
      return finishParse(await parseQtiPackage(entries), 'qti', opts, forced !== undefined);
    }
    return { error: 'is a zip file but not a QTI package (no imsmanifest.xml); name it .docx or .xlsx, or pass --format docx|xlsx|qti' };
  }

  if (format === 'docx' || format === 'xlsx') {
    if (!isZip(bytes)) return { error: `is not a ${format} file (it is not a zip package); check the file or its name` };
    if (format === 'xlsx') {
      const { parseXlsx } = await import('./xlsx.js');
      return finishParse(await parseXlsx(bytes, opts.map), 'xlsx', opts, forced !== undefined);
    }
    const { docxText } = await import('./docx.js');
    const text = await docxText(bytes);
    if (typeof text !== 'string') return text;
    // The document's text goes through the text readers; the line is the paragraph number.
    return { ...importQuestions(text, { ...opts, format: 'auto' }), format: 'docx' };
  }

  const decoded = await decodeText(bytes);
  if ('error' in decoded) return decoded;
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (!format) {
    if (/^\s*</.test(text)) format = 'xml';
    else if (looksLikeJson(text)) format = 'json';
  }
  if (format === 'xml') {
    const kind = xmlKind(text);
    if (!kind) return nothingFound('moodle', 'an XML file that is neither Moodle XML (<quiz>) nor QTI (assessmentItem); export the questions as Moodle XML or QTI 2.1');
    format = kind;
  }
  switch (format) {
    case 'csv': {
      const { parseCsv } = await import('./csv.js');
      return finishParse(await parseCsv(text, opts.map), 'csv', opts, forced !== undefined);
    }
    case 'json': {
      const { parseJson } = await import('./json.js');
      return finishParse(await parseJson(text, opts.map), 'json', opts, forced !== undefined);
    }
    case 'moodle': {
      const { parseMoodle } = await import('./moodle.js');
      return finishParse(await parseMoodle(text), 'moodle', opts, forced !== undefined);
    }
    case 'qti': {
      const { parseQti } = await import('./qti.js');
      return finishParse(await parseQti(text), 'qti', opts, forced !== undefined);
    }
    default:
      if (format && !(TEXT_FORMATS as readonly string[]).includes(format)) return { error: `cannot read as ${format}` };
      return importQuestions(text, { ...opts, format: format ?? 'auto' });
  }
}
