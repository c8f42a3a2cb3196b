// The one table that defines the markup dialect: for every element, its attributes (with
// value checks) and what it may contain. The parser enforces it; MARKUP.md documents it.
import type { ElementName } from '../types.js';
import { isBoxLengths, isLength, isPageSize } from './units.js';

/** Checks an attribute value; returns undefined when fine, else what a valid value looks like. */
export type AttrCheck = (value: string) => string | undefined;

export interface ElementSpec {
  kind: 'block' | 'inline';
  attrs: Record<string, AttrCheck>;
  /** Element names allowed as children. */
  children: readonly ElementName[];
  /** Whether non-blank text may appear directly inside. */
  text: boolean;
}

const oneOf =
  (...values: string[]): AttrCheck =>
  (v) =>
    values.includes(v) ? undefined : `one of ${values.map((x) => `"${x}"`).join(', ')}`;

const length: AttrCheck = (v) => (isLength(v) ? undefined : 'a length like "12pt", "5mm" or "2em"');
const absLength: AttrCheck = (v) =>
  isLength(v, { em: false }) ? undefined : 'a length like "12pt", "5mm" or "1cm"';
const lengthOrPercent: AttrCheck = (v) =>
  isLength(v, { percent: true }) ? undefined : 'a length like "6em", "30mm" or "40%"';
const positiveInt =
  (max: number): AttrCheck =>
  (v) =>
    /^[1-9]\d*$/.test(v) && Number(v) <= max ? undefined : `a whole number from 1 to ${max}`;
const bool: AttrCheck = oneOf('true', 'false');
const anyText: AttrCheck = () => undefined;
const nonEmpty: AttrCheck = (v) => (v.trim() ? undefined : 'some text');
const color: AttrCheck = (v) =>
  /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v) ? undefined : 'a colour like "#c00000"';
const sizeCheck: AttrCheck = (v) =>
  isPageSize(v) ? undefined : 'A3, A4, A5, A6, A7, B4, B5 or "width height" like "210mm 297mm"';
const margins: AttrCheck = (v) =>
  isBoxLengths(v) ? undefined : '"20mm" or up to four lengths "top right bottom left"';
const fontSize: AttrCheck = (v) =>
  isLength(v) && !v.trim().startsWith('-') ? undefined : 'a size like "10.5pt" or "1.2em"';
const lineHeight: AttrCheck = (v) =>
  /^\d+(\.\d+)?$/.test(v) && Number(v) >= 0.8 && Number(v) <= 4 ? undefined : 'a multiple of the font size like "1.5"';
const widths: AttrCheck = (v) =>
  v.split(',').every((w) => w.trim() === '*' || isLength(w.trim(), { percent: true }))
    ? undefined
    : 'a comma list of column widths like "3em,*,20%" ("*" shares what is left)';
const choices: AttrCheck = (v) => (/^[A-Z]{2,8}$/.test(v) ? undefined : 'capital letters like "ABCD" or "TF"');
const letters: AttrCheck = (v) => (/^[A-Z]*$/.test(v) ? undefined : 'capital letters like "AC"');
const fields: AttrCheck = (v) => (v.split(',').every((f) => f.trim()) ? undefined : 'a comma list like "姓名,工号,部门"');

/** Every element: `from` names the bank item it came from; `anchor` names the block so layout reports its page. */
const FROM = { from: anyText, anchor: nonEmpty };
const INLINE_FROM = { from: anyText };
const ALIGN = oneOf('left', 'center', 'right', 'justify');
const FONT = oneOf('serif', 'sans');
const PAGE_MASTER = {
  size: sizeCheck,
  orientation: oneOf('portrait', 'landscape'),
  margin: margins,
  columns: oneOf('1', '2', '3'),
  'column-gap': absLength,
  'column-rule': bool,
  'binding-margin': absLength,
  running: bool,
};
const PARA = {
  ...FROM,
  align: ALIGN,
  indent: length,
  hang: length,
  size: fontSize,
  font: FONT,
  bold: bool,
  'space-before': length,
  'space-after': length,
  'keep-with-next': bool,
  'line-height': lineHeight,
};

export const INLINES = ['b', 'em', 'u', 'blank', 'br', 'span', 'box'] as const satisfies readonly ElementName[];
/** Header and footer content: the inlines plus the page placeholders, which only they may hold. */
export const RUNNING_INLINES = [...INLINES, 'page-number', 'page-count', 'running-title'] as const satisfies readonly ElementName[];
/** Blocks that flow down a column. */
export const FLOW = [
  'section', 'h1', 'h2', 'p', 'options', 'table', 'keep', 'columns', 'pagebreak', 'rule', 'spacer',
  'toc', 'checklist', 'bubble', 'qrcode', 'canvas',
] as const satisfies readonly ElementName[];

const inlineContainer = (attrs: Record<string, AttrCheck>): ElementSpec => ({
  kind: 'inline',
  attrs: { ...INLINE_FROM, ...attrs },
  children: INLINES,
  text: true,
});
const leaf = (attrs: Record<string, AttrCheck>): ElementSpec => ({
  kind: 'block',
  attrs: { ...FROM, ...attrs },
  children: [],
  text: false,
});

export const MARKUP_SPEC: Record<ElementName, ElementSpec> = {
  doc: {
    kind: 'block',
    attrs: {
      ...FROM,
      ...PAGE_MASTER,
      title: anyText,
      author: anyText,
      subject: anyText,
      keywords: anyText,
      lang: anyText,
      'font-size': fontSize,
      'line-height': lineHeight,
    },
    children: ['header', 'footer', 'seal', 'page', ...FLOW],
    text: false,
  },
  page: { kind: 'block', attrs: { ...FROM, ...PAGE_MASTER }, children: ['seal', ...FLOW], text: false },
  header: {
    kind: 'block',
    attrs: { ...FROM, align: oneOf('left', 'center', 'right'), pages: oneOf('all', 'odd', 'even'), size: fontSize, font: FONT, rule: bool, 'heading-pages': bool },
    children: RUNNING_INLINES,
    text: true,
  },
  footer: {
    kind: 'block',
    attrs: { ...FROM, align: oneOf('left', 'center', 'right'), pages: oneOf('all', 'odd', 'even'), size: fontSize, font: FONT, rule: bool, 'heading-pages': bool },
    children: RUNNING_INLINES,
    text: true,
  },
  section: { kind: 'block', attrs: { ...FROM }, children: FLOW, text: false },
  h1: { kind: 'block', attrs: { ...PARA, toc: anyText, running: anyText }, children: INLINES, text: true },
  h2: { kind: 'block', attrs: { ...PARA, toc: anyText, running: anyText }, children: INLINES, text: true },
  p: { kind: 'block', attrs: PARA, children: INLINES, text: true },
  options: {
    kind: 'block',
    attrs: { ...FROM, cols: oneOf('auto', '1', '2', '4'), indent: length, size: fontSize, 'space-after': length },
    children: ['opt'],
    text: false,
  },
  opt: { kind: 'block', attrs: { ...FROM, label: nonEmpty }, children: INLINES, text: true },
  table: {
    kind: 'block',
    attrs: {
      ...FROM,
      widths,
      border: oneOf('all', 'outer', 'none', 'rows'),
      'header-rows': oneOf('0', '1', '2', '3'),
      align: oneOf('left', 'center', 'right'),
      width: lengthOrPercent,
      size: fontSize,
      'space-before': length,
      'space-after': length,
      padding: length,
    },
    children: ['row'],
    text: false,
  },
  row: { kind: 'block', attrs: { ...FROM, height: length }, children: ['cell'], text: false },
  cell: {
    kind: 'block',
    attrs: {
      ...FROM,
      colspan: positiveInt(20),
      rowspan: positiveInt(50),
      align: ALIGN,
      valign: oneOf('top', 'middle', 'bottom'),
      fill: color,
      bold: bool,
    },
    children: INLINES,
    text: true,
  },
  keep: { kind: 'block', attrs: { ...FROM }, children: FLOW.filter((n) => n !== 'columns'), text: false },
  columns: {
    kind: 'block',
    attrs: { ...FROM, count: oneOf('2', '3'), gap: absLength, rule: bool, balance: bool },
    children: FLOW.filter((n) => n !== 'columns'),
    text: false,
  },
  pagebreak: leaf({ type: oneOf('page', 'column') }),
  rule: leaf({ thickness: absLength, dash: oneOf('solid', 'dashed', 'dotted'), space: length, color }),
  spacer: leaf({ height: length }),
  seal: leaf({ fields, text: nonEmpty, pages: oneOf('odd', 'all') }),
  toc: leaf({ title: anyText, depth: oneOf('1', '2') }),
  checklist: { kind: 'block', attrs: { ...FROM, 'space-after': length }, children: ['item'], text: false },
  item: { kind: 'block', attrs: { ...FROM, checked: bool }, children: INLINES, text: true },
  bubble: leaf({ number: nonEmpty, choices, filled: letters }),
  qrcode: leaf({ data: nonEmpty, size: absLength, align: oneOf('left', 'center', 'right'), caption: anyText }),
  canvas: {
    kind: 'block',
    attrs: { ...FROM, width: absLength, height: absLength },
    children: ['circle', 'rect', 'line', 'label', 'qr'],
    text: false,
  },
  circle: leaf({ cx: absLength, cy: absLength, r: absLength, stroke: color, fill: color, 'line-width': absLength }),
  rect: leaf({ x: absLength, y: absLength, w: absLength, h: absLength, stroke: color, fill: color, 'line-width': absLength }),
  line: leaf({ x1: absLength, y1: absLength, x2: absLength, y2: absLength, width: absLength, dash: oneOf('solid', 'dashed', 'dotted'), color }),
  label: {
    kind: 'block',
    attrs: { ...FROM, x: absLength, y: absLength, size: absLength, font: FONT, bold: bool, align: oneOf('left', 'center', 'right'), color },
    children: [],
    text: true,
  },
  qr: leaf({ x: absLength, y: absLength, size: absLength, data: nonEmpty }),
  b: inlineContainer({}),
  em: inlineContainer({}),
  u: inlineContainer({}),
  span: inlineContainer({ size: fontSize, font: FONT, color, bold: bool }),
  blank: { kind: 'inline', attrs: { ...INLINE_FROM, width: length, answer: anyText, type: oneOf('line', 'bracket') }, children: [], text: false },
  br: { kind: 'inline', attrs: { ...INLINE_FROM }, children: [], text: false },
  box: { kind: 'inline', attrs: { ...INLINE_FROM, checked: bool }, children: [], text: false },
  'page-number': { kind: 'inline', attrs: { ...INLINE_FROM }, children: [], text: false },
  'page-count': { kind: 'inline', attrs: { ...INLINE_FROM }, children: [], text: false },
  'running-title': { kind: 'inline', attrs: { ...INLINE_FROM }, children: [], text: false },
};

/** Required attributes (absent → error). */
export const REQUIRED_ATTRS: Partial<Record<ElementName, string[]>> = {
  bubble: ['number'],
  qrcode: ['data'],
  canvas: ['height'],
  circle: ['cx', 'cy', 'r'],
  rect: ['x', 'y', 'w', 'h'],
  line: ['x1', 'y1', 'x2', 'y2'],
  label: ['x', 'y'],
  qr: ['x', 'y', 'size', 'data'],
};

/** The elements that may be the outermost one. */
export const ROOT_ELEMENTS: readonly ElementName[] = ['doc'];
