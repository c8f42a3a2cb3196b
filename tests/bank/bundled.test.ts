// The bank that ships with exampress: clean, and as large and varied as the trainers need.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { assemble, BlueprintSchema } from '../../src/assemble/index.js';
import { lintBank, formatProblem } from '../../src/bank/lint.js';
import { loadBank } from '../../src/bank/load.js';
import { bankStats } from '../../src/bank/stats.js';
import { findUncovered, loadFonts } from '../../src/typeset/fonts/index.js';
import { stemSegments } from '../../src/documents/stem.js';
import { loadTheme } from '../../src/documents/theme.js';

const { bank, problems } = loadBank('bank');

describe('the bundled bank', () => {
  it('loads and lints without errors or warnings', () => {
    const all = [...problems, ...lintBank(bank)];
    expect(all.map(formatProblem)).toEqual([]);
  });

  it('holds at least 290 questions in at least 10 topics, with every type and difficulty well represented', () => {
    const stats = bankStats(bank);
    expect(stats.questions).toBeGreaterThanOrEqual(290);
    for (const type of ['single', 'multiple', 'judge', 'fill'] as const) {
      expect(stats.byType[type] / stats.questions, type).toBeGreaterThan(0.1);
      expect(stats.byType[type] / stats.questions, type).toBeLessThan(0.45);
    }
    expect(Object.values(stats.byTopic).filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
    expect(stats.byType.multiple).toBeGreaterThanOrEqual(40);
    expect(stats.byType.judge).toBeGreaterThanOrEqual(40);
    expect(stats.byType.fill).toBeGreaterThanOrEqual(30);
    for (const level of ['1', '2', '3', '4', '5'] as const) expect(stats.byDifficulty[level]).toBeGreaterThan(5);
  });

  it('has at least 10 chapters and 330 numbered norms, and every question cites one', () => {
    expect(bank.chapters.length).toBeGreaterThanOrEqual(10);
    expect(bank.norms.size).toBeGreaterThanOrEqual(330);
    expect(bank.questions.filter((q) => q.norms.length === 0).map((q) => q.id)).toEqual([]);
  });

  it('tests every norm at least once and none more than twice', () => {
    const stats = bankStats(bank);
    expect(stats.untestedNorms).toEqual([]);
    expect(stats.maxQuestionsPerNorm).toBeLessThanOrEqual(2);
  });

  it('covers tie knots, western dining, invitations and teamwork', () => {
    for (const section of ['dress-tie', 'banquet-western', 'banquet-invite', 'daily-team']) {
      expect(bank.sections.get(section)?.norms.length, section).toBeGreaterThanOrEqual(4);
    }
    const tested = new Set(bank.questions.flatMap((q) => q.norms));
    expect(tested.has('dress-tie-romantic') && tested.has('dress-tie-half-windsor')).toBe(true);
  });

  it('cites the handbook by its printed title and never a software name', () => {
    expect(bank.questions.filter((q) => /exampress/i.test(q.source)).map((q) => q.id)).toEqual([]);
    expect(bank.questions.filter((q) => q.source.includes('《客户经理服务礼仪手册》')).length).toBeGreaterThan(100);
  });

  it('keeps items that give seed questions away off their papers with enemies:', () => {
    const enemies = (id: string) => bank.questions.find((q) => q.id === id)?.enemies ?? [];
    expect(enemies('ZD-018')).toContain('ZD-006');
    expect(enemies('LC-008')).toContain('LC-003');
    expect(enemies('GX-004')).toContain('GX-001');
  });

  it('never puts a question and one of its enemies on the same standard paper', () => {
    const bp = BlueprintSchema.parse(parse(readFileSync('bank/blueprints/standard.yaml', 'utf8')));
    const pairs = bank.questions.flatMap((q) => (q.enemies ?? []).map((e) => [q.id, e] as const));
    expect(pairs.length).toBeGreaterThan(40);
    // The first draws of 2026, 10 and 20 run into an enemy group and are drawn again.
    for (const seed of [2026, ...Array.from({ length: 20 }, (_, i) => i + 1)]) {
      const r = assemble(bank, bp, { seed });
      if ('problems' in r) throw new Error(r.problems.map((p) => p.message).join('\n'));
      const ids = new Set(r.manifest.variants[0]!.sections.flatMap((sec) => sec.questions.map((q) => q.id)));
      expect(pairs.filter(([a, b]) => ids.has(a) && ids.has(b)), `seed ${seed}`).toEqual([]);
    }
  });

  it('contains every distinct question of the seed pack, tagged seed, with the seed as source', () => {
    const seed = bank.questions.filter((q) => q.tags?.includes('seed'));
    expect(seed).toHaveLength(24);
    const zd1 = bank.questions.find((q) => q.id === 'ZD-001')!;
    expect(zd1.stem).toMatch(/严重违反规章制度及年度考核不合格的个人客户经理，必须/);
    expect(zd1.options?.[Number('ABCD'.indexOf(zd1.answer as string))]).toBe('调离原岗位');
    for (const q of seed) expect(q.source).toMatch(/《.+》/);
  });

  it('marks the negation word of every negative choice stem with emphasis dots, and no other word', () => {
    const { theme } = loadTheme('templates', 'templates');
    const marked = (id: string) => {
      const q = bank.questions.find((x) => x.id === id)!;
      const negation = q.emphasis === false ? [] : theme!.paper.negation.words;
      return stemSegments(q.stem, { type: q.type, negation }).filter((s) => s.isEm).map((s) => s.text);
    };
    const negative = ['GX-001', 'GX-002', 'GX-003', 'SW-011', 'SW-025', 'SW-038', 'TS-013', 'YR-030', 'YT-009', 'YT-025', 'YT-030', 'ZD-007', 'ZD-008', 'DD-002', 'DD-018'];
    for (const id of negative) expect(marked(id), id).toHaveLength(1);
    expect(marked('DD-002')).toEqual(['违反']);
    expect(marked('SW-011')).toEqual(['避免']);
    // 违反 in "严重违反规章制度的……必须（ ）" says why, it is not the wrong answer to find.
    expect(marked('ZD-001')).toEqual([]);
    expect(marked('ZD-002')).toEqual([]);
  });

  it('prints only characters the bundled fonts draw', () => {
    const fonts = loadFonts();
    const texts = [
      ...bank.questions.flatMap((q) => [q.stem, q.explanation, q.source, ...(q.options ?? []), ...(Array.isArray(q.answer) ? q.answer : [])]),
      ...bank.chapters.flatMap((c) => [c.title, c.intro ?? '', ...c.sections.flatMap((s) => [s.title, s.intro ?? '', ...s.norms.map((n) => n.text), ...(s.checklist ?? []), ...(s.table ? [...s.table.header, ...s.table.rows.flat()] : [])])]),
    ];
    const uncovered = texts.flatMap((t) => findUncovered(t, 'serif', fonts).map((u) => `${u.char} in ${t}`));
    expect(uncovered).toEqual([]);
  });
});
