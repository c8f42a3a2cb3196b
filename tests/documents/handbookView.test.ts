// The handbook's view model on the bundled bank: numbering as the bank's, callouts from norm
// kinds in bank order, the back cover's checklist, note pages trimmed to a multiple of 4.
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.js';
import { fitNotePages, handbookView, NOTE_PAGES, quickChecklist } from '../../src/documents/handbook.js';
import { loadTheme } from '../../src/documents/theme.js';
import { loadTemplates } from '../../src/documents/templates.js';
import { layoutHandbook } from '../../src/documents/render-handbook.js';
import type { LaidOutDocument } from '../../src/typeset/types.js';

const { bank } = loadBank('bank');
const { theme } = loadTheme('templates', 'templates');

describe('handbookView', () => {
  const view = handbookView(bank, theme!, { size: 'a6', organisation: '个人金融业务部' });

  it('numbers chapters, sections and norms as the bank does, every norm once and in bank order', () => {
    expect(view.chapters.map((c) => c.number)).toEqual(bank.chapters.map((c) => c.number));
    const printed = view.chapters.flatMap((c) => c.sections.flatMap((s) => s.runs.flatMap((r) => r.norms)));
    const inBank = bank.chapters.flatMap((c) => c.sections.flatMap((s) => s.norms));
    expect(printed.map((n) => `${n.number} ${n.id}`)).toEqual(inBank.map((n) => `${n.number} ${n.id}`));
  });

  it('sets do, dont and tip norms as 要点, 禁忌 and 小贴士 callouts, rules as plain paragraphs', () => {
    for (const c of view.chapters)
      for (const s of c.sections)
        for (const r of s.runs)
          for (const n of r.norms) {
            const kind = bank.norms.get(n.id)!.kind;
            expect(r.isCallout).toBe(kind !== 'rule');
            expect(r.label).toBe(kind === 'rule' ? '' : { do: '要点', dont: '禁忌', tip: '小贴士' }[kind]);
          }
  });

  it('takes the cover from the theme, never the clock', () => {
    expect(view.cover.title).toBe('《客户经理服务礼仪手册》');
    expect(view.cover.date).toBe(theme!.handbook.date);
  });

  it('fills the back cover with the checklists of the sections marked backCover: the dress and grooming checks of 出门前一分钟自查', () => {
    const marked = bank.chapters.flatMap((c) => c.sections.filter((s) => s.backCover));
    expect(marked.map((s) => s.id)).toEqual(['dress-tpo', 'groom-hands']);
    expect(view.back.items).toEqual(marked.flatMap((s) => s.checklist!));
    expect(view.back.items.length).toBeLessThanOrEqual(theme!.handbook.backCoverItems);
    expect(quickChecklist(bank, 3)).toEqual(bank.sections.get('dress-tpo')!.checklist!.slice(0, 3));
  });

  it('with no section marked, takes back-cover items in turn from every checklist', () => {
    const unmarked = { ...bank, chapters: bank.chapters.map((c) => ({ ...c, sections: c.sections.map(({ backCover: _, ...s }) => s) })) };
    const items = quickChecklist(unmarked, 14);
    expect(items).toHaveLength(14);
    const lists = bank.chapters.flatMap((c) => c.sections.flatMap((s) => (s.checklist ? [s.checklist] : [])));
    expect(lists.length).toBeGreaterThan(2);
    for (const l of lists) expect(items).toContain(l[0]);
    expect(quickChecklist(unmarked, 1000)).toHaveLength(lists.flat().length);
  });

  it('prints under the organisation the imprint that says the handbook is its standard', () => {
    expect(view.back.imprint).toBe('本手册由个人金融业务部编印，是本部门客户经理服务与礼仪的执行标准，也是本部门相关考试的命题依据。');
  });
});

describe('layoutHandbook', () => {
  it('keeps each callout on one page, and every norm has a page', () => {
    const { pages } = layoutHandbook({ bank, templates: loadTemplates('templates'), theme: theme!, size: 'a6' });
    expect(pages.size).toBe(bank.norms.size);
    const view = handbookView(bank, theme!, { size: 'a6', organisation: '' });
    const callouts = view.chapters.flatMap((c) => c.sections.flatMap((s) => s.runs.filter((r) => r.isCallout && r.norms.length > 1)));
    expect(callouts.length).toBeGreaterThan(0);
    for (const r of callouts) expect(new Set(r.norms.map((n) => pages.get(n.id))).size, r.norms[0]!.number).toBe(1);
  });
});

describe('fitNotePages', () => {
  const doc = (pages: number, notesFrom: number): LaidOutDocument => ({
    info: { title: 't' },
    pages: Array.from({ length: pages }, () => ({ width: 1, height: 1, boxes: [] })),
    anchors: new Map([...Array.from({ length: NOTE_PAGES }, (_, i) => [`notes-${i + 1}`, notesFrom + i] as const), ['back-cover', pages] as const, ['early', 2] as const]),
  });

  it.each([[20, 0], [21, 1], [22, 2], [23, 3]])('%i pages lose %i note pages; the back cover stays last', (pages, dropped) => {
    const fitted = fitNotePages(doc(pages, pages - NOTE_PAGES));
    expect(fitted.pages.length).toBe(pages - dropped);
    expect(fitted.pages.length % 4).toBe(0);
    expect(fitted.anchors!.get('back-cover')).toBe(fitted.pages.length);
    expect(fitted.anchors!.get('early')).toBe(2);
  });
});
