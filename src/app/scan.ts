// Scanning: filled answer sheets (PNG, JPEG, PDF) read into responses.csv and review.html. The
// image and PDF libraries load only here, when scanning.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { parseManifest, type Manifest } from '../assemble/manifest.js';
import { outputStem } from '../documents/render.js';
import type { SheetGeometry } from '../documents/sheet.js';
import { formatCsv } from '../grading/csv.js';
import { loadScanLibraries, type ScanLibraries } from '../grading/decode.js';
import { thumbnail, warpRegion, type GreyImage } from '../grading/image.js';
import { readPage, sheetSet } from '../grading/read.js';
import { cropKey, reviewHtml, type ReviewInput } from '../grading/review.js';
import { combinePages, responseRows, type ScannedPage, type SheetRecord, type UnreadablePage } from '../grading/sheets.js';
import { displayPath } from '../paths.js';
import { catchOutputAsync, writeFileAtomic } from './files.js';
import { RESPONSES_FILE, REVIEW_FILE, SCAN_EXTENSIONS } from './names.js';
import { failed, problem, succeeded, type Problem, type Result } from './problem.js';

export interface ScanRequest {
  inputs: readonly string[];
  manifest: string;
  /** Where responses.csv and review.html go; beside the manifest when absent. */
  out?: string;
  dpi: number;
  /** Replace an existing responses.csv. */
  force: boolean;
  signal?: AbortSignal;
}

export interface ScannedSheets {
  responsesFile: string;
  reviewFile: string;
  sheets: readonly SheetRecord[];
  /** Pages that could not be read, with the reason: never dropped. */
  unreadable: readonly (UnreadablePage & { thumbnail?: string })[];
  doubts: number;
  pages: number;
  seconds: number;
  /** What review.html shows (the web page lists it itself). */
  review: ReviewInput;
}

/** The manifest of `file`, or the problem why not. */
export function readManifestFile(file: string): Result<{ manifest: Manifest }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return failed('input', [problem('manifest-missing', `--manifest ${displayPath(file)}: file not found; it is written by exampress assemble or paper`, { file: displayPath(file) })]);
  }
  const parsed = parseManifest(text);
  if ('problem' in parsed) return failed('input', [{ code: 'manifest', severity: 'error', file: displayPath(file), line: 1, col: 1, message: parsed.problem }]);
  return succeeded({ manifest: parsed.manifest });
}

/** Every variant's sheet geometry, found beside the manifest as <stem>-<variant>-sheet.json. */
export function readGeometries(manifestFile: string, manifest: Manifest): Result<{ geometries: SheetGeometry[] }> {
  const stem = outputStem(manifest);
  const geometries: SheetGeometry[] = [];
  for (const v of manifest.variants) {
    const file = join(dirname(manifestFile), `${stem}-${v.label}-sheet.json`);
    if (!existsSync(file)) return failed('input', [problem('geometry-missing', `${displayPath(file)} not found; print the sheets with exampress paper (it writes the geometry beside the manifest)`, { file: displayPath(file) })]);
    try {
      const g = JSON.parse(readFileSync(file, 'utf8')) as SheetGeometry;
      if (g.format !== 1 || !Array.isArray(g.questions) || !Array.isArray(g.registration)) throw new Error('not an exampress sheet geometry (format 1)');
      geometries.push(g);
    } catch (err) {
      return failed('input', [{ code: 'geometry', severity: 'error', file: displayPath(file), line: 1, col: 1, message: (err as Error).message }]);
    }
  }
  return succeeded({ geometries });
}

/** The manifest and every variant's geometry. */
export function readPrintedPaper(manifestFile: string): Result<{ manifest: Manifest; geometries: SheetGeometry[] }> {
  const read = readManifestFile(manifestFile);
  if (!read.ok) return read;
  const geo = readGeometries(manifestFile, read.manifest);
  if (!geo.ok) return geo;
  return succeeded({ manifest: read.manifest, geometries: geo.geometries });
}

const SCANNABLE = new Set<string>(SCAN_EXTENSIONS);

/** Files named; a folder stands for its images and PDFs in name order. */
function expandInputs(inputs: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(input).sort()) if (SCANNABLE.has(extname(name).toLowerCase())) files.push(join(input, name));
    } else files.push(input);
  }
  return { files, missing };
}

export async function scanSheets(req: ScanRequest): Promise<Result<ScannedSheets>> {
  const printed = readPrintedPaper(req.manifest);
  if (!printed.ok) return printed;
  const { manifest, geometries } = printed;
  const out = req.out ?? dirname(req.manifest);
  const responsesFile = join(out, RESPONSES_FILE);
  if (existsSync(responsesFile) && !req.force) return failed('input', [problem('responses-exist', `${displayPath(responsesFile)} exists and may hold your corrections; pass --force to replace it, or choose another --out`, { file: displayPath(responsesFile) })]);
  const { files, missing } = expandInputs(req.inputs);
  if (missing.length) return failed('input', [problem('scans-missing', `not found: ${missing.join(', ')}`, { files: missing.join(', ') })]);
  if (!files.length) return failed('input', [problem('no-scans', 'no PNG, JPEG or PDF files among the inputs')]);
  const started = performance.now();
  const libs = await loadScanLibraries();
  const set = sheetSet(geometries);
  const pages: ScannedPage[] = [];
  const unreadable: (UnreadablePage & { thumbnail?: string })[] = [];
  const crops = new Map<string, string>();
  const dataUri = (img: GreyImage) => `data:image/png;base64,${libs.encodePng(img).toString('base64')}`;
  const take = (source: string, img: GreyImage) => {
    const result = readPage(img, set, libs.decodeQr);
    if (!result.ok) {
      unreadable.push({ source, problem: result.problem, thumbnail: dataUri(thumbnail(img, 240)) });
      return;
    }
    const r = result.reading;
    for (const d of r.doubts) crops.set(cropKey(source, d.number), dataUri(warpRegion(img, r.transform, d.rect, Math.max(2, Math.min(4, r.scale)))));
    pages.push({ source, reading: r });
  };
  // Images decode on libuv's threads: the next one decodes while this one is read.
  const isPdf = (file: string, bytes: Buffer) => extname(file).toLowerCase() === '.pdf' || bytes.subarray(0, 5).toString('latin1') === '%PDF-';
  const load = (file: string): Promise<{ bytes: Buffer; img?: GreyImage; error?: string }> => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      return Promise.resolve({ bytes: Buffer.alloc(0), error: `cannot be read: ${(err as Error).message}` });
    }
    if (isPdf(file, bytes)) return Promise.resolve({ bytes });
    return libs.decodeImage(bytes).then(
      (img) => ({ bytes, img }),
      (err: Error) => ({ bytes, error: `not a PNG or JPEG image we can decode (${err.message})` }),
    );
  };
  let next = files.length ? load(files[0]!) : undefined;
  for (let i = 0; i < files.length; i++) {
    if (req.signal?.aborted) return failed('interrupted', [problem('interrupted', 'interrupted; nothing was written')]);
    const file = files[i]!;
    const name = displayPath(file);
    const current = await next!;
    next = i + 1 < files.length ? load(files[i + 1]!) : undefined;
    if (current.error) unreadable.push({ source: name, problem: current.error });
    else if (current.img) take(name, current.img);
    else await scanPdf(libs, { bytes: current.bytes, dpi: req.dpi, name }, take, unreadable);
  }
  const { sheets, unreadable: unmatched } = combinePages(pages);
  unreadable.push(...unmatched);
  const review: ReviewInput = { title: manifest.blueprint.content.title, sheets, unreadable, crops };
  const reviewFile = join(out, REVIEW_FILE);
  return catchOutputAsync(async () => {
    writeFileAtomic(responsesFile, formatCsv(responseRows(sheets, manifest)), { force: true });
    writeFileAtomic(reviewFile, reviewHtml(review), { force: true });
    const doubts = sheets.reduce((n, s) => n + s.doubts.length, 0);
    return succeeded({ responsesFile, reviewFile, sheets, unreadable, doubts, pages: pages.length, seconds: (performance.now() - started) / 1000, review }, scanNotes(sheets, unreadable));
  });
}

/** What a person should look at: every unreadable page and every sheet's own problems. */
function scanNotes(sheets: readonly SheetRecord[], unreadable: readonly UnreadablePage[]): Problem[] {
  return [
    ...unreadable.map((u): Problem => ({ code: 'unreadable-page', severity: 'warning', params: { source: u.source, reason: u.problem }, message: `${u.source}: unreadable: ${u.problem}` })),
    ...sheets.flatMap((s) => s.problems.map((p): Problem => ({ code: 'sheet', severity: 'warning', params: { source: s.sources.join(' ') }, message: `${s.sources.join(' ')}: ${p}` }))),
  ];
}

/** Each page of a scanned PDF (`name`) read at `dpi`, handed to `take`; a page that cannot be drawn is unreadable. */
async function scanPdf(libs: ScanLibraries, pdf: { bytes: Uint8Array; dpi: number; name: string }, take: (source: string, img: GreyImage) => void, unreadable: UnreadablePage[]): Promise<void> {
  const { bytes, dpi, name } = pdf;
  let n = 0;
  try {
    for await (const page of libs.pdfPages(bytes, dpi)) {
      n++;
      if ('problem' in page) unreadable.push({ source: `${name}#${n}`, problem: page.problem });
      else take(`${name}#${n}`, page);
    }
  } catch (err) {
    unreadable.push({ source: n ? `${name}#${n + 1}` : name, problem: `not a PDF we can read (${(err as Error).message})` });
  }
}
