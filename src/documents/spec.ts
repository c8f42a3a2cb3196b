// The coverage table (双向细目表): topics × question types and topics × difficulty, with counts,
// points and question numbers per cell, totals, shares and the blueprint's quotas beside them.
import { BUCKETS, type Blueprint } from '../assemble/blueprint.js';
import type { ResolvedQuestion, ResolvedVariant } from '../assemble/resolve.js';
import { QUESTION_TYPE_NAMES, type Bank, type QuestionType } from '../bank/schema.js';
import { docSettings, runningSegments, type RunningSegment, formatPoints, type DocSettings, type PageOptions, variantMark } from './common.js';
import { fillIn, type Theme } from './theme.js';

export interface SpecCell {
  main: string;
  sub: string;
}

export interface SpecTable {
  widths: string;
  header: string[];
  rows: { label: string; cells: SpecCell[] }[];
}

export interface SpecView {
  doc: DocSettings;
  organisation: string;
  title: string;
  info: string;
  byType: SpecTable;
  byDifficulty: SpecTable;
  quotas: { rule: string; required: string; actual: string; met: string }[];
  footer: RunningSegment[];
}

interface Placed {
  q: ResolvedQuestion;
  type: QuestionType;
}

const cellOf = (items: Placed[]): SpecCell =>
  items.length
    ? { main: `${items.length} 题 ${formatPoints(items.reduce((n, p) => n + p.q.points, 0))} 分`, sub: `第 ${items.map((p) => p.q.number).join('、')} 题` }
    : { main: '', sub: '' };

const bucketOf = (level: number): keyof typeof BUCKETS => (level <= 2 ? '易' : level === 3 ? '中' : '难');

export function specView(variant: ResolvedVariant, bank: Bank, bp: Blueprint, theme: Theme, opts: PageOptions & { organisation: string }): SpecView {
  const mark = variantMark(theme, variant.label, variant.candidate);
  const title = fillIn(theme.spec.title, { title: variant.title, variant: mark });
  const placed: Placed[] = variant.sections.flatMap((s) => s.questions.map((q) => ({ q, type: s.type })));
  const total = placed.length;
  const totalPoints = placed.reduce((n, p) => n + p.q.points, 0);
  const topics = bank.topics.filter((t) => placed.some((p) => p.q.question.topic === t.id));
  const types = variant.sections.map((s) => s.type);
  const share = (items: Placed[]) => `${Math.round((1000 * items.reduce((n, p) => n + p.q.points, 0)) / totalPoints) / 10}%`;
  const mean = (items: Placed[]) => (items.length ? (items.reduce((n, p) => n + p.q.question.difficulty, 0) / items.length).toFixed(2) : '');

  const rowFor = (label: string, items: Placed[], columns: ((p: Placed) => boolean)[]) => ({
    label,
    cells: [...columns.map((f) => cellOf(items.filter(f))), { main: `${items.length} 题 ${formatPoints(items.reduce((n, p) => n + p.q.points, 0))} 分`, sub: '' }, { main: share(items), sub: `平均难度 ${mean(items)}` }],
  });
  const typeColumns = types.map((t) => (p: Placed) => p.type === t);
  const byType: SpecTable = {
    widths: ['6em', ...types.map(() => '*'), '5.5em', '5.5em'].join(','),
    header: ['知识点', ...types.map((t) => QUESTION_TYPE_NAMES[t]), '合计', '分值占比'],
    rows: [...topics.map((t) => rowFor(t.name, placed.filter((p) => p.q.question.topic === t.id), typeColumns)), rowFor('合计', placed, typeColumns)],
  };
  const buckets = Object.keys(BUCKETS) as (keyof typeof BUCKETS)[];
  const levelColumns = buckets.map((b) => (p: Placed) => bucketOf(p.q.question.difficulty) === b);
  const byDifficulty: SpecTable = {
    widths: ['6em', ...buckets.map(() => '*'), '5.5em', '5.5em'].join(','),
    header: ['知识点', ...buckets.map((b) => `${b}（${BUCKETS[b].join('、')} 级）`), '合计', '分值占比'],
    rows: [...topics.map((t) => rowFor(t.name, placed.filter((p) => p.q.question.topic === t.id), levelColumns)), rowFor('合计', placed, levelColumns)],
  };
  return {
    doc: docSettings(theme, { ...opts, seal: false, size: opts.size === 'a3' ? 'a4' : opts.size }, { title, subject: '双向细目表', keywords: '双向细目表,组卷', organisation: opts.organisation }),
    organisation: opts.organisation,
    title,
    info: `共 ${total} 题，满分 ${formatPoints(totalPoints)} 分，平均难度 ${mean(placed)}（1 易 … 5 难）　组卷方案：${variant.title}`,
    byType,
    byDifficulty,
    quotas: quotaRows(bp, placed, bank),
    footer: runningSegments(theme.paper.footer, { variant: `${mark}双向细目表` }),
  };
}

/** Every quota of the blueprint, what it asks and what this variant holds. */
function quotaRows(bp: Blueprint, placed: Placed[], bank: Bank): SpecView['quotas'] {
  const rows: SpecView['quotas'] = [];
  const name = (id: string) => bank.topics.find((t) => t.id === id)?.name ?? id;
  const add = (rule: string, required: number | string, actual: number) =>
    rows.push({ rule, required: String(required), actual: String(actual), met: typeof required === 'number' ? (required === actual ? '√' : '×') : '√' });
  const scopes: { label: string; items: Placed[]; topics?: Blueprint['topics']; difficulty?: Blueprint['difficulty'] }[] = [
    { label: '全卷', items: placed, topics: bp.topics, difficulty: bp.difficulty },
    ...bp.sections.map((s) => ({ label: s.title ?? QUESTION_TYPE_NAMES[s.type], items: placed.filter((p) => p.type === s.type), topics: s.topics, difficulty: s.difficulty })),
  ];
  for (const s of bp.sections) add(`${s.title ?? QUESTION_TYPE_NAMES[s.type]}：题数`, s.count, placed.filter((p) => p.type === s.type).length);
  for (const scope of scopes) {
    const t = scope.topics;
    if (t === 'balanced') {
      const counts = bank.topics.map((tp) => scope.items.filter((p) => p.q.question.topic === tp.id).length).filter((n) => n > 0);
      rows.push({ rule: `${scope.label}：知识点均衡`, required: '尽量均衡', actual: counts.length ? `每个知识点 ${Math.min(...counts)}–${Math.max(...counts)} 题` : '—', met: '√' });
    } else if (t && 'counts' in t) {
      for (const [id, n] of Object.entries(t.counts)) add(`${scope.label}：${name(id)}`, n, scope.items.filter((p) => p.q.question.topic === id).length);
    } else if (t && 'weights' in t) {
      for (const [id, w] of Object.entries(t.weights)) add(`${scope.label}：${name(id)}（权重 ${w}）`, '按权重分配', scope.items.filter((p) => p.q.question.topic === id).length);
    }
    const d = scope.difficulty;
    if (d && 'buckets' in d) {
      for (const [b, n] of Object.entries(d.buckets)) add(`${scope.label}：难度${b}`, n ?? 0, scope.items.filter((p) => bucketOf(p.q.question.difficulty) === b).length);
    } else if (d && 'counts' in d) {
      for (const [lv, n] of Object.entries(d.counts)) add(`${scope.label}：难度 ${lv} 级`, n ?? 0, scope.items.filter((p) => p.q.question.difficulty === Number(lv)).length);
    } else if (d && 'mean' in d) {
      const m = scope.items.reduce((n, p) => n + p.q.question.difficulty, 0) / Math.max(1, scope.items.length);
      rows.push({ rule: `${scope.label}：平均难度`, required: `${d.mean} ± ${d.tolerance}`, actual: m.toFixed(2), met: Math.abs(m - d.mean) <= d.tolerance + 1e-9 ? '√' : '×' });
    }
  }
  for (const s of bp.sections) {
    for (const c of s.cells ?? []) {
      const levels = typeof c.difficulty === 'number' ? [c.difficulty] : c.difficulty in BUCKETS ? [...BUCKETS[c.difficulty as keyof typeof BUCKETS]] : range(c.difficulty);
      add(`${s.title ?? QUESTION_TYPE_NAMES[s.type]}：${name(c.topic)} × 难度 ${c.difficulty}`, c.count, placed.filter((p) => p.type === s.type && p.q.question.topic === c.topic && levels.includes(p.q.question.difficulty)).length);
    }
  }
  return rows;
}

function range(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  const out: number[] = [];
  for (let i = a!; i <= b!; i++) out.push(i);
  return out;
}
