// Supply against demand before a build: for each section of a blueprint, what each of its rules
// asks for and how many eligible questions the bank holds for it (the same eligibility the
// assembler applies: type, include tags and ids, exclusions). The assembler's own diagnostics
// (assemble() → problems) say why a combination cannot be met; this table shows where it is tight.
import { apportionLargestRemainder } from '../assemble/apportion.js';
import { BUCKETS, levelsOf, type Blueprint, type DifficultyRule, type TopicRule } from '../assemble/blueprint.js';
import { QUESTION_TYPE_NAMES, type Bank, type Question } from '../bank/schema.js';

export interface SupplyRow {
  rule: string;
  /** A number of questions, or words ("尽量均衡") when the rule fixes none. */
  demand: number | string;
  supply: number;
}

export interface SupplySection {
  title: string;
  rows: SupplyRow[];
}

function eligible(bp: Blueprint, q: Question): boolean {
  const ex = bp.exclude;
  if (ex && (ex.ids.includes(q.id) || (q.tags ?? []).some((t) => ex.tags.includes(t)))) return false;
  const inc = bp.include;
  if (inc && inc.tags.length && !inc.ids.includes(q.id) && !(q.tags ?? []).some((t) => inc.tags.includes(t))) return false;
  return true;
}

function topicRows(rule: TopicRule | undefined, count: number | undefined, pool: Question[], bank: Bank, scope: string): SupplyRow[] {
  const name = (id: string) => bank.topics.find((t) => t.id === id)?.name ?? id;
  const inTopic = (id: string) => pool.filter((q) => q.topic === id).length;
  if (!rule) return [];
  if (rule === 'balanced') return bank.topics.map((t) => ({ rule: `${scope}知识点 ${t.name}`, demand: '尽量均衡', supply: inTopic(t.id) }));
  if ('counts' in rule) return Object.entries(rule.counts).map(([id, n]) => ({ rule: `${scope}知识点 ${name(id)}`, demand: n, supply: inTopic(id) }));
  if (count === undefined) return Object.keys(rule.weights).map((id) => ({ rule: `${scope}知识点 ${name(id)}`, demand: `权重 ${rule.weights[id]}`, supply: inTopic(id) }));
  const shares = apportionLargestRemainder(count, Object.entries(rule.weights).sort(([a], [b]) => (a < b ? -1 : 1)));
  return [...shares].map(([id, n]) => ({ rule: `${scope}知识点 ${name(id)}（按权重）`, demand: n, supply: inTopic(id) }));
}

function difficultyRows(rule: DifficultyRule | undefined, pool: Question[], scope: string): SupplyRow[] {
  if (!rule) return [];
  const at = (levels: readonly number[]) => pool.filter((q) => levels.includes(q.difficulty)).length;
  if ('counts' in rule) return Object.entries(rule.counts).map(([level, n]) => ({ rule: `${scope}难度 ${level}`, demand: n ?? 0, supply: at([Number(level)]) }));
  if ('buckets' in rule) return Object.entries(rule.buckets).map(([b, n]) => ({ rule: `${scope}难度 ${b}（${BUCKETS[b as keyof typeof BUCKETS].join('、')} 级）`, demand: n ?? 0, supply: at(BUCKETS[b as keyof typeof BUCKETS]) }));
  return [{ rule: `${scope}平均难度 ${rule.mean}±${rule.tolerance}`, demand: '平均值', supply: pool.length }];
}

export function supplyTable(bank: Bank, bp: Blueprint): SupplySection[] {
  const usable = bank.questions.filter((q) => eligible(bp, q));
  const sectionTypes = new Set(bp.sections.map((s) => s.type));
  const paperPool = usable.filter((q) => sectionTypes.has(q.type));
  const paperCount = bp.sections.reduce((n, s) => n + s.count, 0);
  const out: SupplySection[] = [];
  const paperRows = [...topicRows(bp.topics, paperCount, paperPool, bank, '全卷 '), ...difficultyRows(bp.difficulty, paperPool, '全卷 ')];
  out.push({ title: '全卷', rows: [{ rule: '题数', demand: paperCount, supply: paperPool.length }, ...paperRows] });
  for (const s of bp.sections) {
    const pool = usable.filter((q) => q.type === s.type);
    out.push({
      title: s.title ?? QUESTION_TYPE_NAMES[s.type],
      rows: [
        { rule: '题数', demand: s.count, supply: pool.length },
        ...topicRows(s.topics, s.count, pool, bank, ''),
        ...difficultyRows(s.difficulty, pool, ''),
        ...(s.cells ?? []).map((c) => ({ rule: `细目 ${bank.topics.find((t) => t.id === c.topic)?.name ?? c.topic} × 难度 ${c.difficulty}`, demand: c.count, supply: pool.filter((q) => q.topic === c.topic && levelsOf(c.difficulty).includes(q.difficulty)).length })),
      ],
    });
  }
  return out;
}
