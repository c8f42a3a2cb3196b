// What a build wrote: page-1 previews of each PDF, a link to any page, downloads, one zip.
import { html, type Html } from '../html.js';

export interface OutputFile {
  name: string;
  bytes: number;
  /** PDFs only. */
  pages?: number;
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const enc = encodeURIComponent;

export function outputsGallery(files: OutputFile[], zipName: string | undefined, previewPage = 1): Html {
  if (!files.length) return html`<p class="empty">还没有生成的文件。</p>`;
  const pdfs = files.filter((f) => f.name.endsWith('.pdf'));
  return html`<div class="downloads">${zipName ? html`<a class="button" id="zip" href="/zip/${enc(zipName)}" download>全部 PDF 打包下载（zip）</a>` : ''}</div>
<div class="gallery">${pdfs.map(
    (f) => html`<figure class="doc" data-file="${f.name}"><a href="/view/${enc(f.name)}?page=${previewPage}"><img loading="lazy" src="/preview/${enc(f.name)}?page=${previewPage}" alt="${f.name} 第 ${previewPage} 页"></a>
<figcaption><b>${f.name}</b><br>${f.pages ?? '?'} 页 · ${size(f.bytes)}<br><a class="download" href="/files/${enc(f.name)}" download>下载</a> · <a href="/view/${enc(f.name)}?page=1">逐页查看</a></figcaption></figure>`,
  )}</div>
${files.filter((f) => !f.name.endsWith('.pdf')).map((f) => html`<p class="other"><a href="/files/${enc(f.name)}" download>${f.name}</a> · ${size(f.bytes)}</p>`)}`;
}

/** One page of a PDF, large, with the way to every other page. */
export function pageView(file: string, pageNumber: number, pages: number, back: string): Html {
  const link = (n: number, label: string) => (n >= 1 && n <= pages ? html`<a href="/view/${enc(file)}?page=${n}">${label}</a>` : html`<span class="off">${label}</span>`);
  return html`<h1>${file} <small>第 ${pageNumber} / ${pages} 页</small></h1>
<nav class="pager">${link(pageNumber - 1, '‹ 上一页')} ${link(pageNumber + 1, '下一页 ›')}
<form method="get" action="/view/${enc(file)}"><label>跳到第<input type="number" name="page" min="1" max="${pages}" value="${pageNumber}">页</label><button>打开</button></form>
<a href="/files/${enc(file)}" download>下载 PDF</a> · <a href="${back}">返回</a></nav>
<img class="pageimage" src="/preview/${enc(file)}?page=${pageNumber}&amp;dpi=110" alt="${file} 第 ${pageNumber} 页">`;
}
