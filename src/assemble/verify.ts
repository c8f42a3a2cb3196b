// Can this manifest be printed from this bank? Every question it names must still be there
// with the same content, and every order and answer must fit its question: a tampered or
// stale manifest must never print a wrong key.
import type { Bank, Question } from '../bank/schema.js';
import { paperPoints } from './blueprint.js';
import { questionHash, type Manifest, type ManifestProblem } from './manifest.js';
import { answerAfter, fixedLetters, LETTERS } from './options.js';

const listed = (ids: string[]) => `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, … and ${ids.length - 10} more` : ''}`;

/**
 * Problems that stop `manifest` from being printed from `bank`, most important first: questions
 * gone, questions changed since (content hash), then orders, answers and points that do not fit.
 * Empty when every variant can be printed exactly as it was assembled.
 */
export function manifestProblems(bank: Bank, manifest: Manifest): ManifestProblem[] {
  const byId = new Map<string, Question>();
  for (const q of bank.questions) if (!byId.has(q.id)) byId.set(q.id, q);
  const missing = new Set<string>();
  const changed = new Set<string>();
  const misfits: ManifestProblem[] = [];
  manifest.variants.forEach((v, vi) => {
    let sum = 0;
    v.sections.forEach((s, si) => {
      s.questions.forEach((mq, qi) => {
        const path = ['variants', vi, 'sections', si, 'questions', qi];
        sum += mq.points;
        const q = byId.get(mq.id);
        if (!q) return void missing.add(mq.id);
        if (questionHash(q) !== mq.hash) return void changed.add(mq.id);
        const misfit = (field: string, message: string) => misfits.push({ path: [...path, field], message: `variant ${v.label}, ${mq.id}: ${message}` });
        if (q.type !== s.type) misfit('id', `a ${q.type} question in a ${s.type} section`);
        else if (mq.points !== s.points) misfit('points', `${mq.points} points where the section gives ${s.points}`);
        else if (q.options && typeof q.answer === 'string') {
          const n = q.options.length;
          const order = mq.order ?? '';
          if ([...order].sort().join('') !== LETTERS.slice(0, n)) misfit('order', `order "${order}" is not a permutation of the ${n} options (A-${LETTERS[n - 1]})`);
          else if ([...fixedLetters(q)].some((l) => order[LETTERS.indexOf(l)] !== l)) misfit('order', `order "${order}" moves an option that fixedOrder keeps in place`);
          else if (mq.answer !== answerAfter(order, q.answer)) misfit('answer', `answer ${JSON.stringify(mq.answer)} does not match the question's answer after the order ${order} (${answerAfter(order, q.answer)})`);
        } else if (mq.order !== undefined) misfit('order', `a ${q.type} question has no options to order`);
        else if (JSON.stringify(mq.answer) !== JSON.stringify(q.answer)) misfit('answer', `answer ${JSON.stringify(mq.answer)} is not the bank's ${JSON.stringify(q.answer)}`);
      });
    });
    if (Math.abs(paperPoints([{ count: 1, points: sum }]) - v.totalPoints) > 1e-9) {
      misfits.push({ path: ['variants', vi, 'totalPoints'], message: `variant ${v.label}: totalPoints ${v.totalPoints}, but its questions add up to ${paperPoints([{ count: 1, points: sum }])}` });
    }
  });
  const out: ManifestProblem[] = [];
  if (missing.size) out.push({ path: ['variants'], message: `the bank lacks ${missing.size} question(s) the paper needs (ids: ${listed([...missing].sort())})` });
  if (changed.size) {
    out.push({
      path: ['variants'],
      message: `${changed.size} question(s) changed in the bank since the manifest was made (ids: ${listed([...changed].sort())}); printing them would not give the paper that was assembled. Restore them, or assemble a new paper`,
    });
  }
  return [...out, ...misfits];
}
