// What the bank holds: counts by topic x type x difficulty.
import { QUESTION_TYPES, QUESTION_TYPE_NAMES, type Bank, type QuestionType } from './schema.js';

export interface BankStats {
  questions: number;
  norms: number;
  chapters: number;
  topics: number;
  byType: Record<QuestionType, number>;
  byTopic: Record<string, number>;
  byDifficulty: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** topic id → type → counts at difficulty 1..5. */
  matrix: Record<string, Record<QuestionType, [number, number, number, number, number]>>;
  /** Questions that cite no norm, and norms that no question tests. */
  questionsWithoutNorm: number;
  normsUntested: number;
  /** Ids of the norms no question tests, in handbook order. */
  untestedNorms: string[];
  /** How many questions test each norm at most (the linter warns above its limit). */
  maxQuestionsPerNorm: number;
}

export function bankStats(bank: Bank): BankStats {
  const zeroTypes = () => Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  const byType = zeroTypes();
  const byTopic: Record<string, number> = Object.fromEntries(bank.topics.map((t) => [t.id, 0]));
  const byDifficulty = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  const matrix: BankStats['matrix'] = {};
  const tested = new Map<string, number>();
  let questionsWithoutNorm = 0;
  for (const q of bank.questions) {
    byType[q.type]++;
    byTopic[q.topic] = (byTopic[q.topic] ?? 0) + 1;
    byDifficulty[String(q.difficulty) as keyof typeof byDifficulty]++;
    const row = (matrix[q.topic] ??= Object.fromEntries(QUESTION_TYPES.map((t) => [t, [0, 0, 0, 0, 0]])) as BankStats['matrix'][string]);
    row[q.type][q.difficulty - 1]!++;
    if (q.norms.length === 0) questionsWithoutNorm++;
    new Set(q.norms).forEach((n) => tested.set(n, (tested.get(n) ?? 0) + 1));
  }
  const untested = [...bank.norms.keys()].filter((id) => !tested.has(id));
  return {
    questions: bank.questions.length,
    norms: bank.norms.size,
    chapters: bank.chapters.length,
    topics: bank.topics.length,
    byType,
    byTopic,
    byDifficulty,
    matrix,
    questionsWithoutNorm,
    normsUntested: untested.length,
    untestedNorms: untested,
    maxQuestionsPerNorm: Math.max(0, ...tested.values()),
  };
}

/** Terminal columns: CJK characters take two. */
function columns(s: string): number {
  return [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
}

function pad(s: string | number, width: number): string {
  const str = String(s);
  return str + ' '.repeat(Math.max(1, width - columns(str)));
}

/** A terminal table: one row per topic, a column per type, difficulty spread in the last column. */
export function formatStats(stats: BankStats, bank: Bank): string {
  const names = new Map(bank.topics.map((t) => [t.id, t.name]));
  const label = (topic: string) => `${names.get(topic) ?? '?'} (${topic})`;
  const first = Math.max(8, ...Object.keys(stats.byTopic).map((t) => columns(label(t)) + 2));
  const header = [pad('知识点', first), ...QUESTION_TYPES.map((t) => pad(QUESTION_TYPE_NAMES[t], 12)), pad('合计', 6), '难度 1-5'].join('');
  const lines = [header];
  for (const [topic, total] of Object.entries(stats.byTopic)) {
    const row = stats.matrix[topic];
    const diff = [0, 1, 2, 3, 4].map((d) => QUESTION_TYPES.reduce((n, t) => n + (row?.[t][d] ?? 0), 0));
    lines.push(
      [
        pad(label(topic), first),
        ...QUESTION_TYPES.map((t) => pad(row ? row[t].reduce((a, b) => a + b, 0) : 0, 12)),
        pad(total, 6),
        diff.join('/'),
      ].join(''),
    );
  }
  lines.push(
    [pad('合计', first), ...QUESTION_TYPES.map((t) => pad(stats.byType[t], 12)), pad(stats.questions, 6), Object.values(stats.byDifficulty).join('/')].join(''),
  );
  lines.push('');
  lines.push(`${stats.questions} questions in ${stats.topics} topics; ${stats.norms} norms in ${stats.chapters} chapters; ${stats.questionsWithoutNorm} questions cite no norm.`);
  lines.push(
    stats.normsUntested === 0
      ? `Every norm is tested: each by 1 to ${stats.maxQuestionsPerNorm} questions.`
      : `${stats.normsUntested} norms are not tested yet: ${stats.untestedNorms.join(', ')}.`,
  );
  return lines.join('\n');
}
