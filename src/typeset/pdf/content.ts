// Page boxes → a PDF content stream. Coordinates stay in page space (origin top-left,
// y down): the page starts with a flipping `cm`, and text uses a Tm with d = -1 so glyphs
// stand upright; the first text box of a BT block sets it, the others move from it with Td (a
// quarter of a page's bytes were Tm operators; relative moves, often repeated, deflate better). Text is one TJ per box with kerning adjustments that put every glyph at
// exactly x + dx[i].
import { TypesetError, type Box, type Color, type FontFace, type TextBox } from '../types.js';

/** How the content writer reaches the embedded fonts (see embed.ts). */
export interface GlyphEncoder {
  /** The embedded font for a face key, registered as a resource of the current page. */
  font(faceKey: string): EncodedFont;
}

export interface EncodedFont {
  /** The resource name, e.g. "F1". */
  resource: string;
  /**
   * The glyph's two-byte code (Identity-H) in the face's subset, as the inside of a PDF
   * literal string: two latin1 characters, with ( ) \ CR LF escaped.
   */
  code(codePoint: number): string;
  /** The glyph's advance in thousandths of an em (the width written in the font's W array). */
  width(codePoint: number): number;
}

/** A number as PDF wants it: at most 3 decimals, no exponent, no "-0". */
export function pdfNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const r = Math.round(n * 1000) / 1000;
  return r === 0 ? '0' : String(r); // 3 decimals never print with an exponent
}

const colorCache = new Map<string, string>();
/** "#rgb" / "#rrggbb" → "r g b" (0..1). */
export function pdfColor(color: Color): string {
  let cached = colorCache.get(color);
  if (cached) return cached;
  let hex = color.trim().replace(/^#/, '');
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  if (!/^[0-9a-fA-F]{6}$/.test(hex)) throw new TypesetError(`"${color}" is not a colour; write it as #rrggbb (e.g. #1a5fb4).`);
  cached = [0, 2, 4].map((i) => pdfNumber(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ');
  colorCache.set(color, cached);
  return cached;
}

interface GraphicsState {
  fill: string;
  stroke: string;
  lineWidth: number;
  dash: string;
  font: string;
  size: number;
  /** Tc, in points. */
  charSpacing: number;
  /** Where the text line matrix stands (as written, rounded), inside BT … ET; undefined after BT. */
  textAt?: { x: number; y: number };
}

const KAPPA = 0.5522847498307936;

/** Appends the content operators for `boxes` to `out` (joined later with "\n"). */
export function writeBoxes(boxes: readonly Box[], glyphs: GlyphEncoder, out: string[]): void {
  const state: GraphicsState = { fill: '0 0 0', stroke: '0 0 0', lineWidth: 1, dash: '', font: '', size: 0, charSpacing: 0 };
  writeList(boxes, glyphs, out, state);
}

function writeList(boxes: readonly Box[], glyphs: GlyphEncoder, out: string[], state: GraphicsState): void {
  let inText = false;
  for (const box of boxes) {
    if (box.kind === 'text') {
      if (!inText) {
        out.push('BT');
        state.textAt = undefined;
        inText = true;
      }
      writeText(box, glyphs, out, state);
      continue;
    }
    if (inText) {
      out.push('ET');
      inText = false;
    }
    switch (box.kind) {
      case 'line': {
        setStroke(box.color ?? '#000000', out, state);
        setLineWidth(box.width, out, state);
        const dash = box.dash ? `[${pdfNumber(box.dash[0])} ${pdfNumber(box.dash[1])}] 0 d` : '[] 0 d';
        if (dash !== state.dash) {
          out.push(dash);
          state.dash = dash;
        }
        out.push(`${pdfNumber(box.x1)} ${pdfNumber(box.y1)} m ${pdfNumber(box.x2)} ${pdfNumber(box.y2)} l S`);
        break;
      }
      case 'rect': {
        const op = paintOperator(box.stroke, box.fill, box.lineWidth, out, state);
        if (op) out.push(`${pdfNumber(box.x)} ${pdfNumber(box.y)} ${pdfNumber(box.w)} ${pdfNumber(box.h)} re ${op}`);
        break;
      }
      case 'circle': {
        const op = paintOperator(box.stroke, box.fill, box.lineWidth, out, state);
        if (op) out.push(`${circlePath(box.cx, box.cy, box.r)} ${op}`);
        break;
      }
      case 'group': {
        out.push(`q ${box.transform.map(pdfNumber).join(' ')} cm`);
        writeList(box.boxes, glyphs, out, { ...state });
        out.push('Q');
        break;
      }
    }
  }
  if (inText) out.push('ET');
}

function setStroke(color: Color, out: string[], state: GraphicsState): void {
  const rgb = pdfColor(color);
  if (rgb !== state.stroke) {
    out.push(`${rgb} RG`);
    state.stroke = rgb;
  }
}

function setFill(color: Color, out: string[], state: GraphicsState): void {
  const rgb = pdfColor(color);
  if (rgb !== state.fill) {
    out.push(`${rgb} rg`);
    state.fill = rgb;
  }
}

function setLineWidth(width: number, out: string[], state: GraphicsState): void {
  if (width !== state.lineWidth) {
    out.push(`${pdfNumber(width)} w`);
    state.lineWidth = width;
  }
}

/** Sets colours and width for a shape; returns S, f, B, or '' when nothing is painted. */
function paintOperator(stroke: Color | undefined, fill: Color | undefined, lineWidth: number | undefined, out: string[], state: GraphicsState): string {
  if (fill) setFill(fill, out, state);
  if (stroke) {
    setStroke(stroke, out, state);
    setLineWidth(lineWidth ?? 1, out, state);
    if (state.dash !== '[] 0 d') {
      out.push('[] 0 d');
      state.dash = '[] 0 d';
    }
  }
  return stroke && fill ? 'B' : stroke ? 'S' : fill ? 'f' : '';
}

function circlePath(cx: number, cy: number, r: number): string {
  const k = r * KAPPA;
  const n = pdfNumber;
  return [
    `${n(cx + r)} ${n(cy)} m`,
    `${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)} c`,
    `${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)} c`,
    `${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} c`,
    `${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)} c h`,
  ].join(' ');
}

/**
 * Puts the text line matrix at (x, y): a Tm in a new BT block, else a Td from where it stands.
 * Each move is measured from the position as written, so rounding never accumulates: every
 * glyph lands within 0.0005 pt of where layout put it, as with an absolute Tm.
 */
function moveText(x: number, y: number, out: string[], state: GraphicsState): void {
  const at = state.textAt;
  if (!at) {
    const tx = pdfNumber(x);
    const ty = pdfNumber(y);
    out.push(`1 0 0 -1 ${tx} ${ty} Tm`);
    state.textAt = { x: Number(tx), y: Number(ty) };
    return;
  }
  // Td moves in text space, whose y axis points up (d = -1 in the Tm): down the page is negative.
  const dx = pdfNumber(x - at.x);
  const dy = pdfNumber(at.y - y);
  out.push(`${dx} ${dy} Td`);
  state.textAt = { x: at.x + Number(dx), y: at.y - Number(dy) };
}

// Scratch space for one text box, reused: code points and advances (thousandths of an em).
let cps = new Int32Array(256);
let widths = new Float64Array(256);

function writeText(box: TextBox, glyphs: GlyphEncoder, out: string[], state: GraphicsState): void {
  const { face, size, dx, text } = box;
  if (text.length === 0) return;
  setFill(box.color ?? '#000000', out, state);
  const font = glyphs.font(face);
  const resource = font.resource;
  if (resource !== state.font || size !== state.size) {
    out.push(`/${resource} ${pdfNumber(size)} Tf`);
    state.font = resource;
    state.size = size;
  }
  moveText(box.x, box.y, out, state);

  if (cps.length < text.length) {
    cps = new Int32Array(text.length * 2);
    widths = new Float64Array(text.length * 2);
  }
  let n = 0;
  for (let u = 0; u < text.length; u++) {
    let cp = text.charCodeAt(u);
    if (cp >= 0xd800 && cp <= 0xdbff && u + 1 < text.length) {
      cp = ((cp - 0xd800) << 10) + (text.charCodeAt(++u) - 0xdc00) + 0x10000;
    }
    cps[n] = cp;
    widths[n] = font.width(cp);
    n++;
  }
  if (n !== dx.length) {
    throw new Error(`writePdf: text box "${text}" has ${dx.length} offsets (dx) for ${n} characters`);
  }

  // Justified CJK lines add the same space after most characters: say it once with Tc
  // (character spacing, in points) and write adjustments only where a gap differs.
  const toUnits = 1000 / size;
  const spacing = commonSpacing(dx, n, size);
  if (spacing !== state.charSpacing) {
    out.push(`${spacing} Tc`);
    state.charSpacing = spacing;
  }
  const spacingUnits = spacing * toUnits;

  // TJ numbers are thousandths of an em subtracted from the pen after each glyph. `pen` is
  // where the emitted numbers really put the pen, so rounding never accumulates; a glyph is
  // left where it is when it is within 0.05/1000 em of its place (0.0005 pt at 10 pt).
  // Codes are binary literal strings: half the bytes of hex, so less to build and deflate.
  let tj = '[(';
  let pen = 0;
  for (let i = 0; i < n; i++) {
    const target = (dx[i] ?? 0) * toUnits;
    const adjust = Math.round((pen - target) * 100) / 100;
    if (adjust >= 0.05 || adjust <= -0.05) {
      tj = i === 0 ? `[${adjust}(` : `${tj})${adjust}(`;
      pen -= adjust;
    }
    tj += font.code(cps[i]!);
    pen += widths[i]! + spacingUnits;
  }
  out.push(`${tj})] TJ`);
}

/** The most frequent extra space (pt, to 1e-5) between consecutive glyphs; 0 if none repeats. */
function commonSpacing(dx: readonly number[], n: number, size: number): number {
  if (n < 3) return 0;
  let best = 0;
  let bestCount = 1;
  let current = Number.NaN;
  let count = 0;
  // Gaps usually come in runs of the same value, so counting runs finds the mode cheaply.
  for (let i = 0; i + 1 < n; i++) {
    const extra = Math.round(((dx[i + 1] ?? 0) - (dx[i] ?? 0) - (widths[i]! * size) / 1000) * 1e5) / 1e5;
    if (extra === current) count++;
    else {
      current = extra;
      count = 1;
    }
    if (count > bestCount) {
      best = extra;
      bestCount = count;
    }
  }
  return best;
}

/** Two literal-string bytes for a 16-bit subset glyph id (PDF 32000-1, 7.3.4.2 escapes). */
export function literalCode(sub: number): string {
  return literalByte(sub >> 8) + literalByte(sub & 0xff);
}

/** One byte inside a PDF literal string (PDF 32000-1, 7.3.4.2): parentheses, backslash and line ends escaped. */
function literalByte(b: number): string {
  switch (b) {
    case 0x28:
      return '\\(';
    case 0x29:
      return '\\)';
    case 0x5c:
      return '\\\\';
    case 0x0d:
      return '\\r';
    case 0x0a:
      return '\\n';
    default:
      return String.fromCharCode(b);
  }
}

/** Each page's content stream, written once however many sheets place the page. */
export function pageContents(doc: { pages: readonly { boxes: readonly Box[] }[] }, encoder: GlyphEncoder): (index: number) => string {
  const cache = new Map<number, string>();
  return (index) => {
    let content = cache.get(index);
    if (content === undefined) {
      const out: string[] = [];
      writeBoxes(doc.pages[index]!.boxes, encoder, out);
      content = out.join('\n');
      cache.set(index, content);
    }
    return content;
  };
}

/**
 * A face's code point → two-byte subset code. The hot path is one typed-array read per
 * character (0 = not yet seen; the subset's 0 is .notdef, which we never print); on first
 * use of a glyph `addGlyph` gives it its subset id.
 */
export function subsetCoder(face: FontFace, addGlyph: (glyphId: number, codePoint: number) => number): (codePoint: number) => string {
  const subsetIdOfCodePoint = new Int32Array(0x10000);
  const codeOfSubsetId: string[] = ['\0\0'];
  const subsetIdOfGlyph = new Map<number, number>();
  const include = (codePoint: number): string => {
    const gid = face.glyphId(codePoint);
    // Layout picks faces with faceFor(); this catches boxes made some other way.
    if (gid === 0) throw missingGlyph(face, codePoint);
    let sub = subsetIdOfGlyph.get(gid);
    if (sub === undefined) {
      sub = addGlyph(gid, codePoint);
      codeOfSubsetId[sub] = literalCode(sub);
      subsetIdOfGlyph.set(gid, sub);
    }
    if (codePoint < 0x10000) subsetIdOfCodePoint[codePoint] = sub;
    return codeOfSubsetId[sub]!;
  };
  return (codePoint) => {
    const sub = codePoint < 0x10000 ? subsetIdOfCodePoint[codePoint]! : 0;
    return sub !== 0 ? codeOfSubsetId[sub]! : include(codePoint);
  };
}

/** The error for a character the face has no glyph for (it would print as an empty box). */
export function missingGlyph(face: FontFace, codePoint: number): TypesetError {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  return new TypesetError(`The font ${face.file} (${face.key}) has no glyph for "${String.fromCodePoint(codePoint)}" (U+${hex}); it would print as an empty box.`);
}
