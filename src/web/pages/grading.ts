// 阅卷: pick a printed paper, add scans, decide each doubtful mark beside its crop, grade,
// download the results.
import { REASONS } from '../../grading/review.js';
import { html, sizeText, type Html } from '../html.js';
import type { ReviewCell } from '../../app/review.js';

export type GradingCell = ReviewCell;

export interface GradingView {
  /** The paper graded here (its record folder's name is its key), or why there is none. */
  paper: { title: string; file: string; key: string; id: string } | { missing: string };
  /** Every printed paper to choose from. */
  papers: { key: string; label: string; state: string }[];
  maxBytes: number;
  accept: string;
  hasResponses: boolean;
  /** What the last scan or grade printed (the CLI's lines). */
  scanLines?: string[];
  unreadable: { source: string; problem: string; thumbnail?: string }[];
  sheetProblems: string[];
  cells: GradingCell[];
  candidates: { line: number; candidate: string; source: string; crops: string[] }[];
  responsesProblem?: string;
  failure?: string[];
  decided?: string;
  grade?: { lines: string[]; files: { name: string; label: string }[] };
  busy: boolean;
}

const enc = encodeURIComponent;

/** The hidden field that says which paper a form is about. */
const paperField = (key: string) => html`<input type="hidden" name="paper" value="${key}">`;

function doubtCell(c: GradingCell, key: string): Html {
  const read = c.doubt ? [c.doubt.filled.length ? `已填 ${c.doubt.filled.join('')}` : '未见填涂', ...c.doubt.doubtful.map((x) => `${x.letter}：${x.state === 'faint' ? '淡痕' : '未涂满'}`)].join('；') : '';
  const hidden = html`${paperField(key)}<input type="hidden" name="line" value="${c.line}"><input type="hidden" name="question" value="${c.question}"><input type="hidden" name="source" value="${c.source}">`;
  return html`<tr class="doubt" data-line="${c.line}" data-question="${c.question}"><td>${c.candidate || '（无考号）'}${c.name ? ` ${c.name}` : ''}<br><small>${c.variant} 卷 · ${c.source} · 第 ${c.line} 行</small></td>
<td><b>第 ${c.question} 题</b>${c.doubt ? html`<br><small>${REASONS[c.doubt.reason]}</small><br><small>${read}</small>` : ''}</td>
<td>${c.crop ? html`<img class="crop" alt="第 ${c.question} 题的扫描" src="${c.crop}">` : html`<small>（服务重启后无截图：可重新上传扫描件）</small>`}</td>
<td><form class="decide" method="post" action="/grading/decide">${hidden}${c.letters.map((l) => html`<button type="submit" name="value" value="${l}" data-letter="${l}">${l}</button> `)}<button type="submit" name="value" value="" data-letter="blank">空白</button></form>
<form class="decide" method="post" action="/grading/decide">${hidden}<input name="value" size="6" pattern="[A-Za-z]*" aria-label="${c.oneAnswer ? '涂了两个以上：输入所涂字母（如 AB，记 0 分）' : '多选：输入所涂字母组合'}" placeholder="${c.oneAnswer ? '多涂' : '组合'}"><button type="submit">确定</button></form></td></tr>`;
}

/** Every printed paper, the current one chosen: grading any of them, not only the last printed. */
function papersPicker(papers: GradingView['papers'], key: string): Html {
  if (papers.length < 2) return html``;
  return html`<form class="settings" method="get" action="/grading" id="paper-picker"><label>试卷<select name="paper">${papers.map((p) => html`<option value="${p.key}"${p.key === key ? html` selected` : ''}>${p.label} · ${p.state}</option>`)}</select></label><button type="submit">阅这份试卷</button></form>`;
}

export function gradingPage(v: GradingView): Html {
  if ('missing' in v.paper) {
    return html`<h1>阅卷</h1><p class="failure" id="grading-error">${v.paper.missing}</p><p>先在 <a href="/blueprints">组卷</a> 页生成试卷与答题卡（exampress paper），再回到这里上传扫描件。</p>`;
  }
  const mb = sizeText(v.maxBytes);
  const key = v.paper.key;
  return html`<h1>阅卷 <small>${v.paper.title}</small></h1>
${papersPicker(v.papers, key)}
${v.failure?.length ? html`<pre class="failure" id="grading-error">${v.failure.join('\n')}</pre>` : ''}
${v.decided ? html`<p class="notice" id="decided">${v.decided}</p>` : ''}
<form class="settings" method="post" action="/grading/scan" enctype="multipart/form-data">${paperField(key)}
<label>答题卡扫描件 <small>PNG、JPEG 或 PDF，可多选；合计不超过 ${mb}；每张答题卡按它的二维码归入所属的试卷，可分批上传</small><input type="file" name="scans" accept="${v.accept}" multiple required></label>
${v.hasResponses ? html`<label class="check"><input type="checkbox" name="replace" value="1"> 重新开始阅这份试卷（清除已读的答题卡；其中已有人工决定时不会清除）</label>` : ''}
<button type="submit" id="scan"${v.busy ? ' disabled' : ''}>读取答题卡</button>
</form>
${v.scanLines?.length ? html`<pre class="notice" id="scan-lines">${v.scanLines.join('\n')}</pre>` : ''}
${v.unreadable.length ? html`<section id="unreadable"><h2>无法读取的页</h2><table><tr><th>页</th><th>原因</th><th></th></tr>${v.unreadable.map((u) => html`<tr><td>${u.source}</td><td class="error">${u.problem}</td><td>${u.thumbnail ? html`<img alt="" src="${u.thumbnail}">` : ''}</td></tr>`)}</table></section>` : ''}
${v.sheetProblems.length ? html`<section id="sheet-problems"><h2>需补全的答题卡</h2><ul class="problems">${v.sheetProblems.map((p) => html`<li class="warning">${p}</li>`)}</ul></section>` : ''}
${v.candidates.length ? html`<section id="candidates"><h2>待核对的考号（${v.candidates.length}）</h2><p>「?」为读不准的数字：看截图，输入完整的考号。</p>
<table><tr><th>答题卡</th><th>扫描</th><th>考号</th></tr>${v.candidates.map((c) => html`<tr class="candidate" data-line="${c.line}"><td>${c.source}<br><small>responses.csv 第 ${c.line} 行</small></td><td>${c.crops.map((src) => html`<img class="crop" alt="考号" src="${src}"> `)}</td>
<td><form class="decide" method="post" action="/grading/candidate">${paperField(key)}<input type="hidden" name="line" value="${c.line}"><input type="hidden" name="source" value="${c.source}"><input name="value" value="${c.candidate}" pattern="[0-9]+" inputmode="numeric" required aria-label="考号"><button type="submit">确定</button></form></td></tr>`)}</table></section>` : ''}
${v.responsesProblem ? html`<p class="failure">${v.responsesProblem}</p>` : ''}
${v.cells.length ? html`<section id="doubts"><h2>待决定的填涂（${v.cells.length}）</h2><p>看截图，点考生所涂的字母；没有作答点「空白」。</p>
<table><tr><th>考生</th><th>题目</th><th>扫描</th><th>决定</th></tr>${v.cells.map((c) => doubtCell(c, key))}</table></section>` : ''}
${v.hasResponses && !v.cells.length && !v.candidates.length && !v.responsesProblem ? html`<section id="grade-form"><h2>评分</h2><p>没有待决定的填涂和考号。</p><form class="settings" method="post" action="/grading/grade">${paperField(key)}
<label>及格线（满分的比例）<input type="number" name="pass" min="0.05" max="1" step="0.05" value="0.6"></label>
<button type="submit" id="grade"${v.busy ? ' disabled' : ''}>评分</button></form></section>` : ''}
${v.grade ? html`<section id="results"><h2>成绩</h2><pre id="summary">${v.grade.lines.join('\n')}</pre>
<ul class="downloads">${v.grade.files.map((f) => html`<li><a class="download" href="/paper/${enc(key)}/${enc(f.name)}" download>${f.name}</a> ${f.label}</li>`)}</ul></section>` : ''}`;
}
