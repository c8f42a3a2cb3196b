// The answer sheet (答题卡): its exact geometry, computed here once and used twice: drawn by the
// template (a <canvas> per page) and written beside the PDF as JSON for the scanner.
import type { Manifest } from '../assemble/manifest.js';
import type { ResolvedVariant } from '../assemble/resolve.js';
import { questionType } from '../questions/registry.js';
import { PT_PER_MM } from '../typeset/markup/units.js';
import { candidateFields, sectionHeading, variantMark } from './common.js';
import { fillIn, type Theme } from './theme.js';

const mm = (v: number) => Math.round(v * PT_PER_MM * 100) / 100;

export const SHEET_GEOMETRY_FORMAT = 1;

export interface BubbleGeometry {
  letter: string;
  cx: number;
  cy: number;
  r: number;
}

export interface SheetGeometry {
  format: number;
  units: 'pt';
  origin: 'top-left';
  page: { width: number; height: number };
  pages: number;
  paper: { id: string; title: string; variant: string; candidate: { id: string; name: string } | null };
  qr: { page: number; x: number; y: number; size: number; data: string }[];
  registration: { page: number; corner: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'; cx: number; cy: number; size: number }[];
  candidateId: { page: number; digits: number; columns: { index: number; bubbles: { digit: number; cx: number; cy: number; r: number }[] }[] };
  questions: { number: number; id: string; type: string; page: number; choices: string; bubbles: BubbleGeometry[] }[];
  fill: { number: number; id: string; page: number; blanks: number; box: { x: number; y: number; w: number; h: number } }[];
}

interface Shapes {
  circles: { cx: number; cy: number; r: number; fill: string; stroke: string; lineWidth: number }[];
  rects: { x: number; y: number; w: number; h: number; fill: string; stroke: string; lineWidth: number }[];
  lines: { x1: number; y1: number; x2: number; y2: number; width: number }[];
  labels: { x: number; y: number; size: number; font: string; bold: boolean; align: string; color: string; text: string }[];
  qr: { x: number; y: number; size: number; data: string }[];
}

export interface SheetPageView extends Shapes {
  height: number;
}

export interface SheetView {
  doc: { title: string; author: string };
  pages: SheetPageView[];
  geometry: SheetGeometry;
}

const PAGE = { w: 210, h: 297 };
const MARK = 6; // registration square side, mm
const LEFT = 18;
const RIGHT = 192;
const BOTTOM = 276;
const BUBBLE_R = 2;
const ROW = 5.5; // bubble row pitch
const PITCH = 7; // bubble column pitch
const GREY = '#666666';

function emptyPage(): Shapes {
  return { circles: [], rects: [], lines: [], labels: [], qr: [] };
}

export function sheetView(variant: ResolvedVariant, manifest: Manifest, theme: Theme, opts: { organisation: string; paperId: string }): SheetView {
  const mark = variantMark(theme, variant.label, variant.candidate);
  const candidate = variant.candidate ?? null;
  const qrData = `exampress:${opts.paperId}:${variant.label}:${candidate?.id ?? ''}`;
  const geometry: SheetGeometry = {
    format: SHEET_GEOMETRY_FORMAT,
    units: 'pt',
    origin: 'top-left',
    page: { width: mm(PAGE.w), height: mm(PAGE.h) },
    pages: 0,
    paper: { id: opts.paperId, title: variant.title, variant: variant.label, candidate },
    qr: [],
    registration: [],
    candidateId: { page: 1, digits: theme.sheet.idDigits, columns: [] },
    questions: [],
    fill: [],
  };
  const pages: Shapes[] = [];
  const title = fillIn(theme.sheet.title, { title: variant.title, variant: mark });

  const newPage = (): Shapes => {
    const p = emptyPage();
    const n = pages.length + 1;
    pages.push(p);
    const corners = [
      ['top-left', 8, 8],
      ['top-right', PAGE.w - 8 - MARK, 8],
      ['bottom-left', 8, PAGE.h - 8 - MARK],
      ['bottom-right', PAGE.w - 8 - MARK, PAGE.h - 8 - MARK],
    ] as const;
    for (const [corner, x, y] of corners) {
      p.rects.push({ x: mm(x), y: mm(y), w: mm(MARK), h: mm(MARK), fill: '#000000', stroke: '', lineWidth: 0 });
      geometry.registration.push({ page: n, corner, cx: mm(x + MARK / 2), cy: mm(y + MARK / 2), size: mm(MARK) });
    }
    const qrSize = n === 1 ? 22 : 16;
    const qrX = RIGHT - qrSize;
    const qrY = 14;
    p.qr.push({ x: mm(qrX), y: mm(qrY), size: mm(qrSize), data: `${qrData}:${n}` });
    geometry.qr.push({ page: n, x: mm(qrX), y: mm(qrY), size: mm(qrSize), data: `${qrData}:${n}` });
    p.labels.push({ x: mm(PAGE.w / 2 - 8), y: mm(22), size: 15, font: 'sans', bold: true, align: 'center', color: '', text: title });
    p.labels.push({ x: mm(PAGE.w / 2 - 8), y: mm(29), size: 9, font: 'serif', bold: false, align: 'center', color: '', text: `${mark}　${opts.organisation}　试卷编号 ${opts.paperId}${n > 1 ? `　第 ${n} 页` : ''}` });
    p.labels.push({ x: mm(PAGE.w / 2), y: mm(PAGE.h - 10), size: 8, font: 'serif', bold: false, align: 'center', color: GREY, text: `${mark}答题卡　请勿折叠　第 ${n} 页` });
    return p;
  };

  let page = newPage();
  // Candidate fields (or the candidate's printed name and id) on the left.
  const fields = candidateFields(theme, candidate ?? undefined);
  page.rects.push({ x: mm(LEFT), y: mm(36), w: mm(88), h: mm(58), fill: '', stroke: '#000000', lineWidth: 0.6 });
  fields.forEach(({ label, value }, i) => {
    const y = 44 + i * 8;
    page.labels.push({ x: mm(LEFT + 3), y: mm(y), size: 10.5, font: 'serif', bold: false, align: 'left', color: '', text: `${label}：` });
    page.lines.push({ x1: mm(LEFT + 16), y1: mm(y + 1), x2: mm(LEFT + 84), y2: mm(y + 1), width: 0.5 });
    if (value) page.labels.push({ x: mm(LEFT + 18), y: mm(y), size: 10.5, font: 'serif', bold: false, align: 'left', color: '', text: value });
  });
  // Filling example.
  const ex = 44 + fields.length * 8 + 2;
  page.labels.push({ x: mm(LEFT + 3), y: mm(ex), size: 9, font: 'serif', bold: false, align: 'left', color: '', text: '正确填涂' });
  page.circles.push({ cx: mm(LEFT + 21), cy: mm(ex - 1.2), r: mm(BUBBLE_R), fill: '#000000', stroke: '#000000', lineWidth: 0.5 });
  page.labels.push({ x: mm(LEFT + 28), y: mm(ex), size: 9, font: 'serif', bold: false, align: 'left', color: '', text: '错误填涂' });
  const wrong = [LEFT + 46, LEFT + 53, LEFT + 60, LEFT + 67];
  wrong.forEach((cx) => page.circles.push({ cx: mm(cx), cy: mm(ex - 1.2), r: mm(BUBBLE_R), fill: '', stroke: GREY, lineWidth: 0.5 }));
  // a tick, a cross, a dot, a half fill
  page.lines.push({ x1: mm(wrong[0]! - 1.2), y1: mm(ex - 1.2), x2: mm(wrong[0]! - 0.2), y2: mm(ex - 0.1), width: 0.8 });
  page.lines.push({ x1: mm(wrong[0]! - 0.2), y1: mm(ex - 0.1), x2: mm(wrong[0]! + 1.5), y2: mm(ex - 2.6), width: 0.8 });
  page.lines.push({ x1: mm(wrong[1]! - 1.3), y1: mm(ex - 2.5), x2: mm(wrong[1]! + 1.3), y2: mm(ex + 0.1), width: 0.8 });
  page.lines.push({ x1: mm(wrong[1]! - 1.3), y1: mm(ex + 0.1), x2: mm(wrong[1]! + 1.3), y2: mm(ex - 2.5), width: 0.8 });
  page.circles.push({ cx: mm(wrong[2]!), cy: mm(ex - 1.2), r: mm(0.6), fill: '#000000', stroke: '', lineWidth: 0 });
  page.rects.push({ x: mm(wrong[3]! - 1.4), y: mm(ex - 1.2), w: mm(2.8), h: mm(1.3), fill: '#000000', stroke: '', lineWidth: 0 });
  theme.sheet.instructions.forEach((t, i) => {
    page.labels.push({ x: mm(LEFT + 3), y: mm(ex + 7 + i * 5), size: 8, font: 'serif', bold: false, align: 'left', color: '', text: `${i + 1}. ${t}` });
  });

  // Candidate-number grid on the right: a box to write each digit, then bubbles 0-9.
  const digits = theme.sheet.idDigits;
  if (digits > 0) {
    const gx = RIGHT - digits * 6;
    page.labels.push({ x: mm(gx + (digits * 6) / 2), y: mm(40), size: 9, font: 'sans', bold: true, align: 'center', color: '', text: theme.sheet.idLabel });
    page.rects.push({ x: mm(gx - 2), y: mm(36), w: mm(digits * 6 + 2), h: mm(58), fill: '', stroke: '#000000', lineWidth: 0.6 });
    for (let c = 0; c < digits; c++) {
      const cx = gx + 2 + c * 6;
      page.rects.push({ x: mm(cx - 2.5), y: mm(42), w: mm(5), h: mm(5), fill: '', stroke: '#000000', lineWidth: 0.4 });
      if (candidate) {
        const d = candidate.id[c];
        if (d) page.labels.push({ x: mm(cx), y: mm(46), size: 9, font: 'serif', bold: false, align: 'center', color: '', text: d });
      }
      const bubbles = [];
      for (let d = 0; d <= 9; d++) {
        const cy = 51 + d * 4.3;
        // A roster's sheets come with the candidate's number already filled in.
        const filled = candidate?.id[c] === String(d);
        page.circles.push({ cx: mm(cx), cy: mm(cy), r: mm(1.7), fill: filled ? '#000000' : '', stroke: GREY, lineWidth: 0.5 });
        page.labels.push({ x: mm(cx), y: mm(cy + 0.9), size: 6, font: 'sans', bold: false, align: 'center', color: GREY, text: String(d) });
        bubbles.push({ digit: d, cx: mm(cx), cy: mm(cy), r: mm(1.7) });
      }
      geometry.candidateId.columns.push({ index: c, bubbles });
    }
  }

  let y = 98;
  const ensure = (height: number) => {
    if (y + height > BOTTOM) {
      page = newPage();
      y = 40;
    }
  };
  variant.sections.forEach((s, si) => {
    const heading = sectionHeading(si, s.title);
    const cells = questionType(s.type).sheet;
    if (cells.kind === 'lines') {
      ensure(14);
      page.labels.push({ x: mm(LEFT), y: mm(y + 4), size: 10, font: 'sans', bold: true, align: 'left', color: '', text: heading });
      y += 7;
      for (const q of s.questions) {
        const blanks = Array.isArray(q.answer) ? q.answer.length : 1;
        const h = 8 * Math.ceil(blanks / 2);
        ensure(h);
        geometry.fill.push({ number: q.number, id: q.id, page: pages.length, blanks, box: { x: mm(LEFT), y: mm(y), w: mm(RIGHT - LEFT), h: mm(h) } });
        page.labels.push({ x: mm(LEFT + 1), y: mm(y + 6), size: 10, font: 'serif', bold: false, align: 'left', color: '', text: `${q.number}.` });
        for (let b = 0; b < blanks; b++) {
          const row = Math.floor(b / 2);
          const x0 = LEFT + 10 + (b % 2) * 82;
          const ly = y + 6.5 + row * 8;
          if (blanks > 1) page.labels.push({ x: mm(x0), y: mm(ly - 1), size: 8, font: 'serif', bold: false, align: 'left', color: GREY, text: `(${b + 1})` });
          page.lines.push({ x1: mm(x0 + (blanks > 1 ? 6 : 0)), y1: mm(ly), x2: mm(x0 + 76), y2: mm(ly), width: 0.5 });
        }
        y += h;
      }
      y += 4;
      return;
    }
    const choices = cells.letters(Math.max(...s.questions.map((q) => q.options.length), 2));
    const [yes, no] = theme.sheet.judgeLabels;
    const faces = cells.faces ? cells.faces({ true: yes, false: no }) : [...choices];
    const blockW = 8 + choices.length * PITCH + 5;
    const perRow = Math.max(1, Math.floor((RIGHT - LEFT + 5) / blockW));
    const blocks: (typeof s.questions)[] = [];
    for (let k = 0; k < s.questions.length; k += 5) blocks.push(s.questions.slice(k, k + 5));
    ensure(7 + 5 * ROW + 4);
    page.labels.push({ x: mm(LEFT), y: mm(y + 4), size: 10, font: 'sans', bold: true, align: 'left', color: '', text: heading });
    y += 7;
    for (let b = 0; b < blocks.length; b += perRow) {
      ensure(5 * ROW + 4);
      blocks.slice(b, b + perRow).forEach((block, bi) => {
        const x0 = LEFT + bi * blockW;
        page.rects.push({ x: mm(x0 - 1), y: mm(y - 1), w: mm(blockW - 3), h: mm(5 * ROW + 1), fill: '', stroke: '#999999', lineWidth: 0.4 });
        block.forEach((q, r) => {
          const cy = y + ROW / 2 + r * ROW;
          page.labels.push({ x: mm(x0 + 6), y: mm(cy + 1.2), size: 9, font: 'serif', bold: false, align: 'right', color: '', text: String(q.number) });
          const bubbles: BubbleGeometry[] = [];
          const own = cells.letters(q.options.length);
          [...own].forEach((letter, li) => {
            const cx = x0 + 8 + BUBBLE_R + li * PITCH;
            page.circles.push({ cx: mm(cx), cy: mm(cy), r: mm(BUBBLE_R), fill: '', stroke: GREY, lineWidth: 0.5 });
            page.labels.push({ x: mm(cx), y: mm(cy + 1), size: 6.5, font: 'sans', bold: false, align: 'center', color: GREY, text: faces[li]! });
            bubbles.push({ letter, cx: mm(cx), cy: mm(cy), r: mm(BUBBLE_R) });
          });
          geometry.questions.push({ number: q.number, id: q.id, type: s.type, page: pages.length, choices: own, bubbles });
        });
      });
      y += 5 * ROW + 4;
    }
    y += 2;
  });
  geometry.pages = pages.length;
  return {
    doc: { title: `${title}（${mark}）`, author: opts.organisation },
    pages: pages.map((p) => ({ ...p, height: mm(PAGE.h) })),
    geometry,
  };
}

/** The geometry as written beside the PDF: fixed key order, 2-space indent. */
export function serializeGeometry(g: SheetGeometry): string {
  return `${JSON.stringify(g, null, 2)}\n`;
}

export type { Manifest };
