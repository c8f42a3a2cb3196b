// npm run bench:assemble — assemble() on a synthetic bank of 100,000 questions (20 topics,
// 4 types, 5 levels) with a 100-question blueprint holding topic and difficulty quotas.
// Prints {"bank": 100000, "cold_ms": ..., "ms_median": ..., "rss_mb": ...}. Budgets: the first
// call in a process (cold: it builds the bank's index and hashes every question) < 1 s; warm
// calls < 200 ms; < 300 MB.
import { assemble } from '../../src/assemble/assemble.js';
import { BlueprintSchema } from '../../src/assemble/blueprint.js';
import { QUESTION_TYPES, type Bank, type Question } from '../../src/bank/schema.js';

const TOPICS = Array.from({ length: 20 }, (_, i) => `topic-${String(i + 1).padStart(2, '0')}`);
const PER_CELL = 100_000 / (TOPICS.length * QUESTION_TYPES.length * 5);

function syntheticBank(): Bank {
  const questions: Question[] = [];
  for (const type of QUESTION_TYPES) {
    for (const topic of TOPICS) {
      for (let d = 1; d <= 5; d++) {
        for (let k = 0; k < PER_CELL; k++) {
          const id = `${type.toUpperCase()}-${topic}-${d}-${k}`;
          const base = { id, type, topic, difficulty: d, stem: `${id} 题干 (  )。`, source: '合成', explanation: '合成', norms: [], loc: { file: 'synthetic.yaml', line: 1, col: 1 } };
          const extra =
            type === 'single'
              ? { options: ['甲', '乙', '丙', '丁'], answer: 'ABCD'[k % 4]! }
              : type === 'multiple'
                ? { options: ['甲', '乙', '丙', '丁', '戊'], answer: 'ACE' }
                : type === 'judge'
                  ? { answer: k % 2 === 0 }
                  : { answer: ['答案'], stem: `${id} 填空 ___。` };
          questions.push({ ...base, ...extra } as Question);
        }
      }
    }
  }
  return { dir: 'synthetic', topics: TOPICS.map((id) => ({ id, name: id })), questions, chapters: [], norms: new Map(), sections: new Map() };
}

const blueprint = BlueprintSchema.parse({
  title: '基准卷',
  durationMinutes: 120,
  totalPoints: 100,
  topics: { counts: Object.fromEntries(TOPICS.map((t) => [t, 5])) },
  difficulty: { counts: { 1: 15, 2: 25, 3: 30, 4: 20, 5: 10 } },
  sections: [
    { type: 'single', count: 40, points: 1, instruction: '单选' },
    { type: 'multiple', count: 20, points: 1, instruction: '多选' },
    { type: 'judge', count: 25, points: 1, instruction: '判断' },
    { type: 'fill', count: 15, points: 1, instruction: '填空' },
  ],
});

const bank = syntheticBank();
const coldStart = process.hrtime.bigint();
const coldCpu = process.cpuUsage();
const cold = assemble(bank, blueprint, { seed: 999 });
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
const coldCpuMs = (process.cpuUsage(coldCpu).user + process.cpuUsage(coldCpu).system) / 1000;
if ('problems' in cold) {
  console.error(cold.problems.map((p) => p.message).join('\n'));
  process.exit(1);
}
const runs: number[] = [];
for (let i = 0; i < 7; i++) {
  const start = process.hrtime.bigint();
  const result = assemble(bank, blueprint, { seed: 1000 + i });
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  if ('problems' in result) {
    console.error(result.problems.map((p) => p.message).join('\n'));
    process.exit(1);
  }
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
const rss = process.memoryUsage().rss / (1024 * 1024);
console.log(JSON.stringify({ bank: bank.questions.length, cold_ms: Math.round(coldMs), cold_cpu_ms: Math.round(coldCpuMs), ms_median: Math.round(median * 10) / 10, rss_mb: Math.round(rss), runs: runs.length }));
