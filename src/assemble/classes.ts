// Questions the blueprint cannot tell apart are drawn with equal chances. A section's rules
// name some topics and some sets of difficulty levels; two questions of a section that no rule
// separates (same topic when a rule names topics, same band of levels that every rule treats
// alike) are put in one cell before drawing, and the draw is uniform within a cell.
import { levelsOf, type Blueprint, type DifficultyRule } from './blueprint.js';
import { cellIndex, LEVEL_COUNT } from './model.js';

/** Per section: the level each level 1..5 is drawn as (the lowest of its band), and whether topics merge. */
export interface RuleClasses {
  level: number[][];
  mergeTopics: boolean[];
}

function levelSets(rule: DifficultyRule | undefined): number[][] | 'all-distinct' {
  if (!rule) return [];
  if ('mean' in rule) return 'all-distinct';
  if ('counts' in rule) return [1, 2, 3, 4, 5].map((d) => [d]);
  return [[1, 2], [3], [4, 5]];
}

export function ruleClasses(bp: Blueprint): RuleClasses {
  const paper = levelSets(bp.difficulty);
  const paperTopics = bp.topics !== undefined;
  const level: number[][] = [];
  const mergeTopics: boolean[] = [];
  for (const sec of bp.sections) {
    const own = levelSets(sec.difficulty);
    const sets: number[][] = [];
    let distinct = paper === 'all-distinct' || own === 'all-distinct';
    if (!distinct) sets.push(...(paper as number[][]), ...(own as number[][]));
    for (const c of sec.cells ?? []) sets.push(levelsOf(c.difficulty));
    // Levels with the same membership in every set the rules name form one band.
    const signature = (d: number) => (distinct ? String(d) : sets.map((set) => (set.includes(d) ? 1 : 0)).join(''));
    const first = new Map<string, number>();
    const row = [0];
    for (let d = 1; d <= LEVEL_COUNT; d++) {
      const key = signature(d);
      if (!first.has(key)) first.set(key, d);
      row.push(first.get(key)!);
    }
    level.push(row);
    mergeTopics.push(!paperTopics && sec.topics === undefined && !(sec.cells?.length));
  }
  return { level, mergeTopics };
}

/** Each section's cells with questions no rule tells apart moved into one cell (id order kept per source cell). */
export function mergeCells(cells: number[][][], classes: RuleClasses, topicCount: number): number[][][] {
  return cells.map((cs, s) => {
    const row = classes.level[s]!;
    const merge = classes.mergeTopics[s]!;
    if (!merge && row.every((l, d) => d === 0 || l === d)) return cs;
    const out: number[][] = cs.map(() => []);
    for (let t = 0; t < topicCount; t++) {
      for (let d = 1; d <= LEVEL_COUNT; d++) {
        const from = cs[cellIndex(t, d)]!;
        if (from.length) out[cellIndex(merge ? 0 : t, row[d]!)]!.push(...from);
      }
    }
    return out;
  });
}
