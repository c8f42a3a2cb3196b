// Rule cells: which questions the blueprint cannot tell apart.
import { describe, expect, test } from 'vitest';
import { BlueprintSchema, type BlueprintInput } from '../../src/assemble/blueprint.js';
import { ruleClasses } from '../../src/assemble/classes.js';

const bp = (extra: Partial<BlueprintInput>, section: Partial<BlueprintInput['sections'][number]> = {}) =>
  BlueprintSchema.parse({ title: 'x', durationMinutes: 1, ...extra, sections: [{ type: 'single', count: 4, points: 1, instruction: 'x', ...section }] });

describe('ruleClasses', () => {
  test('bands of levels: what every difficulty rule and cell treats alike', () => {
    expect(ruleClasses(bp({})).level[0]).toEqual([0, 1, 1, 1, 1, 1]);
    expect(ruleClasses(bp({ difficulty: { buckets: { 易: 2, 中: 1, 难: 1 } } })).level[0]).toEqual([0, 1, 1, 3, 4, 4]);
    expect(ruleClasses(bp({}, { difficulty: { counts: { 1: 4 } } })).level[0]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ruleClasses(bp({ difficulty: { mean: 3, tolerance: 1 } })).level[0]).toEqual([0, 1, 2, 3, 4, 5]);
    // A cell at level 5 splits 难 into 4 and 5.
    expect(ruleClasses(bp({ difficulty: { buckets: { 易: 2, 中: 1, 难: 1 } } }, { cells: [{ topic: 't0', difficulty: 5, count: 1 }] })).level[0]).toEqual([0, 1, 1, 3, 4, 5]);
  });

  test('topics merge only when no rule names them', () => {
    expect(ruleClasses(bp({})).mergeTopics).toEqual([true]);
    expect(ruleClasses(bp({ topics: 'balanced' })).mergeTopics).toEqual([false]);
    expect(ruleClasses(bp({}, { topics: { counts: { t0: 4 } } })).mergeTopics).toEqual([false]);
    expect(ruleClasses(bp({}, { cells: [{ topic: 't0', difficulty: '易', count: 1 }] })).mergeTopics).toEqual([false]);
  });
});
