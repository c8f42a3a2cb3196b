// --update-bank writes the measured difficulty beside the author's, and nothing else changes.
import { describe, expect, test } from 'vitest';
import { withObservations } from '../../src/grading/observe.js';

const YAML = `# 电话礼仪
topic: dianhua-liyi
questions:
  - id: DH-001   # the first
    type: single
    stem: 电话铃响( )内接听。
    options: [一声, 三声, 五声, 六声]
    answer: B
    difficulty: 2   # author's guess
    source: 手册
    explanation: 三声之内。
  - id: DH-002
    type: judge
    stem: 可以先挂电话。
    answer: false
    difficulty: 1
    observed: {difficulty: 0.5, candidates: 10, paper: old}
    source: 手册
    explanation: 客户先挂。
`;

describe('observed difficulty', () => {
  test("inserted after the author's difficulty, replaced when present; comments and flow lists kept", () => {
    const r = withObservations(YAML, new Map([
      ['DH-001', { difficulty: 0.62345, candidates: 48, paper: 'f19c' }],
      ['DH-002', { difficulty: 0.9, candidates: 48, paper: 'f19c' }],
    ]));
    if ('problem' in r) throw new Error(r.problem);
    expect(r.updated).toEqual(['DH-001', 'DH-002']);
    expect(r.text).toBe(
      YAML.replace("    difficulty: 2   # author's guess\n", `    difficulty: 2   # author's guess\n    observed: {difficulty: 0.623, candidates: 48, paper: "f19c"}\n`).replace(
        'observed: {difficulty: 0.5, candidates: 10, paper: old}',
        'observed: {difficulty: 0.9, candidates: 48, paper: "f19c"}',
      ),
    );
  });

  test('a file that is not YAML is a problem, not a rewrite', () => {
    expect(withObservations('questions: [a, b', new Map())).toHaveProperty('problem');
  });
});
