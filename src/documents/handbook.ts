// The pocket handbook's view model (礼仪口袋书): the bank's chapters, sections and norms,
// numbered exactly as the bank numbers them, with do / don't / tip runs set as callouts,
// checklists, quick-reference tables and a few drawings; a cover, contents, note pages and a
// back cover with a quick checklist. Also the page of every norm, read from the laid-out
// document, for the answer key's "见手册 3.2.1（第 14 页）".
import type { Bank, Norm, NormSection } from '../bank/schema.js';
import { lengthPt, sidesPt } from '../typeset/markup/units.js';
import type { LaidOutDocument } from '../typeset/types.js';
import { FIGURES, SECTION_FIGURES, type FigureView } from './handbook-figures.js';
import { fillIn, type Theme } from './theme.js';

import { HANDBOOK_SIZES, type HandbookSize } from '../kinds.js';

export { HANDBOOK_SIZES, type HandbookSize };

/** Pages of lined notes the template leaves before the back cover; 0–3 are kept so the page count is a multiple of 4. */
export const NOTE_PAGES = 3;

export interface NormView {
  id: string;
  number: string;
  text: string;
}

/** A run of norms in bank order: plain numbered paragraphs, or a callout (要点 / 禁忌 / 小贴士). */
export interface NormRunView {
  isCallout: boolean;
  label: string;
  fill: string;
  norms: NormView[];
}

export interface SectionView {
  id: string;
  number: string;
  heading: string;
  intro: string;
  runs: NormRunView[];
  checklist: { title: string; items: string[] } | null;
  table: { caption: string; widths: string; header: string[]; rows: string[][] } | null;
  figure: FigureView | null;
}

export interface ChapterView {
  id: string;
  number: string;
  label: string;
  title: string;
  /** The contents entry, e.g. "01　着装规范" (numbers padded so the titles line up). */
  entry: string;
  intro: string;
  sections: SectionView[];
}

export interface HandbookView {
  doc: { title: string; author: string; size: string; margin: string; binding: string; fontSize: string; lineHeight: string };
  cover: { organisation: string; title: string; subtitle: string; edition: string; date: string; top: string; middle: string; bottom: string };
  contentsTitle: string;
  chapters: ChapterView[];
  notes: { title: string; pages: number[]; lineHeight: string; lines: { y: string }[]; canvasHeight: string; width: string };
  /** The back cover: its checklist, the organisation and the imprint (who issues the handbook, and that it is their standard). */
  back: { title: string; items: string[]; organisation: string; imprint: string };
}

export interface HandbookOptions {
  size: HandbookSize;
  organisation: string;
}

const CALLOUT_FILL: Record<'do' | 'dont' | 'tip', string> = { do: '#eef3ee', dont: '#f6eaea', tip: '#f0f0f0' };

/** Consecutive norms of one kind: rules as paragraphs, do / dont / tip as a callout each. */
export function normRuns(norms: readonly Norm[], theme: Theme): NormRunView[] {
  const runs: NormRunView[] = [];
  let last: string | undefined;
  for (const n of norms) {
    const view: NormView = { id: n.id, number: n.number, text: n.text };
    if (n.kind === last && runs.length) runs[runs.length - 1]!.norms.push(view);
    else if (n.kind === 'rule') runs.push({ isCallout: false, label: '', fill: '', norms: [view] });
    else runs.push({ isCallout: true, label: theme.handbook.callouts[n.kind], fill: CALLOUT_FILL[n.kind], norms: [view] });
    last = n.kind;
  }
  return runs;
}

/** The text width of a page in mm, for drawings and note lines. */
function textAreaMm(theme: Theme, size: HandbookSize): { width: number; height: number } {
  const t = theme.handbook.sizes[size];
  const [w, h] = ({ a7: [74, 105], a6: [105, 148], a5: [148, 210] } as const)[size];
  const m = sidesPt(t.margin, 0);
  const mm = 72 / 25.4;
  return { width: w - (m.left + m.right + lengthPt(t.binding, 0)) / mm, height: h - (m.top + m.bottom) / mm };
}

function sectionView(s: NormSection, theme: Theme, width: number): SectionView {
  const table = s.table
    ? {
        caption: s.table.caption ?? '',
        widths: s.table.header.map(() => '*').join(','),
        header: s.table.header,
        rows: s.table.rows.map((r) => s.table!.header.map((_, i) => r[i] ?? '')),
      }
    : null;
  const name = s.figure ?? SECTION_FIGURES[s.id];
  const figure = name ? FIGURES[name](width) : null;
  return {
    id: s.id,
    number: s.number,
    heading: `${s.number}　${s.title}`,
    intro: s.intro ?? '',
    runs: normRuns(s.norms, theme),
    checklist: s.checklist?.length ? { title: theme.handbook.checklistTitle, items: s.checklist } : null,
    table,
    figure: figure && figure.shapes.every((sh) => !('x' in sh) || sh.x <= width) ? figure : null,
  };
}

/**
 * Checklist items for the back cover, at most `max`: the checklists of the sections marked
 * `backCover`, in bank order; with none marked, items taken in turn from every checklist.
 */
export function quickChecklist(bank: Bank, max: number): string[] {
  const sections = bank.chapters.flatMap((c) => c.sections);
  const marked = sections.filter((s) => s.backCover && s.checklist?.length);
  if (marked.length) return marked.flatMap((s) => s.checklist!).slice(0, max);
  const lists = sections.map((s) => s.checklist ?? []).filter((l) => l.length);
  const out: string[] = [];
  for (let i = 0; out.length < max && lists.some((l) => i < l.length); i++) {
    for (const l of lists) if (i < l.length && out.length < max) out.push(l[i]!);
  }
  return out;
}

export function handbookView(bank: Bank, theme: Theme, opts: HandbookOptions): HandbookView {
  const h = theme.handbook;
  const t = h.sizes[opts.size];
  const area = textAreaMm(theme, opts.size);
  const pitch = opts.size === 'a7' ? 6 : opts.size === 'a6' ? 7 : 8;
  const noteLines = Math.max(1, Math.floor((area.height - 14) / pitch));
  return {
    doc: { title: h.title.replace(/^《|》$/g, ''), author: opts.organisation, size: opts.size.toUpperCase(), margin: t.margin, binding: t.binding, fontSize: t.fontSize, lineHeight: String(t.lineHeight) },
    cover: {
      organisation: opts.organisation,
      title: h.title,
      subtitle: h.subtitle,
      edition: h.edition,
      date: h.date,
      top: `${(area.height * 0.18).toFixed(1)}mm`,
      middle: `${(area.height * 0.04).toFixed(1)}mm`,
      bottom: `${(area.height * 0.3).toFixed(1)}mm`,
    },
    contentsTitle: h.contentsTitle,
    chapters: bank.chapters.map((c, _, all) => ({
      id: c.id,
      number: c.number,
      label: fillIn(h.chapterLabel, { number: c.number }),
      title: c.title,
      entry: `${c.number.padStart(String(all.length).length, '0')}　${c.title}`,
      intro: c.intro ?? '',
      sections: c.sections.map((s) => sectionView(s, theme, area.width)),
    })),
    notes: {
      title: h.notesTitle,
      pages: Array.from({ length: NOTE_PAGES }, (_, i) => i + 1),
      lineHeight: `${pitch}mm`,
      lines: Array.from({ length: noteLines }, (_, i) => ({ y: `${(i + 1) * pitch}mm` })),
      canvasHeight: `${noteLines * pitch + 1}mm`,
      width: `${area.width.toFixed(2)}mm`,
    },
    back: { title: h.backCoverTitle, items: quickChecklist(bank, h.backCoverItems), organisation: opts.organisation, imprint: fillIn(h.imprint, { organisation: opts.organisation }) },
  };
}

/**
 * Drops note pages (anchored notes-1 … notes-N, just before the back cover) so that the page
 * count is a multiple of 4: a saddle-stitched booklet then needs no blank pages, and the back
 * cover is the outside of the last sheet. Pages before the notes keep their numbers.
 */
export function fitNotePages(doc: LaidOutDocument): LaidOutDocument {
  const anchors = doc.anchors ?? new Map<string, number>();
  const notes = Array.from({ length: NOTE_PAGES }, (_, i) => anchors.get(`notes-${i + 1}`)).filter((p): p is number => p !== undefined);
  const drop = Math.min(notes.length, doc.pages.length % 4);
  if (!drop) return doc;
  const gone = new Set(notes.slice(notes.length - drop));
  const pages = doc.pages.filter((_, i) => !gone.has(i + 1));
  const renumber = (p: number) => p - [...gone].filter((g) => g < p).length;
  const kept = new Map<string, number>();
  for (const [name, page] of anchors) if (!gone.has(page)) kept.set(name, renumber(page));
  return { ...doc, pages, anchors: kept };
}

/** The handbook page of every norm id (its anchor), for the answer key. */
export function handbookPages(doc: LaidOutDocument, bank: Bank): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of bank.norms.keys()) {
    const page = doc.anchors?.get(id);
    if (page !== undefined) out.set(id, page);
  }
  return out;
}
