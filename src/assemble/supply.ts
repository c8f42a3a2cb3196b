// Supply against demand before a build, per cell of the blueprint: for the paper and each
// section, per topic and per difficulty band (易 1-2, 中 3, 难 4-5), how many questions the rules
// ask for and how many eligible ones the bank holds (the assembler's eligibility: type, include
// tags and ids, exclusions). The assembler's own diagnostics (assemble() → problems) say why a
// combination cannot be met; this table shows where it is tight.
import { apportionLargestRemainder } from './apportion.js';
import { BUCKETS, levelsOf, type Blueprint, type DifficultyRule, type TopicRule } from './blueprint.js';
import { QUESTION_TYPE_NAMES, type Bank, type Question } from '../bank/schema.js';

export interface SupplyCell {
  supply: number;
  /** Questions the rules ask for here: a number, "均衡" (as even as possible), or none. */
  demand?: number | string;
}

export interface SupplyRow {
  title: string;
  count: SupplyCell;
  topics: SupplyCell[];
  bands: SupplyCell[];
}

export interface SupplyTable {
  topics: string[];
  bands: string[];
  rows: SupplyRow[];
  /** 双向细目表 cells the blueprint fixes (topic × level), with their supply. */
  cells: { section: string; label: string; demand: number; supply: number }[];
}

const BANDS = Object.keys(BUCKETS) as (keyof typeof BUCKETS)[];

function eligible(bp: Blueprint, q: Question): boolean {
  const ex = bp.exclude;
  if (ex && (ex.ids.includes(q.id) || (q.tags ?? []).some((t) => ex.tags.includes(t)))) return false;
  const inc = bp.include;
  if (inc && inc.tags.length && !inc.ids.includes(q.id) && !(q.tags ?? []).some((t) => inc.tags.includes(t))) return false;
  return true;
}

function topicDemand(rule: TopicRule | undefined, count: number, topic: string): number | string | undefined {
  if (!rule) return undefined;
  if (rule === 'balanced') return '均衡';
  if ('counts' in rule) return rule.counts[topic] ?? 0;
  const shares = apportionLargestRemainder(count, Object.entries(rule.weights).sort(([a], [b]) => (a < b ? -1 : 1)));
  return shares.get(topic) ?? 0;
}

function bandDemand(rule: DifficultyRule | undefined, band: keyof typeof BUCKETS): number | string | undefined {
  if (!rule) return undefined;
  if ('buckets' in rule) return rule.buckets[band] ?? 0;
  if ('counts' in rule) return BUCKETS[band].reduce((n, level) => n + (rule.counts[String(level) as '1'] ?? 0), 0);
  return `均值 ${rule.mean}`;
}

/** One row of the table: `pool` against what `rules` ask of it. */
function row(title: string, pool: Question[], bank: Bank, rules: { count: number; topics?: TopicRule | undefined; difficulty?: DifficultyRule | undefined }): SupplyRow {
  const { count, topics, difficulty } = rules;
  return {
    title,
    count: { supply: pool.length, demand: count },
    topics: bank.topics.map((t) => ({ supply: pool.filter((q) => q.topic === t.id).length, ...opt(topicDemand(topics, count, t.id)) })),
    bands: BANDS.map((b) => ({ supply: pool.filter((q) => (BUCKETS[b] as readonly number[]).includes(q.difficulty)).length, ...opt(bandDemand(difficulty, b)) })),
  };
}

const opt = (demand: number | string | undefined) => (demand === undefined ? {} : { demand });

export function supplyTable(bank: Bank, bp: Blueprint): SupplyTable {
  const usable = bank.questions.filter((q) => eligible(bp, q));
  const types = new Set(bp.sections.map((s) => s.type));
  const paperCount = bp.sections.reduce((n, s) => n + s.count, 0);
  const rows = [row('全卷', usable.filter((q) => types.has(q.type)), bank, { count: paperCount, topics: bp.topics, difficulty: bp.difficulty })];
  const cells: SupplyTable['cells'] = [];
  for (const s of bp.sections) {
    const title = s.title ?? QUESTION_TYPE_NAMES[s.type];
    const pool = usable.filter((q) => q.type === s.type);
    rows.push(row(title, pool, bank, s));
    for (const c of s.cells ?? []) {
      const name = bank.topics.find((t) => t.id === c.topic)?.name ?? c.topic;
      cells.push({ section: title, label: `${name} × 难度 ${c.difficulty}`, demand: c.count, supply: pool.filter((q) => q.topic === c.topic && levelsOf(c.difficulty).includes(q.difficulty)).length });
    }
  }
  return { topics: bank.topics.map((t) => t.name), bands: BANDS.map((b) => `${b}（${BUCKETS[b].join('、')}）`), rows, cells };
}
