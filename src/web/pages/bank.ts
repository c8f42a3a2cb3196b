// 题库: every question as it prints, searchable and filterable, with its lint problems and the
// counts by topic x type x difficulty.
import { bankStats } from '../../bank/stats.js';
import { LETTERS } from '../../questions/choice.js';
import type { Problem } from '../../app/problem.js';
import { QUESTION_TYPES, QUESTION_TYPE_NAMES, type Bank, type Question } from '../../bank/schema.js';
import { html, raw, type Html } from '../html.js';

export interface BankFilter {
  q?: string;
  topic?: string;
  type?: string;
  difficulty?: string;
  tag?: string;
}


/** Questions matching every filter given; `q` is a plain substring of the stem or an option (or the id). */
export function filterQuestions(questions: readonly Question[], f: BankFilter): Question[] {
  const q = (f.q ?? '').trim().toLowerCase();
  return questions.filter(
    (x) =>
      (!q || x.stem.toLowerCase().includes(q) || (x.options ?? []).some((o) => o.toLowerCase().includes(q)) || x.id.toLowerCase() === q) &&
      (!f.topic || x.topic === f.topic) &&
      (!f.type || x.type === f.type) &&
      (!f.difficulty || String(x.difficulty) === f.difficulty) &&
      (!f.tag || (x.tags ?? []).includes(f.tag)),
  );
}

/** The answer as the page shows it: letters, √（正确）/×（错误）, or each blank's first answer. */
function answerText(q: Question): string {
  if (typeof q.answer === 'boolean') return q.answer ? '√（正确）' : '×（错误）';
  if (Array.isArray(q.answer)) return q.answer.map((a) => a.split('|')[0]).join('；');
  return q.answer;
}

/** A stem as printed: fill blanks as underlines. */
function stemHtml(q: Question): Html {
  return html`${q.stem
    .split(/(_{3,})/)
    .map((part) => (/^_{3,}$/.test(part) ? html`<span class="blank"></span>` : part))}`;
}

function questionCard(q: Question, bank: Bank, topicNames: Map<string, string>, problems: Problem[]): Html {
  const right = typeof q.answer === 'string' ? q.answer : '';
  return html`<article class="question" id="${q.id}" data-id="${q.id}">
<header><b class="qid">${q.id}</b> <span class="chip">${QUESTION_TYPE_NAMES[q.type]}</span> <span class="chip">${topicNames.get(q.topic) ?? q.topic}</span> <span class="chip">难度 ${q.difficulty}</span>${(q.tags ?? []).map((t) => html` <span class="chip tag">#${t}</span>`)} <a class="edit" href="/question/${encodeURIComponent(q.id)}">编辑</a></header>
${q.material ? html`<p class="material">【材料】${q.material}</p>` : ''}
<p class="stem">${stemHtml(q)}</p>
${q.options ? html`<ol class="options">${q.options.map((o, i) => html`<li${raw(right.includes(LETTERS[i]!) ? ' class="right"' : '')}><b>${LETTERS[i]}.</b> ${o}</li>`)}</ol>` : ''}
<dl>
<dt>答案</dt><dd class="answer">${answerText(q)}</dd>
<dt>解析</dt><dd>${q.explanation}</dd>
<dt>出处</dt><dd>${q.source}</dd>
<dt>手册</dt><dd>${q.norms.length ? q.norms.map((n) => { const norm = bank.norms.get(n); return html`<span class="norm" title="${norm?.text ?? ''}">${norm ? `${norm.number} ` : ''}${n}</span> `; }) : '—'}</dd>
</dl>
${problems.length ? html`<ul class="problems">${problems.map((p) => html`<li class="${p.severity}">${p.severity === 'error' ? '错误' : '提示'} ${p.code}：${p.message} <small>${p.file}:${p.line}</small></li>`)}</ul>` : ''}
</article>`;
}

function countsTable(bank: Bank, topicNames: Map<string, string>): Html {
  const stats = bankStats(bank);
  const sum = (a: readonly number[]) => a.reduce((n, x) => n + x, 0);
  return html`<details class="counts"><summary>题量统计：${stats.questions} 题，${stats.topics} 个知识点（知识点 × 题型 × 难度 1-5）</summary><div class="scroll"><table><thead><tr><th>知识点</th>${QUESTION_TYPES.map((t) => html`<th>${QUESTION_TYPE_NAMES[t]}</th>`)}<th>合计</th></tr></thead><tbody>${Object.entries(stats.byTopic).map(
    ([topic, total]) => html`<tr><th>${topicNames.get(topic) ?? topic}</th>${QUESTION_TYPES.map((t) => {
      const levels = stats.matrix[topic]?.[t] ?? [0, 0, 0, 0, 0];
      return html`<td><b>${sum(levels)}</b><small>${levels.join('/')}</small></td>`;
    })}<td><b>${total}</b></td></tr>`,
  )}<tr class="total"><th>合计</th>${QUESTION_TYPES.map((t) => html`<td><b>${stats.byType[t]}</b></td>`)}<td><b>${stats.questions}</b><small>${Object.values(stats.byDifficulty).join('/')}</small></td></tr></tbody></table></div></details>`;
}

function select(name: string, label: string, value: string | undefined, options: [string, string][]): Html {
  return html`<label>${label}<select name="${name}"><option value="">全部</option>${options.map(([v, l]) => html`<option value="${v}"${raw(v === value ? ' selected' : '')}>${l}</option>`)}</select></label>`;
}

export function bankPage(bank: Bank, problems: Problem[], f: BankFilter, notice?: string): Html {
  const topicNames = new Map(bank.topics.map((t) => [t.id, t.name]));
  const byId = new Map<string, Problem[]>();
  const loose: Problem[] = [];
  for (const p of problems) {
    if (p.id && bank.questions.some((q) => q.id === p.id)) (byId.get(p.id) ?? byId.set(p.id, []).get(p.id)!).push(p);
    else loose.push(p);
  }
  const shown = filterQuestions(bank.questions, f);
  const tags = [...new Set(bank.questions.flatMap((q) => q.tags ?? []))].sort();
  const errors = problems.filter((p) => p.severity === 'error').length;
  return html`<h1>题库 <small>${bank.dir}</small></h1>
${notice ? html`<p class="notice">${notice}</p>` : ''}
<p class="summary">${bank.questions.length} 题；检查：${errors ? html`<b class="error">${errors} 个错误</b>（有错误时不能组卷）` : '无错误'}，${problems.length - errors} 个提示。</p>
${loose.length ? html`<ul class="problems">${loose.map((p) => html`<li class="${p.severity}">${p.file}:${p.line}:${p.col} ${p.code}：${p.message}</li>`)}</ul>` : ''}
${countsTable(bank, topicNames)}
<form class="filters" method="get" action="/" role="search">
<label>搜索<input type="search" name="q" value="${f.q ?? ''}" placeholder="题干或选项中的文字"></label>
${select('topic', '知识点', f.topic, bank.topics.map((t) => [t.id, t.name]))}
${select('type', '题型', f.type, QUESTION_TYPES.map((t) => [t, QUESTION_TYPE_NAMES[t]]))}
${select('difficulty', '难度', f.difficulty, ['1', '2', '3', '4', '5'].map((d) => [d, d]))}
${select('tag', '标签', f.tag, tags.map((t) => [t, t]))}
<button type="submit">筛选</button> <a href="/">清除</a>
</form>
<p class="found" id="found">共 ${shown.length} 题</p>
<div class="questions">${shown.map((q) => questionCard(q, bank, topicNames, byId.get(q.id) ?? []))}</div>`;
}
