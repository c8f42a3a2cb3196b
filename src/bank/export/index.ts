// `exportQuestions`: bank questions → Aiken, GIFT, Moodle XML, CSV or XLSX, for other systems
// and for editing in Excel. What a format cannot hold is skipped and reported, never guessed.
import type { QuestionData, Topic } from '../schema.js';
import { toAiken } from './aiken.js';
import { toGift } from './gift.js';
import { toMoodleXml } from './moodle.js';
import { tableRows, toCsv, toXlsx } from './table.js';

import type { ExportFormat } from './formats.js';

export { EXPORT_EXTENSIONS, EXPORT_FORMATS, type ExportFormat } from './formats.js';

export interface Skipped {
  id: string;
  reason: string;
}

export interface Exported {
  bytes: Uint8Array;
  written: number;
  skipped: Skipped[];
}

export async function exportQuestions(questions: QuestionData[], format: ExportFormat, topics: Topic[] = []): Promise<Exported> {
  const enc = (r: { text: string; written: number; skipped: Skipped[] }): Exported => ({ bytes: Buffer.from(r.text, 'utf8'), written: r.written, skipped: r.skipped });
  switch (format) {
    case 'aiken':
      return enc(toAiken(questions));
    case 'gift':
      return enc(toGift(questions, topics));
    case 'moodle-xml':
      return enc(toMoodleXml(questions, topics));
    case 'csv':
      return { bytes: Buffer.from(toCsv(tableRows(questions, topics)), 'utf8'), written: questions.length, skipped: [] };
    case 'xlsx':
      return { bytes: await toXlsx(tableRows(questions, topics)), written: questions.length, skipped: [] };
  }
}
