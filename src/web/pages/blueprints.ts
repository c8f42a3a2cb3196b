// 组卷: choose a blueprint and its settings, see supply against demand and the assembler's
// verdict before building, build, and see what was written with the coverage table.
import { PAPER_SIZES } from '../../app/names.js';
import type { SupplyCell, SupplyTable } from '../../assemble/supply.js';
import type { SpecView } from '../../documents/spec.js';
import { html, raw, type Html } from '../html.js';
import { outputsGallery, type OutputFile } from './outputs.js';

export interface BlueprintSettings {
  blueprint: string;
  seed: string;
  variants: string;
  mode: string;
  size: string;
  seal: boolean;
}

export interface BlueprintView {
  blueprints: string[];
  settings: BlueprintSettings;
  /** Errors of the blueprint file itself (schema), as the CLI prints them. */
  blueprintErrors: string[];
  supply: SupplyTable | undefined;
  /** The assembler's verdict for these settings: problems (as the CLI prints them), or a summary. */
  check: { ok: true; summary: string } | { ok: false; lines: string[] } | undefined;
  /** The last build's error lines (the CLI's), when it failed. */
  failure?: string[];
  built?: string;
  files: OutputFile[];
  zipName?: string;
  coverage?: SpecView;
  busy: boolean;
}

const SIZE_NAMES: Record<string, string> = { a4: 'A4', b5: 'B5', a3: 'A3 横向两栏（8开）' };

function cellHtml(c: SupplyCell): Html {
  const short = typeof c.demand === 'number' && c.supply < c.demand;
  return html`<td${raw(short ? ' class="short"' : '')}>${c.demand !== undefined ? html`<b>${c.demand}</b> / ` : ''}${c.supply}${short ? ' ✗' : ''}</td>`;
}

function supplyHtml(t: SupplyTable): Html {
  return html`<div class="scroll"><table class="supply" id="supply"><thead><tr><th>范围</th><th>题数</th>${t.topics.map((n) => html`<th>${n}</th>`)}${t.bands.map((b) => html`<th>${b}</th>`)}</tr></thead><tbody>${t.rows.map(
    (r) => html`<tr><th>${r.title}</th>${cellHtml(r.count)}${r.topics.map(cellHtml)}${r.bands.map(cellHtml)}</tr>`,
  )}</tbody></table></div>
<p class="legend">每格：<b>需要</b> / 题库可用（只写一个数时该项没有要求）；红色 ✗ 为题库不足。</p>
${t.cells.length ? html`<table class="supply"><thead><tr><th>题型</th><th>细目</th><th>需要</th><th>可用</th></tr></thead><tbody>${t.cells.map((c) => html`<tr${raw(c.supply < c.demand ? ' class="short"' : '')}><td>${c.section}</td><td>${c.label}</td><td>${c.demand}</td><td>${c.supply}</td></tr>`)}</tbody></table>` : ''}`;
}

function coverageHtml(spec: SpecView): Html {
  const table = (t: SpecView['byType']) =>
    html`<table class="coverage"><thead><tr>${t.header.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${t.rows.map((r) => html`<tr><th>${r.label}</th>${r.cells.map((c) => html`<td>${c.main}${c.sub ? html`<br><small>${c.sub}</small>` : ''}</td>`)}</tr>`)}</tbody></table>`;
  return html`<section id="coverage"><h2>双向细目表 <small>${spec.title}</small></h2><p>${spec.info}</p><div class="scroll">${table(spec.byType)}</div><div class="scroll">${table(spec.byDifficulty)}</div>
<div class="scroll"><table class="coverage"><thead><tr><th>组卷要求</th><th>要求</th><th>实际</th><th>符合</th></tr></thead><tbody>${spec.quotas.map((q) => html`<tr><td>${q.rule}</td><td>${q.required}</td><td>${q.actual}</td><td>${q.met}</td></tr>`)}</tbody></table></div></section>`;
}

export function blueprintsPage(v: BlueprintView): Html {
  const s = v.settings;
  return html`<h1>组卷</h1>
<form class="settings" id="settings" method="get" action="/blueprints">
<label>组卷方案<select name="blueprint">${v.blueprints.map((b) => html`<option${raw(b === s.blueprint ? ' selected' : '')}>${b}</option>`)}</select></label>
<label>随机种子<input name="seed" inputmode="numeric" value="${s.seed}"></label>
<label>份数（A/B卷）<input name="variants" type="number" min="1" max="26" value="${s.variants}"></label>
<label>方式<select name="mode"><option value="shuffle"${raw(s.mode === 'shuffle' ? ' selected' : '')}>同题换序（A/B卷）</option><option value="parallel"${raw(s.mode === 'parallel' ? ' selected' : '')}>平行卷（不同题目）</option></select></label>
<label>纸张<select name="size">${PAPER_SIZES.map((p) => html`<option value="${p}"${raw(p === s.size ? ' selected' : '')}>${SIZE_NAMES[p] ?? p}</option>`)}</select></label>
<label class="check"><input type="checkbox" name="seal" value="1"${raw(s.seal ? ' checked' : '')}> 密封线</label>
<button type="submit">检查供需</button>
<button type="submit" id="build" formmethod="post" formaction="/blueprints/build" data-busy="正在生成试卷、答案、答题卡和细目表……"${raw(v.busy ? ' disabled' : '')}>生成</button>
<span class="progress" id="progress" role="status">${v.busy ? '另一个生成任务正在进行……' : ''}</span>
</form>
${v.failure ? html`<div class="failure" id="failure"><p>生成失败，之前生成的文件保持不变：</p><pre>${v.failure.join('\n')}</pre></div>` : ''}
${v.built ? html`<p class="notice" id="built">${v.built}</p>` : ''}
${v.blueprintErrors.length ? html`<pre class="failure" id="blueprint-errors">${v.blueprintErrors.join('\n')}</pre>` : ''}
<section><h2>供需：各项要求需要的题数与题库中可用的题数</h2>${v.supply ? supplyHtml(v.supply) : ''}
${v.check ? (v.check.ok ? html`<p class="ok" id="check">✓ ${v.check.summary}</p>` : html`<div class="failure" id="check"><p>按当前设置无法组卷，组卷程序的说明：</p><pre>${v.check.lines.join('\n')}</pre></div>`) : ''}</section>
<section id="outputs"><h2>生成的文件 <small>第 1 页预览；点击图片查看任意页</small></h2>${outputsGallery(v.files, v.zipName)}</section>
${v.coverage ? coverageHtml(v.coverage) : ''}`;
}
