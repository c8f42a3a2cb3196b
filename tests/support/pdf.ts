/**
 * Reads PDFs back the way a reader sees them, with nothing but npm packages: Mozilla's pdf.js
 * (pdfjs-dist, an implementation independent of ours and of pdfkit) for text, glyph boxes,
 * fonts, metadata and pixels, rendered through @napi-rs/canvas. No poppler needed.
 *
 *   const pdf = await openPdf(bytes);          // Buffer, Uint8Array or a file path
 *   pdf.numPages; pdf.info.Title;              // info dictionary (+ Lang from the catalog)
 *   const page = await pdf.page(1);            // pages are numbered from 1, as in a viewer
 *   page.size;                                 // { width, height } in points
 *   await page.text();                         // lines in reading order, joined by "\n"
 *   await page.items();                        // glyph runs: { str, x, y, width, height, baseline, fontName }
 *   await page.fonts();                        // { name, subsetTag, baseName, type, embedded, toUnicode }
 *   const img = await page.render({ dpi: 72 }); // RGBA pixels; img.rgb(x, y); img.toPNG()
 *   await pdf.fonts();                         // every page's fonts, each once (like pdffonts)
 *   await pdfText(bytes);                      // every page's text, each page ended by "\f" (like pdftotext)
 *   await pdfProblems(bytes);                  // [] for a sound file: our xref/object check + pdf.js complaints
 *   savePng('page.png', img);                  // to look at a page yourself
 *
 * Coordinates are points with the origin at the TOP-LEFT of the page (y grows downwards), the
 * same as our layout's boxes. A run's box spans the font's ascent to descent around the baseline
 * (like `pdftotext -bbox`); for rotated text it is the axis-aligned box around the turned run.
 * A run is what pdf.js makes of the shown strings: glyphs closer than ~0.1 em stay in one run
 * (so justified CJK text comes back as whole runs, without per-glyph positions), a gap of
 * ~0.1–0.6 em becomes a " " inside the run, a wider gap starts a new run. To check each glyph's
 * position, space the glyphs more than 0.6 em apart.
 *
 * pdf.js keeps going after most errors and only prints "Warning: …". Here every such warning
 * while a file is read makes the call fail (a `PdfComplaint`), unless the file was opened with
 * `{ strict: false }`; then the warnings are collected in `pdf.warnings`. `pdfProblems` adds a
 * check pdf.js does not make: the cross-reference table and the objects it points at (offsets,
 * `obj`/`endobj`, stream lengths, references to objects that exist, trailer /Size and /Root;
 * tests/support/pdf-structure.ts, also the source of each font's /ToUnicode and type).
 *
 * pdf.js is set up as exampress itself reads PDFs (src/pdfjs.ts: Path2D, ImageData and DOMMatrix
 * from @napi-rs/canvas on globalThis first, its worker in this thread), once per test file
 * (vitest gives each file its own module graph), lazily on the first call.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { drawPdfPage, loadPdfjs, openPdfDocument, type Pdfjs, type PdfjsPage } from '../../src/pdfjs.js';
import { RawObjects, structureProblems } from './pdf-structure.js';

export { structureProblems } from './pdf-structure.js';


/** pdf.js reported a warning or an error while reading a file opened strictly. */
export class PdfComplaint extends Error {
  constructor(
    readonly file: string,
    readonly warnings: readonly string[],
  ) {
    super(`pdf.js complained about ${file}:\n  ${warnings.join('\n  ')}`);
    this.name = 'PdfComplaint';
  }
}

export interface PdfInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate?: string;
  ModDate?: string;
  /** The catalog's /Lang, e.g. "zh-CN". */
  Lang?: string;
  /** The PDF version of the header, e.g. "1.7". */
  PDFFormatVersion?: string;
}

/** A run of glyphs as pdf.js extracts it (a TJ/Tj string, split where a gap is wide). */
export interface TextRun {
  str: string;
  /** Left edge of the run's box, points from the page's left edge. */
  x: number;
  /** Top edge of the run's box (ascent), points from the page's top edge. */
  y: number;
  width: number;
  height: number;
  /** y of the baseline (points from the top) for horizontal text. */
  baseline: number;
  /** Font size in points (the text matrix's vertical scale). */
  size: number;
  /** True when the run is not written left to right horizontally (turned by a transform). */
  rotated: boolean;
  /** The PDF font's BaseFont, subset tag included (e.g. "ABCDEF+NotoSerifCJKsc-Regular"). */
  fontName: string;
}

export interface PdfFont {
  /** BaseFont as written, subset tag included. */
  name: string;
  /** The six capital letters before "+", or undefined for a font that is not a subset. */
  subsetTag: string | undefined;
  /** The name without the subset tag. */
  baseName: string;
  /** In pdffonts' words: "CID Type 0C", "CID TrueType", "Type 1", "TrueType", "Type 3" … */
  type: string;
  /** A font program is in the file and pdf.js loaded it (not a substitute). */
  embedded: boolean;
  /** The font dictionary has a /ToUnicode map. */
  toUnicode: boolean;
}

export interface Rendering {
  /** Pixels; at 72 dpi one pixel is one point. */
  width: number;
  height: number;
  /** RGBA, row by row from the top-left. */
  data: Uint8ClampedArray;
  /** The colour at (x, y) in pixels, rounded to the nearest pixel. */
  rgb(x: number, y: number): [number, number, number];
  toPNG(): Buffer;
}

export interface PdfPage {
  /** 1-based. */
  readonly number: number;
  /** In points, as displayed (after /Rotate). */
  readonly size: { width: number; height: number };
  /** Text in reading (content-stream) order, one line per baseline, lines joined by "\n". */
  text(): Promise<string>;
  /** Glyph runs with their boxes (the spaces pdf.js infers from wide gaps left out). */
  items(): Promise<TextRun[]>;
  /** The fonts the page's content uses, in order of first use. */
  fonts(): Promise<PdfFont[]>;
  render(options?: { dpi?: number }): Promise<Rendering>;
}

export interface PdfFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly numPages: number;
  readonly info: PdfInfo;
  /** Page `n`, counted from 1. */
  page(n: number): Promise<PdfPage>;
  pages(): Promise<PdfPage[]>;
  /** Every page's text, each page followed by "\f" (as pdftotext writes it). */
  text(): Promise<string>;
  /** The fonts of all pages, each name once, in order of first use (what pdffonts lists). */
  fonts(): Promise<PdfFont[]>;
  /** pdf.js warnings so far (only ever non-empty when opened with `{ strict: false }`). */
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Fail on any pdf.js warning (default true). */
  strict?: boolean;
  /** Shown in messages; defaults to the path or "pdf". */
  name?: string;
}

// ---------------------------------------------------------------------------------------------
// pdf.js, loaded once, and its warnings

const heard: string[] = [];
let listening = false;

/** pdf.js reports through console.warn("Warning: …"); keep those for the file being read. */
function listenForWarnings(): void {
  if (listening) return;
  listening = true;
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const first = String(args[0] ?? '');
    if (first.startsWith('Warning: ')) heard.push(args.map(String).join(' ').slice('Warning: '.length));
    else warn(...args);
  };
}

// ---------------------------------------------------------------------------------------------
// Opening

function bytesOf(source: Uint8Array | string): { bytes: Uint8Array; name: string } {
  if (typeof source === 'string') return { bytes: new Uint8Array(readFileSync(source)), name: source };
  return { bytes: new Uint8Array(source), name: 'pdf' }; // a copy: pdf.js may take the buffer over
}

export async function openPdf(source: Uint8Array | string, options: OpenOptions = {}): Promise<PdfFile> {
  listenForWarnings();
  const { pdfjs } = await loadPdfjs();
  const { bytes, name: defaultName } = bytesOf(source);
  const name = options.name ?? defaultName;
  const strict = options.strict ?? true;
  const warnings: string[] = [];
  /**
   * Runs one read and charges the warnings heard meanwhile to this file, failing if strict. A
   * warning pdf.js prints between reads is charged to the next read: misplaced, never lost.
   */
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await work();
    } finally {
      warnings.push(...heard.splice(0));
    }
    if (strict && warnings.length) throw new PdfComplaint(name, warnings);
    return result;
  };

  const doc = await guard(() => openPdfDocument(bytes, { warnings: true, stopAtErrors: strict, fontExtraProperties: true }));
  const meta = await guard(() => doc.getMetadata());
  const raw = meta.info as Record<string, unknown>;
  const info: PdfInfo = {};
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'PDFFormatVersion'] as const) {
    if (typeof raw[key] === 'string') info[key] = raw[key] as string;
  }
  if (typeof raw.Language === 'string') info.Lang = raw.Language;

  let objects: RawObjects | undefined;
  const rawObjects = () => (objects ??= new RawObjects(bytes));
  const cache = new Map<number, Promise<PdfPage>>();
  const file: PdfFile = {
    name,
    bytes,
    numPages: doc.numPages,
    info,
    warnings,
    async page(n) {
      if (!Number.isInteger(n) || n < 1 || n > doc.numPages) throw new RangeError(`${name} has pages 1..${doc.numPages}, not ${n}`);
      let p = cache.get(n);
      if (!p) {
        p = guard(() => doc.getPage(n)).then((pg) => makePage(pdfjs, pg, n, guard, rawObjects));
        cache.set(n, p);
      }
      return p;
    },
    async pages() {
      const out: PdfPage[] = [];
      for (let n = 1; n <= doc.numPages; n++) out.push(await file.page(n));
      return out;
    },
    async text() {
      let s = '';
      for (const page of await file.pages()) s += `${await page.text()}\f`;
      return s;
    },
    async fonts() {
      const seen = new Map<string, PdfFont>();
      for (const page of await file.pages()) for (const f of await page.fonts()) if (!seen.has(f.name)) seen.set(f.name, f);
      return [...seen.values()];
    },
    close: () => doc.destroy(),
  };
  return file;
}

// ---------------------------------------------------------------------------------------------
// Pages

/** A run as pdf.js gives it, spaces it inferred included, with its origin (page coordinates). */
interface RawRun extends TextRun {
  origin: [number, number];
}

type Guard = <T>(work: () => Promise<T>) => Promise<T>;

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  hasEOL: boolean;
}

function makePage(pdfjs: Pdfjs, pg: PdfjsPage, number: number, guard: Guard, rawObjects: () => RawObjects): PdfPage {
  const viewport = pg.getViewport({ scale: 1 });
  const size = { width: viewport.width, height: viewport.height };
  let runs: Promise<RawRun[]> | undefined;
  let fonts: Promise<PdfFont[]> | undefined;

  /** pdf.js's font ids (g_d0_f1 …) used by the content, with the font objects it loaded. */
  const loadedFonts = async (): Promise<Map<string, { name: string; missingFile: boolean; type?: string; subtype?: string }>> => {
    const ops = await guard(() => pg.getOperatorList());
    const out = new Map<string, { name: string; missingFile: boolean; type?: string; subtype?: string }>();
    ops.fnArray.forEach((fn, i) => {
      if (fn !== pdfjs.OPS.setFont) return;
      const id = (ops.argsArray[i] as [string, number])[0];
      if (out.has(id)) return;
      const font = pg.commonObjs.get(id) as { name: string; missingFile: boolean; type?: string; subtype?: string };
      out.set(id, font);
    });
    return out;
  };

  const readRuns = async (): Promise<RawRun[]> => {
    const content = await guard(() => pg.getTextContent({ disableNormalization: true }));
    const loaded = await loadedFonts();
    const out: RawRun[] = [];
    for (const item of content.items as PdfjsTextItem[]) {
      if (!('str' in item) || item.str === '') continue;
      const style = content.styles[item.fontName];
      const ascent = style?.ascent ?? 0.88;
      const descent = style?.descent ?? -0.12;
      const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
      const sizeV = Math.hypot(c, d);
      const ux = a / Math.hypot(a, b);
      const uy = b / Math.hypot(a, b);
      const vx = c / sizeV;
      const vy = d / sizeV;
      const corners = [0, item.width].flatMap((t) =>
        [descent, ascent].map((s) => viewport.convertToViewportPoint(e + ux * t + vx * s * sizeV, f + uy * t + vy * s * sizeV) as [number, number]),
      );
      const xs = corners.map((p) => p[0]);
      const ys = corners.map((p) => p[1]);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      const origin = viewport.convertToViewportPoint(e, f) as [number, number];
      out.push({
        str: item.str,
        x,
        y,
        width: Math.max(...xs) - x,
        height: Math.max(...ys) - y,
        baseline: origin[1],
        origin,
        size: sizeV,
        rotated: Math.abs(b) > 1e-6 || a < 0,
        fontName: loaded.get(item.fontName)?.name ?? item.fontName,
      });
    }
    return out;
  };

  const readFonts = async (): Promise<PdfFont[]> => {
    const loaded = await loadedFonts();
    const raw = rawObjects().fontsOfPage(pg.ref);
    const out: PdfFont[] = [];
    for (const font of loaded.values()) {
      const dict = raw.find((r) => r.name === font.name || r.name.replace(/^[A-Z]{6}\+/, '') === font.name);
      const name = dict?.name ?? font.name;
      const tag = /^([A-Z]{6})\+/.exec(name)?.[1];
      out.push({
        name,
        subsetTag: tag,
        baseName: tag ? name.slice(7) : name,
        type: dict?.type ?? [font.type, font.subtype].filter(Boolean).join(' '),
        embedded: !font.missingFile && !!dict?.embedded,
        toUnicode: !!dict?.toUnicode,
      });
    }
    return out;
  };

  return {
    number,
    size,
    async items() {
      return (await (runs ??= readRuns())).filter((r) => /\S/.test(r.str)).map(({ origin: _, ...run }) => run);
    },
    async text() {
      return linesOf(await (runs ??= readRuns())).join('\n');
    },
    fonts: () => (fonts ??= readFonts()),
    async render({ dpi = 72 } = {}) {
      const { canvas, context } = await guard(() => drawPdfPage(pg, dpi));
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const width = canvas.width;
      return {
        width,
        height: canvas.height,
        data,
        rgb(x, y) {
          const i = (Math.round(y) * width + Math.round(x)) * 4;
          return [data[i]!, data[i + 1]!, data[i + 2]!];
        },
        toPNG: () => canvas.toBuffer('image/png'),
      };
    },
  };
}

/**
 * Runs grouped into lines: a run starts a new line when its baseline moves by more than half its
 * size (for turned text: when its origin leaves the column) or its direction changes; within a
 * line, a gap wider than a fifth of the size becomes a space, touching runs are joined.
 */
function linesOf(runs: readonly RawRun[]): string[] {
  const lines: string[] = [];
  let line = '';
  let prev: RawRun | undefined;
  for (const run of runs) {
    const size = prev ? Math.max(run.size, prev.size) / 2 : 0;
    const newLine =
      prev &&
      (run.rotated !== prev.rotated ||
        (run.rotated ? Math.abs(run.origin[0] - prev.origin[0]) > size : Math.abs(run.origin[1] - prev.origin[1]) > size));
    if (newLine) {
      lines.push(line);
      line = '';
    } else if (prev) {
      const gap = run.rotated ? run.y - (prev.y + prev.height) : run.x - (prev.x + prev.width);
      if (gap > Math.min(run.size, prev.size) / 5 && !/\s$/.test(line) && !/^\s/.test(run.str)) line += ' ';
    }
    line += run.str;
    prev = run;
  }
  if (prev) lines.push(line);
  return lines.map((l) => l.replace(/\s+$/, ''));
}

// ---------------------------------------------------------------------------------------------
// Conveniences

/** Every page's text, each page ended by "\f" (like pdftotext). */
export async function pdfText(source: Uint8Array | string): Promise<string> {
  const pdf = await openPdf(source);
  try {
    return await pdf.text();
  } finally {
    await pdf.close();
  }
}

/** Writes a rendering as PNG (to look at a page yourself). */
export function savePng(path: string, rendering: Rendering): void {
  writeFileSync(path, rendering.toPNG());
}

/**
 * Everything a careful reader complains about, empty for a sound file: the cross-reference
 * table and objects as we parse them, then every pdf.js warning while it reads the metadata,
 * extracts the text and renders each page (at `dpi`, 18 by default: enough to run every glyph).
 */
export async function pdfProblems(source: Uint8Array | string, { dpi = 18 } = {}): Promise<string[]> {
  const { bytes, name } = bytesOf(source);
  const problems = structureProblems(bytes);
  let pdf: PdfFile | undefined;
  try {
    pdf = await openPdf(bytes, { strict: false, name });
    for (const page of await pdf.pages()) {
      await page.text();
      await page.render({ dpi });
    }
  } catch (e) {
    problems.push(`pdf.js: ${(e as Error).message}`);
  } finally {
    if (pdf) {
      problems.push(...pdf.warnings.map((w) => `pdf.js: ${w}`));
      await pdf.close();
    }
  }
  return problems;
}
