// The counting problem behind a paper, with the blueprint's rules reduced to bounds on cells.
// A cell is (section, topic, level); everything the solver needs is how many questions each
// cell holds and how many each rule allows.

export const LEVEL_COUNT = 5;

export type Bounds = readonly [lo: number, hi: number];

/** Difficulty rules as bounds on groups of levels that partition 1..5, or on the level sum. */
export type DifficultySpec =
  | { kind: 'groups'; groups: { levels: number[]; lo: number; hi: number; label: string }[] }
  | { kind: 'mean'; lo: number; hi: number; label: string };

export interface CellQuotaSpec {
  topic: number;
  levels: number[];
  count: number;
}

export interface SectionModel {
  count: number;
  /** Per topic index, or null when the section has no topic rule. */
  topics: Bounds[] | null;
  difficulty: DifficultySpec | null;
  cells: CellQuotaSpec[];
}

export interface Model {
  topicCount: number;
  sections: SectionModel[];
  topics: Bounds[] | null;
  difficulty: DifficultySpec | null;
}

/** Per section, a flat array indexed by `cellIndex(topic, level)`. */
export type CellCounts = Int32Array[];

export function cellIndex(topic: number, level: number): number {
  return topic * LEVEL_COUNT + (level - 1);
}

/**
 * Whether the rules need a difficulty plan (per-section counts per level) chosen before the
 * flow: mean rules are not flow bounds, and paper-level difficulty cannot nest with section
 * totals once topics or section difficulty already nest on the other side.
 */
export function needsPlan(model: Model): boolean {
  const anyMean = model.difficulty?.kind === 'mean' || model.sections.some((s) => s.difficulty?.kind === 'mean');
  if (anyMean) return true;
  if (!model.difficulty) return false;
  return model.topics !== null || model.sections.some((s) => s.difficulty !== null);
}
