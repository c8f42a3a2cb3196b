// The answer key's view model (教师用卷): a compact grid per section, then every question with
// its answer as that variant prints it, points, explanation, topic, difficulty, source and norms.
import type { Blueprint } from '../assemble/blueprint.js';
import type { ResolvedQuestion, ResolvedVariant } from '../assemble/resolve.js';
import type { Bank } from '../bank/schema.js';
import { questionType } from '../questions/registry.js';
import { sectionHeading, runningSegments, type RunningSegment, docSettings, formatPoints, topicName, type DocSettings, type PageOptions, variantMark } from './common.js';
import { multipleRule, sectionPartial, type QuestionView } from './paper.js';
import { stemSegments, textSegments } from './stem.js';
import { fillIn, type Theme } from './theme.js';

/** A question as the paper shows it (its stem with the answers filled in), and what the key adds. */
export interface KeyQuestionView extends QuestionView {
  answer: string;
  points: string;
  topic: string;
  difficulty: string;
  source: string;
  explanation: string;
  norms: string;
}

export interface KeyGridView {
  heading: string;
  widths: string;
  rows: { numbers: string[]; answers: string[] }[];
}

export interface KeyView {
  doc: DocSettings;
  organisation: string;
  title: string;
  subtitle: string;
  info: string;
  grids: KeyGridView[];
  sections: { heading: string; rule: string; questions: KeyQuestionView[] }[];
  footer: RunningSegment[];
}

/** The answer as printed in a key: letters, √/×, or the blanks' answers joined by "；". */
export function printedAnswer(q: Pick<ResolvedQuestion, 'answer'>, theme: Theme): string {
  const a = q.answer;
  if (typeof a === 'boolean') return a ? theme.key.judgeTrue : theme.key.judgeFalse;
  if (Array.isArray(a)) return a.map((x) => x.split('|').join(' 或 ')).join('；');
  return a;
}

/** Norm numbers (and handbook pages when known) for "见手册 3.2.1（第 14 页）". */
export function normReference(bank: Bank, ids: readonly string[], theme: Theme, pages?: ReadonlyMap<string, number>): string {
  const norms = ids.map((id) => bank.norms.get(id)).filter((n) => n !== undefined);
  // Norms on the same page share its number: 见手册 12.1.5、12.1.6（第 45 页）.
  const groups: { numbers: string[]; page: number | undefined }[] = [];
  for (const n of norms) {
    const page = pages?.get(n.id);
    const last = groups.at(-1);
    if (last && last.page === page) last.numbers.push(n.number);
    else groups.push({ numbers: [n.number], page });
  }
  const refs = groups.map((g) => `${g.numbers.join('、')}${g.page !== undefined ? `（第 ${g.page} 页）` : ''}`);
  return refs.length ? fillIn(theme.key.handbook, { number: refs.join('；') }) : '';
}

export function keyView(
  variant: ResolvedVariant,
  bank: Bank,
  bp: Blueprint,
  theme: Theme,
  opts: PageOptions & { organisation: string; handbookPages?: ReadonlyMap<string, number> },
): KeyView {
  const mark = variantMark(theme, variant.label, variant.candidate);
  const title = fillIn(theme.key.title, { title: variant.title, variant: mark });
  const per = theme.key.gridPerRow;
  const grids: KeyGridView[] = variant.sections.map((s, i) => {
    const rows: KeyGridView['rows'] = [];
    for (let k = 0; k < s.questions.length; k += per) {
      const chunk = s.questions.slice(k, k + per);
      const pad = per - chunk.length;
      rows.push({
        numbers: [...chunk.map((q) => String(q.number)), ...Array<string>(pad).fill('')],
        answers: [...chunk.map((q) => printedAnswer(q, theme)), ...Array<string>(pad).fill('')],
      });
    }
    return { heading: sectionHeading(i, s.title), widths: ['3em', ...Array<string>(per).fill('*')].join(','), rows };
  });
  return {
    doc: docSettings(theme, { ...opts, seal: false, size: opts.size === 'a3' ? 'a4' : opts.size }, { title: `${title}（${mark}）参考答案`, subject: '参考答案', keywords: '答案,评分标准', organisation: opts.organisation }),
    organisation: opts.organisation,
    title,
    subtitle: fillIn(theme.key.subtitle, { title: variant.title, variant: mark }),
    info: `满分 ${formatPoints(variant.totalPoints)} 分　　${variant.candidate ? `考生：${variant.candidate.name}（${variant.candidate.id}）` : ''}`.trim(),
    grids,
    sections: variant.sections.map((s, i) => ({
      heading: `${sectionHeading(i, s.title)}（每小题 ${formatPoints(s.points)} 分）`,
      rule: questionType(s.type).partialCredit ? multipleRule(theme, s.points, sectionPartial(bp, s.type)) : '',
      questions: s.questions.map((q): KeyQuestionView => {
        const shown = printedAnswer(q, theme);
        const answers = Array.isArray(q.answer) ? q.answer.map((a) => a.split('|')[0]!) : [shown];
        return {
          id: q.id,
          number: q.number,
          stem: stemSegments(q.stem, { type: q.question.type, answers, negation: [], ...(Array.isArray(q.answer) ? { blankAnswers: q.answer } : {}) }),
          hasOptions: q.options.length > 0,
          options: q.options.map((o) => textSegments(o, [])),
          answer: shown,
          points: formatPoints(q.points),
          topic: topicName(bank, q.question),
          difficulty: String(q.question.difficulty),
          source: q.question.source,
          explanation: q.question.explanation,
          norms: normReference(bank, q.question.norms, theme, opts.handbookPages),
        };
      }),
    })),
    footer: runningSegments(theme.paper.footer, { variant: `${mark}参考答案` }),
  };
}
