// The form that edits one question (its own YAML file is written back by ../edit.ts).
import { QUESTION_TYPES, QUESTION_TYPE_NAMES } from '../../bank/schema.js';
import { findQuestionType } from '../../questions/registry.js';
import { html, raw, type Html } from '../html.js';

export interface EditView {
  id: string;
  file: string;
  hash: string;
  /** Values as written in the file, or as the trainer typed them when the form comes back. */
  values: Record<string, string>;
  errors?: string[];
  conflict?: string;
  saved?: boolean;
}

/** The answer as its type shows it in a form (as written when the type is unknown). */
function answerText(raw: Record<string, unknown>): string {
  const type = findQuestionType(String(raw.type ?? ''));
  return type ? type.answerToText(raw.answer) : Array.isArray(raw.answer) ? raw.answer.join('\n') : String(raw.answer ?? '');
}

/** The question as written → the form's strings. */
export function formValues(raw: Record<string, unknown>): Record<string, string> {
  const list = (v: unknown, sep: string) => (Array.isArray(v) ? v.map(String).join(sep) : v === undefined ? '' : String(v));
  return {
    type: String(raw.type ?? ''),
    stem: String(raw.stem ?? ''),
    options: list(raw.options, '\n'),
    answer: answerText(raw),
    difficulty: String(raw.difficulty ?? ''),
    source: String(raw.source ?? ''),
    explanation: String(raw.explanation ?? ''),
    material: String(raw.material ?? ''),
    norms: list(raw.norms, ', '),
    tags: list(raw.tags, ', '),
  };
}

function area(name: string, label: string, value: string, rows: number, hint = ''): Html {
  return html`<label class="wide">${label}${hint ? html` <small>${hint}</small>` : ''}<textarea name="${name}" rows="${rows}">${value}</textarea></label>`;
}

function line(name: string, label: string, value: string, hint = ''): Html {
  return html`<label class="wide">${label}${hint ? html` <small>${hint}</small>` : ''}<input name="${name}" value="${value}"></label>`;
}

export function editPage(v: EditView): Html {
  const val = (k: string) => v.values[k] ?? '';
  return html`<h1>编辑 ${v.id} <small>${v.file}</small></h1>
${v.saved ? html`<p class="notice" id="saved">已保存到 ${v.file}（注释与键的顺序保留）。</p>` : ''}
${v.conflict ? html`<p class="conflict" id="conflict">${v.conflict} <a href="/question/${encodeURIComponent(v.id)}">重新打开</a></p>` : ''}
${v.errors?.length ? html`<ul class="problems" id="errors">${v.errors.map((e) => html`<li class="error">${e}</li>`)}</ul>` : ''}
<form class="edit" method="post" action="/question/${encodeURIComponent(v.id)}">
<input type="hidden" name="hash" value="${v.hash}">
<label>题型<select name="type">${QUESTION_TYPES.map((t) => html`<option value="${t}"${raw(t === val('type') ? ' selected' : '')}>${QUESTION_TYPE_NAMES[t]}</option>`)}</select></label>
<label>难度<select name="difficulty">${['1', '2', '3', '4', '5'].map((d) => html`<option${raw(d === val('difficulty') ? ' selected' : '')}>${d}</option>`)}</select></label>
${area('stem', '题干', val('stem'), 3, '选择、判断题用（ ）标出答案位置；填空题每空写 ___')}
${area('options', '选项', val('options'), 5, '每行一个，不写字母')}
${area('answer', '答案', val('answer'), 2, '单选 B；多选 ABD；判断 true / false；填空每空一行，可写 两|2')}
${area('explanation', '解析', val('explanation'), 3)}
${line('source', '出处', val('source'), '用《》写出文件名')}
${area('material', '案例材料', val('material'), 2, '可不填')}
${line('norms', '手册条目', val('norms'), '条目 id，用逗号分隔')}
${line('tags', '标签', val('tags'), '可不填，用逗号分隔')}
<p><button type="submit">保存</button> <a href="/?q=${encodeURIComponent(v.id)}#${v.id}">返回题库</a></p>
</form>`;
}
