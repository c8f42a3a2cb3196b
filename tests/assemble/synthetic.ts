// Synthetic banks for the assembly tests: questions spread over topics, types and levels.
import type { Bank, Question, QuestionType } from '../../src/bank/schema.js';

export interface CellSpec {
  type: QuestionType;
  topic: string;
  difficulty: number;
  n: number;
}

let serial = 0;

export function makeQuestion(type: QuestionType, topic: string, difficulty: number, id: string, extra: Partial<Question> = {}): Question {
  const base = { id, type, topic, difficulty, stem: `题干 ${id} (  )。`, source: '测试', explanation: '解析', norms: [], loc: { file: 'x.yaml', line: 1, col: 1 } };
  if (type === 'single') return { ...base, options: ['甲', '乙', '丙', '丁'], answer: 'ABCD'[serial++ % 4]!, ...extra } as Question;
  if (type === 'multiple') return { ...base, options: ['甲', '乙', '丙', '丁'], answer: 'ABD', ...extra } as Question;
  if (type === 'judge') return { ...base, answer: serial++ % 2 === 0, ...extra } as Question;
  return { ...base, stem: `填空 ${id} ___。`, answer: ['答案'], ...extra } as Question;
}

export function makeBank(cells: CellSpec[], topics?: string[]): Bank {
  const questions: Question[] = [];
  for (const c of cells) {
    for (let k = 0; k < c.n; k++) questions.push(makeQuestion(c.type, c.topic, c.difficulty, `${c.type[0]!.toUpperCase()}${c.topic.toUpperCase()}-${c.difficulty}-${k}`));
  }
  const topicIds = topics ?? [...new Set(cells.map((c) => c.topic))];
  return {
    dir: 'synthetic',
    topics: topicIds.map((id) => ({ id, name: `主题${id}` })),
    questions,
    chapters: [],
    norms: new Map(),
    sections: new Map(),
  };
}

/** Every type x topic x level cell holding `n` questions. */
export function uniformBank(types: QuestionType[], topics: string[], n: number): Bank {
  const cells: CellSpec[] = [];
  for (const type of types) for (const topic of topics) for (let d = 1; d <= 5; d++) cells.push({ type, topic, difficulty: d, n });
  return makeBank(cells, topics);
}
