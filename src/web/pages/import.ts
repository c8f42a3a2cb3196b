// 导入: upload a file, read the importer's dry-run report, accept it into a chosen topic.
import type { ImportResult } from '../../bank/import/types.js';
import type { Topic } from '../../bank/schema.js';
import { html, raw, sizeText, type Html } from '../html.js';

export interface ImportView {
  topics: Topic[];
  maxBytes: number;
  accept: string;
  upload?: { id: string; name: string; result: ImportResult };
  error?: string;
  done?: string[];
}

export function importPage(v: ImportView): Html {
  const r = v.upload?.result;
  return html`<h1>导入题目</h1>
${v.error ? html`<p class="failure" id="import-error">${v.error}</p>` : ''}
${v.done ? html`<div class="notice" id="imported"><pre>${v.done.join('\n')}</pre><p><a href="/">到题库查看</a></p></div>` : ''}
<form class="settings" method="post" action="/import" enctype="multipart/form-data">
<label>文件 <small>Word（.docx / 文本）、Excel（.xlsx）、.csv、JSON、Moodle XML、QTI；不超过 ${sizeText(v.maxBytes)}</small><input type="file" name="file" accept="${v.accept}" required></label>
<button type="submit">预览导入结果</button>
</form>
${r && v.upload ? html`<section id="report"><h2>预览：${v.upload.name}</h2>
<p>格式 ${r.format}：识别 ${r.detected} 题，可导入 <b>${r.questions.length}</b> 题，重复 ${r.duplicates.length} 题，失败 ${r.failed.length} 题，需人工核对 ${r.warnings.length} 处。</p>
${r.failed.length ? html`<h3>失败（附行号）</h3><ul class="problems">${r.failed.map((f) => html`<li class="error">第 ${f.line} 行：${f.reason}</li>`)}</ul>` : ''}
${r.duplicates.length ? html`<h3>重复</h3><ul class="problems">${r.duplicates.map((d) => html`<li class="warning">第 ${d.line} 行：${d.reason}${d.id ? `（${d.id}）` : ''}</li>`)}</ul>` : ''}
${r.warnings.length ? html`<h3>需要人工核对</h3><ul class="problems">${r.warnings.map((w) => html`<li class="warning">第 ${w.line} 行${w.id ? ` ${w.id}` : ''}：${w.message}</li>`)}</ul>` : ''}
${r.questions.length ? html`<h3>将导入的题目</h3><ol class="preview-list">${r.questions.map((q) => html`<li><b>${q.id}</b> ${q.stem}</li>`)}</ol>
<form class="settings" method="post" action="/import/accept"><input type="hidden" name="upload" value="${v.upload.id}">
<label>归入知识点（文件未写明知识点的题目）<select name="topic">${v.topics.map((t) => html`<option value="${t.id}">${t.name}（${t.id}）</option>`)}</select></label>
<button type="submit" id="accept">接受导入</button></form>` : html`<p>没有可导入的题目。</p>`}
</section>` : ''}${raw('')}`;
}
