// Scanning: filled answer sheets (PNG, JPEG, PDF) read into responses.csv and review.html. The
// image and PDF libraries load only here, when scanning.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { parseManifest, type Manifest } from '../assemble/manifest.js';
import { outputStem } from '../documents/render.js';
import type { SheetGeometry } from '../documents/sheet.js';
import { loadScanLibraries, type ScanLibraries } from '../grading/decode.js';
import { thumbnail, warpRegion, type GreyImage } from '../grading/image.js';
import { readPage, sheetSet } from '../grading/read.js';
import { cropKey, reviewHtml, type ReviewInput } from '../grading/review.js';
import { combinePages, responseRows, type ScannedPage, type SheetRecord, type UnreadablePage } from '../grading/sheets.js';
import { paperId } from '../documents/common.js';
import { displayPath } from '../paths.js';
import { catchOutputAsync, writeFileAtomic } from './files.js';
import { MANIFEST_FILE, RESPONSES_FILE, REVIEW_FILE, SCAN_EXTENSIONS } from './names.js';
import { listPrintedPapers } from './records.js';
import { decisionsIn, mergeSheets, readSession, responsesText, SESSION_FILE, sessionText } from './sessions.js';
import { failed, problem, succeeded, type Problem, type Result } from './problem.js';

export interface ScanRequest {
  inputs: readonly string[];
  /** Pins the paper the sheets belong to; without it each sheet's paper is found by its QR code among the printed records of `papers`. */
  manifest?: string;
  /** The output folder whose printed sets (papers/<id>/) are searched; default `output`. */
  papers?: string;
  /** With `manifest`: where responses.csv and review.html go (beside the manifest by default). */
  out?: string;
  dpi: number;
  /** Start each session that gets sheets over instead of adding to it. */
  replace?: boolean;
  /** Replace even when that drops decisions a person made. */
  force?: boolean;
  signal?: AbortSignal;
}

/** One paper's session after the scan: where its files are and what the scan added. */
export interface ScanSession {
  paper: { id: string; title: string };
  /** The session's folder (the paper's record, or the manifest's folder). */
  dir: string;
  responsesFile: string;
  reviewFile: string;
  /** Sheets in the session now, and added by this scan. */
  sheets: number;
  added: number;
  /** Doubtful marks this scan found. */
  doubts: number;
  /** What review.html shows of this scan (the web page lists it itself). */
  review: ReviewInput;
}

export interface ScannedSheets {
  sessions: ScanSession[];
  /** Pages that could not be read, with the reason: never dropped. */
  unreadable: readonly (UnreadablePage & { thumbnail?: string })[];
  doubts: number;
  pages: number;
  seconds: number;
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

/** A paper sheets may belong to: its manifest and geometry, and the folder its session is kept in. */
interface Target {
  dir: string;
  manifest: Manifest;
  geometries: SheetGeometry[];
}

/** The papers the scans are read against: the one pinned, or every printed record of the output folder. */
function targetsOf(req: ScanRequest): Result<{ targets: Target[] }> {
  if (req.manifest) {
    const printed = readPrintedPaper(req.manifest);
    if (!printed.ok) return printed;
    return succeeded({ targets: [{ dir: req.out ?? dirname(req.manifest), manifest: printed.manifest, geometries: printed.geometries }] });
  }
  const papers = req.papers ?? 'output';
  const records = listPrintedPapers(papers);
  const targets: Target[] = [];
  for (const r of records) {
    const printed = readPrintedPaper(join(r.dir, MANIFEST_FILE));
    if (printed.ok) targets.push({ dir: r.dir, manifest: printed.manifest, geometries: printed.geometries });
  }
  // An output folder printed before records were kept: its one manifest.
  if (!records.length && existsSync(join(papers, MANIFEST_FILE))) return targetsOf({ ...req, manifest: join(papers, MANIFEST_FILE), out: req.out ?? papers });
  if (!targets.length) return failed('input', [problem('no-printed-papers', `no printed papers in ${displayPath(papers)}: print the sheets with exampress paper first, or name the paper with --manifest`, { folder: displayPath(papers) })]);
  return succeeded({ targets });
}

export async function scanSheets(req: ScanRequest): Promise<Result<ScannedSheets>> {
  const found = targetsOf(req);
  if (!found.ok) return found;
  const { targets } = found;
  const { files, missing } = expandInputs(req.inputs);
  if (missing.length) return failed('input', [problem('scans-missing', `not found: ${missing.join(', ')}`, { files: missing.join(', ') })]);
  if (!files.length) return failed('input', [problem('no-scans', 'no PNG, JPEG or PDF files among the inputs')]);
  const started = performance.now();
  const read = await readScans(files, targets, req);
  if (!read.ok) return read;
  const { pages, unreadable, crops } = read;
  // Pages by the paper their QR code names, then sheets of each paper.
  const byTarget = new Map<Target, ScannedPage[]>();
  const targetOf = new Map(targets.flatMap((t) => t.geometries.map((g) => [g, t] as const)));
  for (const p of pages) {
    const t = targetOf.get(p.reading.geometry)!;
    (byTarget.get(t) ?? byTarget.set(t, []).get(t)!).push(p);
  }
  const batches = [...byTarget].map(([target, own]) => {
    const { sheets, unreadable: unmatched } = combinePages(own);
    unreadable.push(...unmatched);
    return { target, sheets, before: readSession(target.dir) };
  });
  const refused = batches.flatMap(({ target, before }) => replaceProblems(req, target, before));
  if (refused.length) return failed('input', refused);
  return catchOutputAsync(async () => {
    const sessions: ScanSession[] = [];
    const notes: Problem[] = [];
    for (const { target, sheets, before } of batches) {
      const merged = mergeSheets(req.replace ? { state: { sheets: [] }, rows: null } : before, sheets, responseRows([], target.manifest)[0]!);
      const review: ReviewInput = { title: target.manifest.blueprint.content.title, sheets, unreadable, crops };
      const responsesFile = join(target.dir, RESPONSES_FILE);
      const reviewFile = join(target.dir, REVIEW_FILE);
      writeFileAtomic(responsesFile, responsesText(merged.rows), { force: true });
      writeFileAtomic(join(target.dir, SESSION_FILE), sessionText(merged.state), { force: true });
      writeFileAtomic(reviewFile, reviewHtml(review), { force: true });
      notes.push(...merged.problems);
      const doubts = sheets.reduce((n, s) => n + s.doubts.length, 0);
      sessions.push({ paper: { id: paperId(target.manifest), title: target.manifest.blueprint.content.title }, dir: target.dir, responsesFile, reviewFile, sheets: merged.rows.length - 1, added: merged.added, doubts, review });
    }
    const doubts = sessions.reduce((n, s) => n + s.doubts, 0);
    return succeeded({ sessions, unreadable, doubts, pages: pages.length, seconds: (performance.now() - started) / 1000 }, [...notes, ...scanNotes(batches.flatMap((b) => b.sheets), unreadable)]);
  });
}

/** Replacing a session that holds decisions a person made is refused unless forced. */
function replaceProblems(req: ScanRequest, target: Target, before: ReturnType<typeof readSession>): Problem[] {
  if (before.problem) return [before.problem];
  if (!req.replace || req.force) return [];
  const n = decisionsIn(before.state, before.rows);
  if (!n) return [];
  const file = displayPath(join(target.dir, RESPONSES_FILE));
  return [problem('replace-drops-decisions', `${file} holds ${n} decision(s) made by hand that --replace would drop; scan without --replace to add these sheets, or add --force to drop them`, { file, decisions: n })];
}

/** Every page of every file, read against every target's sheets; the next image decodes while this one is read. */
async function readScans(files: readonly string[], targets: readonly Target[], req: ScanRequest): Promise<Result<{ pages: ScannedPage[]; unreadable: (UnreadablePage & { thumbnail?: string })[]; crops: Map<string, string> }>> {
  const libs = await loadScanLibraries();
  const set = sheetSet(targets.flatMap((t) => t.geometries));
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
    const name = displayPath(files[i]!);
    const current = await next!;
    next = i + 1 < files.length ? load(files[i + 1]!) : undefined;
    if (current.error) unreadable.push({ source: name, problem: current.error });
    else if (current.img) take(name, current.img);
    else await scanPdf(libs, { bytes: current.bytes, dpi: req.dpi, name }, take, unreadable);
  }
  return succeeded({ pages, unreadable, crops });
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
