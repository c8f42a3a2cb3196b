// 手册: build the pocket handbook, preview cover, contents and any page, download both files.
import { HANDBOOK_SIZES } from '../../app/names.js';
import { html, raw, type Html } from '../html.js';
import { outputsGallery, type OutputFile } from './outputs.js';

export interface HandbookView {
  size: string;
  impose: boolean;
  failure?: string[];
  built?: string;
  files: OutputFile[];
  busy: boolean;
}

const enc = encodeURIComponent;

export function handbookPage(v: HandbookView): Html {
  const book = v.files.find((f) => f.name === 'handbook.pdf');
  return html`<h1>手册 <small>《客户经理服务礼仪手册》</small></h1>
<form class="settings" method="post" action="/handbook/build">
<label>开本<select name="size">${HANDBOOK_SIZES.map((s) => html`<option value="${s}"${raw(s === v.size ? ' selected' : '')}>${s.toUpperCase()}</option>`)}</select></label>
<label class="check"><input type="checkbox" name="impose" value="saddle"${raw(v.impose ? ' checked' : '')}> 同时生成骑马钉拼版文件</label>
<button type="submit" id="build" data-busy="正在排版手册……"${raw(v.busy ? ' disabled' : '')}>生成手册</button>
<span class="progress" id="progress" role="status">${v.busy ? '另一个生成任务正在进行……' : ''}</span>
</form>
${v.failure ? html`<div class="failure" id="failure"><p>生成失败，之前生成的文件保持不变：</p><pre>${v.failure.join('\n')}</pre></div>` : ''}
${v.built ? html`<p class="notice" id="built">${v.built}</p>` : ''}
${book ? html`<section><h2>预览</h2><div class="gallery">${[
    [1, '封面'],
    [2, '目录'],
    [3, '正文第一页'],
  ].map(([n, label]) => html`<figure class="doc"><a href="/view/handbook.pdf?page=${n}"><img loading="lazy" src="/preview/handbook.pdf?page=${n}" alt="手册${label}"></a><figcaption>${label}</figcaption></figure>`)}</div>
<form method="get" action="/view/${enc('handbook.pdf')}"><label>查看第<input type="number" name="page" min="1" max="${book.pages ?? 1}" value="4">页</label><button>打开</button></form></section>` : ''}
<section><h2>文件</h2>${outputsGallery(v.files, undefined)}</section>`;
}
