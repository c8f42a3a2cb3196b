// The results report as a view model for templates/results.hbs: summary figures, each section's
// mean, the ranked table, and two charts drawn as vectors on <canvas> (score histogram;
// difficulty against discrimination, one circle per question).
import type { ItemStats, PaperStats } from './items.js';
import { ranked } from './items.js';
import type { CandidateResult } from './score.js';

/** Width of the charts: A4 less 20 mm margins, in points. */
const CHART_W = 481;

export interface Shapes {
  height: number;
  rects: { x: number; y: number; w: number; h: number; fill: string; stroke: string }[];
  lines: { x1: number; y1: number; x2: number; y2: number; width: number; color: string }[];
  circles: { cx: number; cy: number; r: number; fill: string; stroke: string }[];
  labels: { x: number; y: number; size: number; align: string; color: string; text: string }[];
}

export interface ResultsView {
  doc: { title: string; author: string };
  title: string;
  /** Two rows of four figures. */
  summary: { label: string; value: string }[][];
  sections: { title: string; mean: string; max: string }[];
  sectionTitles: { title: string }[];
  ranking: { rank: number; candidate: string; name: string; variant: string; sections: { value: string }[]; total: string; pass: string }[];
  histogram: Shapes;
  scatter: Shapes;
  items: { label: string; difficulty: string; discrimination: string; rpb: string; options: string; flags: string }[];
}

export const fmt = (v: number, digits = 2) => (Number.isInteger(v) ? String(v) : v.toFixed(digits).replace(/0+$/, '').replace(/\.$/, ''));
const r1 = (v: number) => Math.round(v * 10) / 10;

export function resultsView(opts: { title: string; organisation: string; results: readonly CandidateResult[]; paper: PaperStats; items: readonly ItemStats[]; numbers: ReadonlyMap<string, number> }): ResultsView {
  const { paper, results } = opts;
  const order = ranked(results);
  let rank = 0;
  let prev = Number.NaN;
  const ranking = order.map((r, i) => {
    if (r.total !== prev) rank = i + 1;
    prev = r.total;
    return { rank, candidate: r.candidate, name: r.name, variant: r.variant, sections: r.sections.map((s) => ({ value: fmt(s.earned) })), total: fmt(r.total), pass: r.total >= paper.passMark - 1e-9 ? '是' : '否' };
  });
  const kr = paper.kr20.map((k) => (k.value === null ? '—' : k.value.toFixed(3))).join(' / ');
  return {
    doc: { title: `${opts.title} 成绩分析`, author: opts.organisation },
    title: opts.title,
    summary: rows([
      { label: '考生人数', value: String(paper.candidates) },
      { label: '平均分', value: fmt(paper.mean) },
      { label: '中位数', value: fmt(paper.median) },
      { label: '标准差', value: fmt(paper.sd) },
      { label: '满分', value: fmt(paper.max) },
      { label: '及格线', value: fmt(paper.passMark) },
      { label: '及格率', value: `${fmt(paper.passRate * 100, 1)}%` },
      { label: '信度 KR-20', value: kr },
    ]),
    sections: paper.sections.map((s) => ({ title: s.title, mean: fmt(s.mean), max: fmt(s.max) })),
    sectionTitles: paper.sections.map((s) => ({ title: s.title })),
    ranking,
    histogram: histogram(results.map((r) => r.total), paper.max, paper.passMark),
    scatter: scatter(opts.items, opts.numbers),
    items: opts.items.map((it) => ({
      label: `${opts.numbers.get(it.id) ?? ''} ${it.id}`.trim(),
      difficulty: it.difficulty.toFixed(2),
      discrimination: it.discrimination.toFixed(2),
      rpb: it.pointBiserial === null ? '—' : it.pointBiserial.toFixed(2),
      options: [...it.options.map((o) => `${o.letter}${first(it.key, o.letter) ? '*' : ''} ${Math.round(o.share * 100)}`), ...(it.double ? [`多涂 ${Math.round(it.double * 100)}`] : [])].join('  '),
      flags: it.flags.map(flagText).join('；'),
    })),
  };
}

const rows = <T>(xs: T[]): T[][] => [xs.slice(0, 4), xs.slice(4)];
const first = (key: string, letter: string) => key.includes(letter);

function flagText(flag: string): string {
  if (flag === 'negative discrimination') return '区分度为负';
  const nobody = /^distractor (\w) chosen by nobody$/.exec(flag);
  if (nobody) return `干扰项 ${nobody[1]} 无人选`;
  const top = /^top group prefers (\w) to the key$/.exec(flag);
  if (top) return `高分组偏选 ${top[1]}`;
  return flag;
}

function histogram(totals: readonly number[], max: number, passMark: number): Shapes {
  const s: Shapes = { height: 170, rects: [], lines: [], circles: [], labels: [] };
  const bins = 10;
  const width = max / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const t of totals) counts[Math.min(bins - 1, Math.max(0, Math.floor(t / width)))]!++;
  const top = Math.max(1, ...counts);
  const x0 = 30;
  const y0 = 145;
  const plotW = CHART_W - x0 - 10;
  const plotH = 125;
  const bw = plotW / bins;
  for (let k = 0; k <= 4; k++) {
    const v = Math.ceil((top * k) / 4);
    const y = r1(y0 - (plotH * v) / top);
    s.lines.push({ x1: x0, y1: y, x2: x0 + plotW, y2: y, width: 0.3, color: '#bbbbbb' });
    s.labels.push({ x: x0 - 4, y: y + 2.5, size: 7, align: 'right', color: '#444444', text: String(v) });
  }
  counts.forEach((c, i) => {
    const h = r1((plotH * c) / top);
    if (c) s.rects.push({ x: r1(x0 + i * bw + 2), y: r1(y0 - h), w: r1(bw - 4), h, fill: '#7f9fbf', stroke: '#2f4f6f' });
    if (c) s.labels.push({ x: r1(x0 + (i + 0.5) * bw), y: r1(y0 - h - 3), size: 7, align: 'center', color: '#000000', text: String(c) });
  });
  for (let i = 0; i <= bins; i++) s.labels.push({ x: r1(x0 + i * bw), y: y0 + 11, size: 7, align: 'center', color: '#444444', text: fmt(r1(i * width)) });
  s.lines.push({ x1: x0, y1: y0, x2: x0 + plotW, y2: y0, width: 0.6, color: '#000000' });
  s.lines.push({ x1: x0, y1: y0, x2: x0, y2: y0 - plotH, width: 0.6, color: '#000000' });
  const px = r1(x0 + (plotW * passMark) / (max || 1));
  s.lines.push({ x1: px, y1: y0, x2: px, y2: y0 - plotH, width: 0.8, color: '#c03030' });
  s.labels.push({ x: px + 3, y: y0 - plotH + 8, size: 7, align: 'left', color: '#c03030', text: `及格线 ${fmt(passMark)}` });
  s.labels.push({ x: x0 + plotW, y: y0 + 22, size: 7.5, align: 'right', color: '#000000', text: '分数' });
  s.labels.push({ x: x0 - 4, y: y0 - plotH - 8, size: 7.5, align: 'left', color: '#000000', text: '人数' });
  return s;
}

function scatter(items: readonly ItemStats[], numbers: ReadonlyMap<string, number>): Shapes {
  const s: Shapes = { height: 250, rects: [], lines: [], circles: [], labels: [] };
  const x0 = 40;
  const plotW = CHART_W - x0 - 20;
  const top = 12;
  const plotH = 205;
  const X = (p: number) => r1(x0 + p * plotW);
  const Y = (d: number) => r1(top + ((1 - d) / 2) * plotH); // discrimination -1 .. 1
  // The region of good items: moderate difficulty and discrimination at least 0.3.
  s.rects.push({ x: X(0.3), y: Y(1), w: r1(X(0.9) - X(0.3)), h: r1(Y(0.3) - Y(1)), fill: '#eef5ee', stroke: '' });
  for (const d of [-1, -0.5, 0, 0.5, 1]) {
    s.lines.push({ x1: x0, y1: Y(d), x2: x0 + plotW, y2: Y(d), width: d === 0 ? 0.6 : 0.3, color: d === 0 ? '#000000' : '#bbbbbb' });
    s.labels.push({ x: x0 - 4, y: Y(d) + 2.5, size: 7, align: 'right', color: '#444444', text: fmt(d) });
  }
  for (const p of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    s.lines.push({ x1: X(p), y1: top, x2: X(p), y2: top + plotH, width: 0.3, color: '#bbbbbb' });
    s.labels.push({ x: X(p), y: top + plotH + 10, size: 7, align: 'center', color: '#444444', text: fmt(p) });
  }
  s.labels.push({ x: x0 + plotW, y: top + plotH + 22, size: 7.5, align: 'right', color: '#000000', text: '难度（答对率）' });
  s.labels.push({ x: x0 - 4, y: top - 4, size: 7.5, align: 'left', color: '#000000', text: '区分度' });
  for (const it of items) {
    const cx = X(it.difficulty);
    const cy = Y(it.discrimination);
    const bad = it.flags.length > 0;
    s.circles.push({ cx, cy, r: 2.6, fill: bad ? '#d04040' : '#3060a0', stroke: '' });
    s.labels.push({ x: r1(cx + 3.5), y: r1(cy - 2.5), size: 5.5, align: 'left', color: '#333333', text: String(numbers.get(it.id) ?? it.id) });
  }
  return s;
}
