// The paper's view model: everything the template prints, computed here (numbering, points,
// score table, section summaries, stems as segments).
import type { ResolvedVariant } from '../assemble/resolve.js';
import type { Blueprint } from '../assemble/blueprint.js';
import { QUESTION_TYPE_NAMES, type QuestionType } from '../bank/schema.js';
import { questionType } from '../questions/registry.js';
import { candidateFields, chineseNumeral, sectionHeading, runningSegments, type RunningSegment, docSettings, formatPoints, type DocSettings, type PageOptions, variantMark } from './common.js';
import { stemSegments, textSegments, type Segment } from './stem.js';
import { fillIn, type Theme } from './theme.js';

export interface QuestionView {
  id: string;
  number: number;
  stem: Segment[];
  hasOptions: boolean;
  options: Segment[][];
}

export interface SectionView {
  numeral: string;
  heading: string;
  summary: string;
  instruction: string;
  /** The multiple-choice scoring rule, or "" for other types. */
  rule: string;
  questions: QuestionView[];
}

export interface PaperView {
  doc: DocSettings;
  organisation: string;
  title: string;
  subtitle: string;
  variant: string;
  info: string;
  candidate: { printed: boolean; fields: { label: string; value: string }[] };
  notes: { title: string; items: string[] };
  scoreTable: { widths: string; header: string[]; rows: string[]; labelHeader: string };
  sections: SectionView[];
  footer: RunningSegment[];
  endMark: string;
}

/** The printed scoring rule of a multiple-choice section (the key applies the same). */
export function multipleRule(theme: Theme, points: number, partial: number | undefined): string {
  return partial ? fillIn(theme.paper.multiplePartial, { points: formatPoints(points), partial: formatPoints(partial) }) : theme.paper.multipleAllOrNothing;
}

export function sectionPartial(bp: Blueprint, type: QuestionType): number | undefined {
  return bp.sections.find((s) => s.type === type)?.partialCredit;
}

export function paperView(variant: ResolvedVariant, bp: Blueprint, theme: Theme, opts: PageOptions & { organisation: string }): PaperView {
  const mark = variantMark(theme, variant.label, variant.candidate);
  const title = variant.title;
  const negationFor = (type: QuestionType) => (theme.paper.negation.types.includes(type) ? theme.paper.negation.words : []);
  const sections = variant.sections.map((s, i): SectionView => {
    const numeral = chineseNumeral(i + 1);
    return {
      numeral,
      heading: sectionHeading(i, s.title),
      summary: fillIn(theme.paper.sectionSummary, { count: s.questions.length, points: formatPoints(s.points), total: formatPoints(s.points * s.questions.length) }),
      instruction: s.instruction,
      rule: questionType(s.type).partialCredit ? multipleRule(theme, s.points, sectionPartial(bp, s.type)) : '',
      questions: s.questions.map((q) => ({
        id: q.id,
        number: q.number,
        stem: stemSegments(q.stem, {
          type: q.question.type,
          negation: q.question.emphasis === false ? [] : negationFor(q.question.type),
          ...(Array.isArray(q.answer) ? { blankAnswers: q.answer } : {}),
        }),
        hasOptions: q.options.length > 0,
        options: q.options.map((o) => textSegments(o, [])),
      })),
    };
  });
  const candidate = variant.candidate;
  return {
    doc: docSettings(theme, opts, { title: `${title}（${mark}）`, subject: variant.subtitle ?? QUESTION_TYPE_NAMES.single, keywords: '试卷', organisation: opts.organisation }),
    organisation: opts.organisation,
    title,
    subtitle: variant.subtitle ?? '',
    variant: mark,
    info: `考试时间：${variant.duration} 分钟　　满分：${formatPoints(variant.totalPoints)} 分`,
    candidate: {
      printed: !!candidate,
      fields: candidateFields(theme, candidate),
    },
    notes: {
      title: theme.paper.notesTitle,
      items: theme.paper.notes.map((n, i) => `${i + 1}. ${fillIn(n, { minutes: variant.duration, points: formatPoints(variant.totalPoints) })}`),
    },
    scoreTable: {
      labelHeader: theme.paper.scoreTable[0],
      widths: ['4em', ...sections.map(() => '*'), '*'].join(','),
      header: [...sections.map((s) => s.numeral), '总分'],
      rows: theme.paper.scoreTable.slice(1),
    },
    sections,
    footer: runningSegments(theme.paper.footer, { variant: mark }),
    endMark: theme.paper.endMark,
  };
}
