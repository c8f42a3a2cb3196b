// npm run bench:import — a 10,000-row .xlsx (budget < 3 s, < 400 MB) and a 5 MB Word-pasted
// text file (budget < 2 s), each imported 5 times in a fresh process; prints JSON medians.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { median } from './typeset-lib.js';

const dir = mkdtempSync(join(tmpdir(), 'exampress-bench-import-'));
const worker = fileURLToPath(new URL('./import-worker.js', import.meta.url));
const WORDS = '客户经理大堂柜员网点服务规范礼仪接待投诉理财产品风险提示营业时间着装仪容微笑问候引导分流咨询'.split('');

function phrase(n: number, len: number): string {
  let s = '';
  for (let k = n * 7919 + len; s.length < len; k = (k * 1103515245 + 12345) % 2147483648) s += WORDS[k % WORDS.length];
  return s;
}

async function xlsxFile(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(['序号', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '难度', '知识点', '出处']);
  for (let i = 0; i < rows; i++) {
    const multi = i % 3 === 0;
    ws.addRow([i + 1, multi ? '多选' : '单选', `第${i}题：${phrase(i, 24)}（ ）。`, phrase(i + 1, 6), phrase(i + 2, 7), phrase(i + 3, 8), phrase(i + 4, 9), multi ? 'ABD' : 'ABCD'[i % 4], phrase(i + 5, 30), (i % 5) + 1, '服务规范', '《网点服务规范》']);
  }
  const file = join(dir, 'bank-10000.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

function textFile(bytes: number): string {
  const parts: string[] = ['网点服务规范试题', '一、单项选择题'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const q =
      i % 4 === 3
        ? `${(i % 200) + 1}.${phrase(i, 30)}。（${i % 2 ? '√' : '×'}）`
        : `${(i % 200) + 1}、${phrase(i, 30)}（ ${'ABCD'[i % 4]} ）。\nA.${phrase(i + 1, 8)}；\nB.${phrase(i + 2, 8)}；\nC.${phrase(i + 3, 8)}；\nD.${phrase(i + 4, 8)}。`;
    parts.push(q);
    size += Buffer.byteLength(q) + 1;
  }
  const file = join(dir, 'bank-5mb.txt');
  writeFileSync(file, `${parts.join('\n')}\n`);
  return file;
}

function measure(file: string, runs = 5) {
  const results = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [worker, file], { encoding: 'utf8' })) as { ms: number; cpu_ms: number; rss_mb: number; questions: number; detected: number; failed: number });
  return { file_mb: Math.round((statSync(file).size / 1048576) * 10) / 10, questions: results[0]!.questions, detected: results[0]!.detected, failed: results[0]!.failed, ms_median: median(results.map((r) => r.ms)), ms_runs: results.map((r) => r.ms), cpu_ms_median: median(results.map((r) => r.cpu_ms)), rss_mb_max: Math.max(...results.map((r) => r.rss_mb)) };
}

const xlsx = measure(await xlsxFile(10_000));
const text = measure(textFile(5 * 1024 * 1024));
process.stdout.write(`${JSON.stringify({ load_average: loadavg().map((l) => Math.round(l * 100) / 100), cores: cpus().length, xlsx_10000_rows: { ...xlsx, budget_ms: 3000, budget_rss_mb: 400 }, text_5mb: { ...text, budget_ms: 2000 } }, null, 2)}\n`);
