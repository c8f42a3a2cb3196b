// The blueprint (组卷方案): zod schema, its types, and the checks that need the whole plan
// (counts that must add up, points that must total). Checks against the bank live in assemble.
import { z } from 'zod';
import { QUESTION_TYPES } from '../bank/schema.js';
import { questionType } from '../questions/registry.js';

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/, 'ids are letters, digits and hyphens, e.g. ZD-001');
const text = z.string().trim().min(1, 'must not be empty');
const count = z.number().int().min(0);

/** Difficulty buckets as printed on a 双向细目表: 易 = 1-2, 中 = 3, 难 = 4-5. */
export const BUCKETS = { 易: [1, 2], 中: [3], 难: [4, 5] } as const;
export type Bucket = keyof typeof BUCKETS;
export const LEVELS = [1, 2, 3, 4, 5] as const;

const levelKey = z.enum(['1', '2', '3', '4', '5']);

export const TopicRuleSchema = z
  .union([
    z.literal('balanced').describe('as even across topics as the bank allows'),
    z.object({ counts: z.record(id, count).describe('exact number of questions per topic id; unlisted topics get none') }).strict(),
    z.object({ weights: z.record(id, z.number().positive()).describe('relative weight per topic id, apportioned by largest remainder') }).strict(),
  ])
  .describe('topic balance: "balanced", {counts: {topic: n}} or {weights: {topic: w}}');

export const DifficultyRuleSchema = z
  .union([
    z.object({ counts: z.partialRecord(levelKey, count).describe('exact number per level 1..5; unlisted levels get none') }).strict(),
    z.object({ buckets: z.partialRecord(z.enum(['易', '中', '难']), count).describe('易 = levels 1-2, 中 = 3, 难 = 4-5') }).strict(),
    z
      .object({
        mean: z.number().min(1).max(5).describe('target mean difficulty'),
        tolerance: z.number().min(0).default(0.2).describe('allowed distance from the mean'),
      })
      .strict(),
  ])
  .describe('difficulty mix: {counts: {1: n, ...}}, {buckets: {易: n, 中: n, 难: n}} or {mean: 2.8, tolerance: 0.2}');

/** A level, a range "4-5" or a bucket name. */
const levelSpec = z.union([
  z.number().int().min(1).max(5),
  z.string().regex(/^[1-5]-[1-5]$|^[易中难]$/, 'a level 1..5, a range like "4-5", or 易/中/难'),
]);

export const CellQuotaSchema = z
  .object({
    topic: id.describe('topic id'),
    difficulty: levelSpec.describe('a level 1..5, a range like "4-5", or 易/中/难'),
    count: count.describe('exact number of questions of this topic at this difficulty'),
  })
  .strict();

export const SectionSchema = z
  .object({
    type: z.enum(QUESTION_TYPES).describe(QUESTION_TYPES.join(' | ')),
    count: z.number().int().min(1).describe('number of questions'),
    points: z.number().positive().describe('points per question'),
    title: text.optional().describe('heading; defaults to the type name, e.g. 单项选择题'),
    instruction: text.describe('the instruction line printed under the heading'),
    partialCredit: z
      .number()
      .positive()
      .optional()
      .describe('multiple choice: points for a correct subset (少选); absent: all or nothing. Papers print the rule, keys and grading apply it'),
    topics: TopicRuleSchema.optional(),
    difficulty: DifficultyRuleSchema.optional(),
    cells: z.array(CellQuotaSchema).optional().describe('双向细目表 cells: exact counts of topic x difficulty'),
  })
  .strict();

const idsAndTags = z
  .object({
    ids: z.array(id).default([]),
    tags: z.array(text).default([]),
  })
  .strict();

export const BlueprintSchema = z
  .object({
    title: text.describe('paper title'),
    subtitle: text.optional(),
    organisation: text.optional().describe('issuing body, printed in the header'),
    durationMinutes: z.number().int().positive().describe('time allowed'),
    totalPoints: z.number().positive().optional().describe('asserted: the sections must add up to it'),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('default seed when --seed is not given'),
    variants: z
      .object({
        count: z.number().int().min(1).max(1000).default(1),
        mode: z.enum(['shuffle', 'parallel']).default('shuffle').describe('shuffle: A/B papers of the same questions; parallel: different questions'),
        maxOverlap: z.number().int().min(0).default(0).describe('parallel: most questions any two variants may share (fresh questions are used first)'),
      })
      .strict()
      .optional(),
    exposure: z
      .object({
        history: text.describe('usage history file (JSON lines), relative to this blueprint'),
        notInLast: z.number().int().min(1).describe('skip questions used in the last N issued papers'),
      })
      .strict()
      .optional(),
    include: idsAndTags.optional().describe('ids: questions that must appear; tags: draw only questions with one of these tags'),
    exclude: idsAndTags.optional().describe('questions (by id or tag) never drawn'),
    enemies: z.array(z.array(id).min(2)).default([]).describe('groups of questions that give each other away: at most one of each group'),
    topics: TopicRuleSchema.optional().describe('paper-level topic balance, over all sections'),
    difficulty: DifficultyRuleSchema.optional().describe('paper-level difficulty mix, over all sections'),
    sections: z.array(SectionSchema).min(1),
  })
  .strict()
  .superRefine((bp, ctx) => {
    const total = bp.sections.reduce((n, s) => n + s.count, 0);
    const seen = new Map<string, number>();
    bp.sections.forEach((s, i) => {
      const before = seen.get(s.type);
      if (before !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i, 'type'],
          message: `section ${i + 1} has type ${s.type} like section ${before + 1}; put questions of one type in one section`,
        });
      }
      seen.set(s.type, i);
      const partialAllowed = questionType(s.type).partialCredit;
      if (s.partialCredit !== undefined && (!partialAllowed || s.partialCredit >= s.points)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i, 'partialCredit'],
          message: !partialAllowed ? `partialCredit is for sections of type ${QUESTION_TYPES.filter((t) => questionType(t).partialCredit).join(" or ")} only` : `partialCredit must be less than the ${s.points} points of a full answer`,
        });
      }
      checkRuleSums(ctx, s, s.count, { path: ['sections', i], who: `section ${i + 1}` });
      checkCells(ctx, s, i);
    });
    checkRuleSums(ctx, bp, total, { path: [], who: 'the paper' });
    if (bp.totalPoints !== undefined) {
      const sum = paperPoints(bp.sections);
      if (Math.abs(sum - bp.totalPoints) > 1e-9) {
        ctx.addIssue({
          code: 'custom',
          path: ['totalPoints'],
          message: `the sections add up to ${sum} points (${bp.sections.map((s) => `${s.count}x${s.points}`).join(' + ')}), not ${bp.totalPoints}`,
        });
      }
    }
  });

/** Counts given per topic or per level add up to the questions of `who` (a section or the paper) at `path`. */
function checkRuleSums(ctx: z.RefinementCtx, rules: { topics?: TopicRule | undefined; difficulty?: DifficultyRule | undefined }, total: number, where: { path: (string | number)[]; who: string }): void {
  const { topics, difficulty } = rules;
  const { path, who } = where;
  if (topics && typeof topics === 'object' && 'counts' in topics) {
    const sum = Object.values(topics.counts).reduce((a, b) => a + b, 0);
    if (sum !== total) {
      ctx.addIssue({ code: 'custom', path: [...path, 'topics', 'counts'], message: `topic counts add up to ${sum}; ${who} has ${total} questions` });
    }
  }
  if (difficulty && 'counts' in difficulty) {
    const sum = Object.values(difficulty.counts).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== total) {
      ctx.addIssue({ code: 'custom', path: [...path, 'difficulty', 'counts'], message: `difficulty counts add up to ${sum}; ${who} has ${total} questions` });
    }
  }
  if (difficulty && 'buckets' in difficulty) {
    const sum = Object.values(difficulty.buckets).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== total) {
      ctx.addIssue({ code: 'custom', path: [...path, 'difficulty', 'buckets'], message: `difficulty buckets add up to ${sum}; ${who} has ${total} questions` });
    }
  }
}

function checkCells(ctx: z.RefinementCtx, s: Section, i: number): void {
  if (!s.cells) return;
  const taken = new Map<string, Set<number>>();
  let sum = 0;
  s.cells.forEach((c, j) => {
    sum += c.count;
    const levels = levelsOf(c.difficulty);
    const used = taken.get(c.topic) ?? new Set<number>();
    if (levels.some((l) => used.has(l))) {
      ctx.addIssue({
        code: 'custom',
        path: ['sections', i, 'cells', j, 'difficulty'],
        message: `cells for topic ${c.topic} overlap in difficulty; give each level of a topic at most one cell`,
      });
    }
    levels.forEach((l) => used.add(l));
    taken.set(c.topic, used);
  });
  if (sum > s.count) {
    ctx.addIssue({ code: 'custom', path: ['sections', i, 'cells'], message: `cells ask for ${sum} questions; section ${i + 1} has ${s.count}` });
  }
}

/** The levels named by a cell's difficulty: 3, "4-5", or 难. */
export function levelsOf(spec: number | string): number[] {
  if (typeof spec === 'number') return [spec];
  if (spec in BUCKETS) return [...BUCKETS[spec as Bucket]];
  const [a, b] = spec.split('-').map(Number) as [number, number];
  const out: number[] = [];
  for (let l = Math.min(a, b); l <= Math.max(a, b); l++) out.push(l);
  return out;
}

/** Points of the whole paper, rounded to hundredths so 20 x 1.5 is exactly 30. */
export function paperPoints(sections: readonly { count: number; points: number }[]): number {
  return Math.round(sections.reduce((acc, s) => acc + s.count * s.points, 0) * 100) / 100;
}

export type TopicRule = z.output<typeof TopicRuleSchema>;
export type DifficultyRule = z.output<typeof DifficultyRuleSchema>;
export type CellQuota = z.output<typeof CellQuotaSchema>;
export type Section = z.output<typeof SectionSchema>;
export type Blueprint = z.output<typeof BlueprintSchema>;
export type BlueprintInput = z.input<typeof BlueprintSchema>;

/** The JSON Schema written to bank/schema/blueprint.schema.json for editors. */
export function blueprintJsonSchema(): unknown {
  return z.toJSONSchema(BlueprintSchema, { target: 'draft-7', io: 'input' });
}
