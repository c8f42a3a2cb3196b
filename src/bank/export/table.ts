// CSV and XLSX: one row per question with the column names our importer maps back
// (题型 题干 选项A… 答案 解析 难度 知识点 出处 材料), so a trainer can edit the bank in Excel.
import { formatCsv } from '../../csv.js';
import { questionType } from '../../questions/registry.js';
import type { QuestionData, Topic } from '../schema.js';

export function tableRows(questions: QuestionData[], topics: Topic[]): string[][] {
  const width = Math.max(2, ...questions.map((q) => q.options?.length ?? 0));
  const optionCols = Array.from({ length: width }, (_, i) => `选项${String.fromCharCode(65 + i)}`);
  const names = new Map(topics.map((t) => [t.id, t.name]));
  const header = ['编号', '题型', '题干', ...optionCols, '答案', '解析', '难度', '知识点', '出处', '材料'];
  const rows = questions.map((q) => {
    const answer = typeof q.answer === 'boolean' ? (q.answer ? '正确' : '错误') : Array.isArray(q.answer) ? q.answer.join('；') : String(q.answer);
    const options = optionCols.map((_, i) => q.options?.[i] ?? '');
    return [q.id, questionType(q.type).tableName, q.stem, ...options, answer, q.explanation, String(q.difficulty), q.topic ? (names.get(q.topic) ?? q.topic) : '', q.source, q.material ?? ''];
  });
  return [header, ...rows];
}

/** RFC 4180 with a BOM and CRLF, as Excel opens UTF-8 CSV correctly; formula-like cells neutralised. */
export function toCsv(rows: string[][]): string {
  return formatCsv(rows);
}

export async function toXlsx(rows: string[][]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRows(rows);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
