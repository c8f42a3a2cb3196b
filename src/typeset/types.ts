// The contracts between the typesetting stages: markup → node tree → lines → Page[] → PDF.
// All lengths are PDF points (1/72 in). Page coordinates have their origin at the
// top-left corner of the page, y growing downwards; the PDF writer flips them.

// ---------------------------------------------------------------------------
// Markup (src/typeset/markup): a strict XML dialect produced by handlebars templates.
// ---------------------------------------------------------------------------

/** Where a node came from: the template's name and a 1-based line and column. */
export interface SourcePos {
  template: string;
  line: number;
  col: number;
}

export const BLOCK_ELEMENTS = [
  'doc', 'page', 'header', 'footer', 'section', 'h1', 'h2', 'p', 'options', 'opt', 'table',
  'row', 'cell', 'keep', 'columns', 'pagebreak', 'rule', 'spacer', 'seal', 'toc', 'checklist',
  'item', 'bubble', 'qrcode', 'canvas', 'circle', 'rect', 'line', 'label', 'qr',
] as const;
export const INLINE_ELEMENTS = ['b', 'em', 'u', 'blank', 'br', 'span', 'box', 'page-number', 'page-count', 'running-title'] as const;

export type BlockName = (typeof BLOCK_ELEMENTS)[number];
export type InlineName = (typeof INLINE_ELEMENTS)[number];
export type ElementName = BlockName | InlineName;

export interface ElementNode {
  type: 'element';
  name: ElementName;
  attrs: Record<string, string>;
  children: MarkupNode[];
  pos: SourcePos;
}

export interface TextNode {
  type: 'text';
  /** Entity-decoded text. Whitespace is kept as written; layout collapses it. */
  text: string;
  pos: SourcePos;
}

export type MarkupNode = ElementNode | TextNode;

/** A problem found in markup or during layout, located for a person to fix. */
export class TypesetError extends Error {
  constructor(
    message: string,
    readonly pos?: SourcePos,
    /** The bank item the text came from (the `from` attribute of an enclosing element). */
    readonly from?: string,
  ) {
    super(message);
    this.name = 'TypesetError';
  }
}

// ---------------------------------------------------------------------------
// Fonts (src/typeset/fonts): loaded once per process, measured by us.
// ---------------------------------------------------------------------------

/** A family name used by markup: `serif` (宋体-style body), `sans` (黑体-style headings). */
export type FamilyName = string;

export interface FontFace {
  /** Stable key, e.g. "serif-regular"; the PDF writer embeds one subset per key. */
  key: string;
  family: FamilyName;
  bold: boolean;
  /** Path of the font file, for error messages and for the PDF writer. */
  file: string;
  /** PostScript name, for PDF font names. */
  postscriptName: string;
  /** Ascender and descender as fractions of the em (descender negative). */
  ascent: number;
  descent: number;
  /** Underline position (negative, below baseline) and thickness, fractions of the em. */
  underlinePosition: number;
  underlineThickness: number;
  hasChar(codePoint: number): boolean;
  /** Advance width as a fraction of the em (multiply by the font size). Cached per code point. */
  advance(codePoint: number): number;
  glyphId(codePoint: number): number;
  /**
   * Where the glyph's ink lies across its advance: [left, right] as fractions of the em from
   * the glyph's origin (outline control points included); undefined for a glyph without ink
   * or a face that cannot say. Measured once per character and cached.
   */
  inkExtent?(codePoint: number): readonly [number, number] | undefined;
}

export interface FontSet {
  /** The face for a family and weight; throws TypesetError for an unknown family. */
  face(family: FamilyName, bold: boolean): FontFace;
  /**
   * The face that draws this character: the requested one, else the first face of the
   * family's fallback chain that has it; undefined when no configured font covers it.
   */
  faceFor(codePoint: number, family: FamilyName, bold: boolean): FontFace | undefined;
  /** Every face, in a stable order. */
  faces(): FontFace[];
  /** Human description of the chain for a family, for "not covered" errors. */
  describe(family: FamilyName): string;
}

// ---------------------------------------------------------------------------
// Inline content and paragraph setting (src/typeset/layout, the line engine).
// ---------------------------------------------------------------------------

export interface InlineStyle {
  family: FamilyName;
  bold: boolean;
  /** Font size in points. */
  size: number;
  underline?: boolean;
  /** 着重号: a dot under each CJK character. */
  emphasisDots?: boolean;
  /** CSS-like hex colour, default black. */
  color?: string;
}

export type InlineItem =
  | { kind: 'text'; text: string; style: InlineStyle; from?: string; placeholder?: 'page' | 'pages' | 'heading' }
  /** An answer blank: an underline of the given width (pt); `answer` is printed on it in keys. */
  | { kind: 'blank'; width: number; style: InlineStyle; answer?: string }
  /** The answer bracket (  ) that closes a choice stem; `answer` fills it in keys. Never broken. */
  | { kind: 'bracket'; style: InlineStyle; answer?: string }
  /** A forced line break. */
  | { kind: 'break' }
  /** An atomic inline box (checkbox, small graphic) drawn by `boxes` relative to its baseline origin. */
  | { kind: 'box'; width: number; ascent: number; descent: number; boxes: Box[] };

export interface ParagraphStyle {
  align: 'justify' | 'left' | 'center' | 'right';
  /** First-line indent in points (2em for body text). */
  indent: number;
  /** Hanging indent in points for lines after the first (question numbers). */
  hang?: number;
  /** Line height as a multiple of the largest font size on the line. */
  lineHeight: number;
  /**
   * Full-width punctuation inside a line (clreq 3.1.6): `compress` (default) lets a mark be set
   * half width, within what its ink allows, before the line is stretched, so a line may take
   * one more character; `full-width` keeps marks whole inside lines. Either way adjacent marks
   * take 1.5 em and line-end marks give up their blank.
   */
  punctuation?: PunctuationMode;
}

export const PUNCTUATION_MODES = ['compress', 'full-width'] as const;
export type PunctuationMode = (typeof PUNCTUATION_MODES)[number];

/** One set line: boxes relative to the line's left edge (x) and baseline (y = 0). */
export interface SetLine {
  /** The measure the line was set to (pt). */
  width: number;
  /** Sum of the content's natural advances before stretching or shrinking. */
  naturalWidth: number;
  /** The x where the content ends after justification (equals width when justified). */
  contentWidth: number;
  ascent: number;
  descent: number;
  /** Baseline-to-baseline advance this line asks for. */
  height: number;
  justified: boolean;
  /** The characters on the line in order (for tests and text extraction). */
  text: string;
  boxes: Box[];
}

// ---------------------------------------------------------------------------
// Positioned boxes (output of layout, input of the PDF writer).
// ---------------------------------------------------------------------------

export type Color = string; // "#000000"

/** A run of characters in one face and size, each at its own x (justification, squeezing). */
export interface TextBox {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  face: string; // FontFace.key
  size: number;
  text: string;
  /** x offset of each code point of `text` from `x` (length = number of code points). */
  dx: number[];
  color?: Color;
}

export interface LineSegBox {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  dash?: [number, number];
  color?: Color;
}

export interface RectBox {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  stroke?: Color;
  fill?: Color;
  lineWidth?: number;
}

export interface CircleBox {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  stroke?: Color;
  fill?: Color;
  lineWidth?: number;
}

/** Boxes drawn under an affine transform [a b c d e f] (page coordinates), e.g. rotated seal text. */
export interface GroupBox {
  kind: 'group';
  transform: [number, number, number, number, number, number];
  boxes: Box[];
}

export type Box = TextBox | LineSegBox | RectBox | CircleBox | GroupBox;

export interface Page {
  width: number;
  height: number;
  boxes: Box[];
}

export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** BCP 47, default zh-CN. */
  lang?: string;
}

/** Something layout had to compromise on (e.g. a keep group taller than a column was split). */
export interface LayoutWarning {
  message: string;
  pos?: SourcePos;
}

/** Layout's result: what the PDF writer needs, and nothing it has to compute. */
export interface LaidOutDocument {
  info: DocumentInfo;
  pages: Page[];
  /** Page (1-based) where each block with an `anchor` attribute starts; absent when none has one. */
  anchors?: ReadonlyMap<string, number>;
  /** Compromises layout made; empty or absent when none. */
  warnings?: LayoutWarning[];
  /**
   * Problems that make the document unfit to print (a character no font draws), every one of
   * them, located; absent when none. Such a document is laid out without those characters.
   */
  problems?: TypesetError[];
}
