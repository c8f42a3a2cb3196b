// Why a blueprint cannot be met, in words a trainer can act on: the section, the rule, and what
// the bank actually holds (with ids). Checked from the simplest cause to the combined one.
import type { Question } from '../bank/schema.js';
import type { Blueprint } from './blueprint.js';
import { cellIndex, LEVEL_COUNT, type Bounds, type DifficultySpec, type Model } from './model.js';
import { createRng } from './prng.js';
import { solveCounts } from './solve.js';
import type { AssembleProblem } from './types.js';

export interface DiagnoseInput {
  bp: Blueprint;
  model: Model;
  topics: readonly string[];
  topicNames: ReadonlyMap<string, string>;
  /** Per section, per cell: eligible question indices. */
  cells: number[][][];
  questions: readonly Question[];
}

export function idList(ids: readonly string[], max = 10): string {
  if (!ids.length) return '';
  const shown = ids.slice(0, max).join(', ');
  return ` (ids: ${shown}${ids.length > max ? `, … and ${ids.length - max} more` : ''})`;
}

function levelRange(levels: readonly number[]): string {
  return levels.length > 1 ? `${levels[0]}-${levels.at(-1)}` : String(levels[0]);
}

/** What every step of the diagnosis reads the bank and the blueprint through. */
class Supply {
  constructor(private readonly input: DiagnoseInput) {}

  get model(): Model {
    return this.input.model;
  }

  who(s: number): string {
    return `section ${s + 1} (${this.input.bp.sections[s]!.type})`;
  }

  topicLabel(t: number): string {
    const { topics, topicNames } = this.input;
    return topicNames.get(topics[t]!) ?? topics[t]!;
  }

  ids(list: readonly number[]): string[] {
    return list.map((q) => this.input.questions[q]!.id).sort();
  }

  /** Eligible questions of section `s`, of one topic (or all), at some levels (or all). */
  pick(s: number, topic: number | null, levels: readonly number[] | null): number[] {
    const { topics, cells } = this.input;
    const out: number[] = [];
    for (let t = 0; t < topics.length; t++) {
      if (topic !== null && t !== topic) continue;
      for (let d = 1; d <= LEVEL_COUNT; d++) if (!levels || levels.includes(d)) out.push(...cells[s]![cellIndex(t, d)]!);
    }
    return out;
  }

  /** "the bank has 3 (ids: …)", "the bank has none", or nothing when none were needed. */
  has(n: number, list: readonly number[]): string {
    return list.length ? `the bank has ${list.length}${idList(this.ids(list))}` : n ? 'the bank has none' : '';
  }

  /** Paper-level rules: each section can give at most its count from what it holds. */
  paperTake(filter: (t: number, d: number) => boolean): { most: number; list: number[] } {
    const { topics, cells } = this.input;
    let most = 0;
    const list: number[] = [];
    this.model.sections.forEach((sec, s) => {
      const mine: number[] = [];
      for (let t = 0; t < topics.length; t++) for (let d = 1; d <= LEVEL_COUNT; d++) if (filter(t, d)) mine.push(...cells[s]![cellIndex(t, d)]!);
      most += Math.min(sec.count, mine.length);
      list.push(...mine);
    });
    return { most, list };
  }

  /** Difficulty groups short of questions, or a mean out of reach (each section taking its easiest or hardest). */
  difficultyProblems(spec: DifficultySpec, count: number, take: (levels: readonly number[] | null) => number[] & { most?: number }, whoText: string, path: (string | number)[]): AssembleProblem[] {
    if (spec.kind === 'groups') {
      return spec.groups.flatMap((g) => {
        const list = take(g.levels);
        const n = list.most ?? list.length;
        return n < g.lo ? [{ rule: 'difficulty-supply', path, message: `${whoText}: needs ${g.lo} questions at ${g.label}; ${n ? `the bank has ${n}${idList(this.ids(list))}` : 'the bank has none'}` }] : [];
      });
    }
    const involved = path[0] === 'sections' ? [path[1] as number] : this.model.sections.map((_, s) => s);
    let least = 0;
    let most = 0;
    for (const s of involved) {
      const levels = this.pick(s, null, null)
        .map((q) => this.input.questions[q]!.difficulty)
        .sort((a, b) => a - b);
      const n = this.model.sections[s]!.count;
      least += levels.slice(0, n).reduce((a, b) => a + b, 0);
      most += levels.slice(-n).reduce((a, b) => a + b, 0);
    }
    if (least <= spec.hi && most >= spec.lo) return [];
    const reach = least > spec.hi ? `the ${count} easiest eligible questions average ${(least / count).toFixed(2)}` : `the ${count} hardest eligible questions average ${(most / count).toFixed(2)}`;
    return [{ rule: 'difficulty-supply', path, message: `${whoText}: ${spec.label} cannot be met; ${reach}` }];
  }

  /** Section `s`'s eligible questions by topic and level: "电话礼仪 1:3 2:5; …". */
  topicLevelTable(s: number): string {
    const { topics, cells } = this.input;
    const parts: string[] = [];
    for (let t = 0; t < topics.length; t++) {
      const row: string[] = [];
      for (let d = 1; d <= LEVEL_COUNT; d++) {
        const n = cells[s]![cellIndex(t, d)]!.length;
        if (n) row.push(`${d}:${n}`);
      }
      if (row.length) parts.push(`${this.topicLabel(t)} ${row.join(' ')}`);
    }
    return parts.join('; ') || 'nothing';
  }

  /** Section `s`'s eligible questions by level: "1:12 2:30 …". */
  levelTable(s: number): string {
    const { topics, cells } = this.input;
    const row: string[] = [];
    for (let d = 1; d <= LEVEL_COUNT; d++) {
      let n = 0;
      for (let t = 0; t < topics.length; t++) n += cells[s]![cellIndex(t, d)]!.length;
      row.push(`${d}:${n}`);
    }
    return row.join(' ');
  }

  describeBounds(bounds: Bounds[]): string {
    return bounds
      .map((b, t) => (b[1] > 0 ? `${this.topicLabel(t)} ${b[0] === b[1] ? b[0] : `${b[0]}-${b[1]}`}` : ''))
      .filter(Boolean)
      .join(', ');
  }
}

/** Step 1: a section whose own count, topic, difficulty or cell quota the bank cannot fill. */
function sectionShortfalls(x: Supply): AssembleProblem[] {
  const problems: AssembleProblem[] = [];
  x.model.sections.forEach((sec, s) => {
    const all = x.pick(s, null, null);
    if (all.length < sec.count) {
      problems.push({ rule: 'section-supply', path: ['sections', s, 'count'], message: `${x.who(s)}: needs ${sec.count} questions; ${x.has(sec.count, all)} eligible` });
      return;
    }
    sec.topics?.forEach(([lo], t) => {
      const list = x.pick(s, t, null);
      if (list.length < lo) problems.push({ rule: 'topic-supply', path: ['sections', s, 'topics'], message: `${x.who(s)}: needs ${lo} questions on topic ${x.topicLabel(t)}; ${x.has(lo, list)}` });
    });
    if (sec.difficulty) problems.push(...x.difficultyProblems(sec.difficulty, sec.count, (levels) => x.pick(s, null, levels), x.who(s), ['sections', s, 'difficulty']));
    sec.cells.forEach((c, j) => {
      const list = c.topic >= 0 ? x.pick(s, c.topic, c.levels) : [];
      if (list.length < c.count) {
        problems.push({
          rule: 'cell-supply',
          path: ['sections', s, 'cells', j],
          message: `${x.who(s)}: needs ${c.count} questions on topic ${c.topic >= 0 ? x.topicLabel(c.topic) : '?'} at difficulty ${levelRange(c.levels)}; ${x.has(c.count, list)}`,
        });
      }
    });
  });
  return problems;
}

/** Step 2: a paper-level topic or difficulty rule the sections together cannot fill. */
function paperShortfalls(x: Supply): AssembleProblem[] {
  const { model } = x;
  const problems: AssembleProblem[] = [];
  model.topics?.forEach(([lo], t) => {
    const { most, list } = x.paperTake((tt) => tt === t);
    if (most < lo) problems.push({ rule: 'topic-supply', path: ['topics'], message: `the paper: needs ${lo} questions on topic ${x.topicLabel(t)}; the sections can take at most ${most} from the bank${idList(x.ids(list))}` });
  });
  const total = model.sections.reduce((n, s) => n + s.count, 0);
  if (model.difficulty) {
    const take = (levels: readonly number[] | null) => {
      const { most, list } = x.paperTake((_, d) => levels === null || levels.includes(d));
      return Object.assign(list.slice(0, most), { fullList: list, most });
    };
    problems.push(...x.difficultyProblems(model.difficulty, total, take, 'the paper', ['difficulty']));
  }
  return problems;
}

/** Step 3: rules that each hold alone but not together: in a section, else on the paper with the sections. */
function combinedShortfalls(x: Supply, topicCount: number, cells: number[][][]): AssembleProblem[] {
  const { model } = x;
  const rng = createRng(0, 'diagnose');
  const problems: AssembleProblem[] = [];
  for (let s = 0; s < model.sections.length; s++) {
    const alone: Model = { topicCount, sections: [model.sections[s]!], topics: null, difficulty: null };
    const result = solveCounts(alone, { lower: [new Int32Array(topicCount * LEVEL_COUNT)], cap: [Int32Array.from(cells[s]!, (l) => l.length)] }, rng);
    if (!result.counts) {
      problems.push({
        rule: 'combined',
        path: ['sections', s],
        message: `${x.who(s)}: its ${ruleNames(model.sections[s]!)} cannot all hold at once with what the bank holds; eligible by topic x difficulty: ${x.topicLevelTable(s)}`,
      });
    }
  }
  if (problems.length) return problems;
  const paperRules = [model.topics ? `topics (${x.describeBounds(model.topics)})` : '', model.difficulty ? describeSpec(model.difficulty) : ''].filter(Boolean).join(' and ');
  return [
    {
      rule: 'combined',
      path: model.difficulty ? ['difficulty'] : ['topics'],
      message: `the paper: ${paperRules || 'the rules'} cannot hold together with the sections' counts and rules; eligible by section and difficulty: ${model.sections.map((_, s) => `${x.who(s)} ${x.levelTable(s)}`).join('; ')}`,
    },
  ];
}

/** Why the blueprint cannot be met: the first step (simplest cause first) that finds a reason. */
export function diagnose(input: DiagnoseInput): AssembleProblem[] {
  const x = new Supply(input);
  const direct = sectionShortfalls(x);
  if (direct.length) return direct;
  const paper = paperShortfalls(x);
  if (paper.length) return paper;
  return combinedShortfalls(x, input.topics.length, input.cells);
}

function describeSpec(spec: DifficultySpec): string {
  if (spec.kind === 'mean') return spec.label;
  return `difficulty ${spec.groups.filter((g) => g.hi > 0).map((g) => `${g.label.replace('difficulty ', '')}: ${g.lo}`).join(', ')}`;
}

function ruleNames(sec: Model['sections'][number]): string {
  const names = [sec.topics ? 'topic rule' : '', sec.difficulty ? `difficulty rule (${describeSpec(sec.difficulty)})` : '', sec.cells.length ? 'cells' : ''].filter(Boolean);
  return names.length ? names.join(', ') : 'count';
}
