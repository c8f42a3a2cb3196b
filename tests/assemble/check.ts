// An independent reading of the blueprint's hard rules, to hold manifests against.
import { apportionLargestRemainder } from '../../src/assemble/apportion.js';
import { BUCKETS, type Blueprint } from '../../src/assemble/blueprint.js';
import { weightsInIdOrder } from '../../src/assemble/rules.js';
import type { Manifest } from '../../src/assemble/manifest.js';
import type { Bank, Question } from '../../src/bank/schema.js';

export function violations(bank: Bank, bp: Blueprint, m: Manifest): string[] {
  const out: string[] = [];
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const topicCount = (qs: Question[]) => {
    const map = new Map<string, number>();
    qs.forEach((q) => map.set(q.topic, (map.get(q.topic) ?? 0) + 1));
    return map;
  };
  const checkTopics = (rule: Blueprint['topics'], qs: Question[], who: string) => {
    if (!rule || rule === 'balanced') return;
    const want = 'counts' in rule ? new Map(Object.entries(rule.counts)) : apportionLargestRemainder(qs.length, weightsInIdOrder(rule.weights));
    const got = topicCount(qs);
    for (const t of new Set([...want.keys(), ...got.keys()])) {
      if ((want.get(t) ?? 0) !== (got.get(t) ?? 0)) out.push(`${who}: topic ${t} has ${got.get(t) ?? 0}, wants ${want.get(t) ?? 0}`);
    }
  };
  const checkDifficulty = (rule: Blueprint['difficulty'], qs: Question[], who: string) => {
    if (!rule) return;
    if ('mean' in rule) {
      const mean = qs.reduce((a, q) => a + q.difficulty, 0) / qs.length;
      if (Math.abs(mean - rule.mean) > rule.tolerance + 1e-9) out.push(`${who}: mean ${mean} not within ${rule.mean}±${rule.tolerance}`);
      return;
    }
    if ('counts' in rule) {
      for (let d = 1; d <= 5; d++) {
        const want = (rule.counts as Record<string, number | undefined>)[String(d)] ?? 0;
        const got = qs.filter((q) => q.difficulty === d).length;
        if (want !== got) out.push(`${who}: level ${d} has ${got}, wants ${want}`);
      }
      return;
    }
    for (const [b, levels] of Object.entries(BUCKETS)) {
      const want = (rule.buckets as Record<string, number | undefined>)[b] ?? 0;
      const got = qs.filter((q) => (levels as readonly number[]).includes(q.difficulty)).length;
      if (want !== got) out.push(`${who}: bucket ${b} has ${got}, wants ${want}`);
    }
  };
  const variantSets: Set<string>[] = [];
  for (const v of m.variants) {
    const all: Question[] = [];
    const ids = new Set<string>();
    v.sections.forEach((sec, s) => {
      const spec = bp.sections[s]!;
      const qs = sec.questions.map((mq) => byId.get(mq.id)!);
      if (qs.length !== spec.count) out.push(`variant ${v.label} section ${s + 1}: ${qs.length} questions, wants ${spec.count}`);
      qs.forEach((q, k) => {
        if (q.type !== spec.type) out.push(`${q.id} is ${q.type} in a ${spec.type} section`);
        if (ids.has(q.id)) out.push(`${q.id} twice in variant ${v.label}`);
        ids.add(q.id);
        const mq = sec.questions[k]!;
        if (mq.points !== spec.points) out.push(`${q.id}: points ${mq.points}`);
        if (mq.order !== undefined && typeof q.answer === 'string') {
          const back = mq.answer as string;
          const original = back.split('').map((l) => mq.order![l.charCodeAt(0) - 65]).sort().join('');
          if (original !== q.answer.split('').sort().join('')) out.push(`${q.id}: shuffled answer ${back} is not the original ${q.answer}`);
          if ([...mq.order].sort().join('') !== 'ABCDEFGH'.slice(0, q.options!.length)) out.push(`${q.id}: order ${mq.order} is not a permutation`);
          const fixed = q.fixedOrder === true ? 'ABCDEFGH'.slice(0, q.options!.length).split('') : (q.fixedOrder ?? []);
          for (const l of fixed) if (mq.order[l.charCodeAt(0) - 65] !== l) out.push(`${q.id}: fixed option ${l} moved`);
        }
      });
      checkTopics(spec.topics, qs, `variant ${v.label} section ${s + 1}`);
      checkDifficulty(spec.difficulty, qs, `variant ${v.label} section ${s + 1}`);
      for (const c of spec.cells ?? []) {
        const levels = typeof c.difficulty === 'number' ? [c.difficulty] : c.difficulty in BUCKETS ? [...BUCKETS[c.difficulty as keyof typeof BUCKETS]] : c.difficulty.split('-').map(Number);
        const lo = Math.min(...levels);
        const hi = Math.max(...levels);
        const got = qs.filter((q) => q.topic === c.topic && q.difficulty >= lo && q.difficulty <= hi).length;
        if (got !== c.count) out.push(`variant ${v.label} section ${s + 1}: cell ${c.topic}@${c.difficulty} has ${got}, wants ${c.count}`);
      }
      all.push(...qs);
    });
    checkTopics(bp.topics, all, `variant ${v.label}`);
    checkDifficulty(bp.difficulty, all, `variant ${v.label}`);
    for (const id of bp.include?.ids ?? []) if (!ids.has(id)) out.push(`variant ${v.label}: included ${id} missing`);
    for (const id of bp.exclude?.ids ?? []) if (ids.has(id)) out.push(`variant ${v.label}: excluded ${id} present`);
    for (const group of bp.enemies) if (group.filter((id) => ids.has(id)).length > 1) out.push(`variant ${v.label}: enemies ${group.join(',')} together`);
    variantSets.push(ids);
  }
  if (m.mode === 'parallel') {
    const max = bp.variants?.maxOverlap ?? 0;
    for (let a = 0; a < variantSets.length; a++) {
      for (let b = a + 1; b < variantSets.length; b++) {
        const shared = [...variantSets[a]!].filter((id) => variantSets[b]!.has(id) && !(bp.include?.ids ?? []).includes(id)).length;
        if (shared > max) out.push(`variants ${a + 1} and ${b + 1} share ${shared} questions (max ${max})`);
      }
    }
  }
  return out;
}
