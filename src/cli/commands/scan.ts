// `exampress scan INPUT… --manifest FILE`: read scanned answer sheets into responses.csv and
// review.html. The image and PDF libraries load only here, when scanning.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { CommandModule } from 'yargs';
import { parseManifest, type Manifest } from '../../assemble/manifest.js';
import { displayPath } from '../../bank/load.js';
import type { SheetGeometry } from '../../documents/sheet.js';
import { outputStem } from '../../documents/render.js';
import { formatCsv } from '../../grading/csv.js';
import { loadScanLibraries, type ScanLibraries } from '../../grading/decode.js';
import { thumbnail, warpRegion, type GreyImage } from '../../grading/image.js';
import { readPage, sheetSet } from '../../grading/read.js';
import { cropKey, reviewHtml, type ReviewInput } from '../../grading/review.js';
import { combinePages, responseRows, type ScannedPage, type UnreadablePage } from '../../grading/sheets.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, type Io } from '../io.js';

export const RESPONSES_FILE = 'responses.csv';
export const REVIEW_FILE = 'review.html';
const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg']);

export interface ScanArgs {
  inputs: string[];
  manifest: string;
  out?: string;
  dpi: number;
  force: boolean;
  /** Handed what review.html shows (the web workspace's 阅卷 page lists it itself). */
  review?: (review: ReviewInput) => void;
}

/** The manifest, or null after saying why. */
export function readManifestFile(file: string, io: Io, command: string): Manifest | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    io.stderr(`exampress ${command}: --manifest ${displayPath(file)}: file not found; it is written by exampress assemble or paper`);
    return null;
  }
  const parsed = parseManifest(text);
  if ('problem' in parsed) {
    io.stderr(`${displayPath(file)}:1:1 error manifest: ${parsed.problem}`);
    return null;
  }
  return parsed.manifest;
}

/** Every variant's sheet geometry, found beside the manifest as <stem>-<variant>-sheet.json. */
export function readGeometries(manifestFile: string, manifest: Manifest, io: Io): SheetGeometry[] | null {
  const stem = outputStem(manifest);
  const out: SheetGeometry[] = [];
  for (const v of manifest.variants) {
    const file = join(dirname(manifestFile), `${stem}-${v.label}-sheet.json`);
    if (!existsSync(file)) {
      io.stderr(`exampress scan: ${displayPath(file)} not found; print the sheets with exampress paper (it writes the geometry beside the manifest)`);
      return null;
    }
    try {
      const g = JSON.parse(readFileSync(file, 'utf8')) as SheetGeometry;
      if (g.format !== 1 || !Array.isArray(g.questions) || !Array.isArray(g.registration)) throw new Error('not an exampress sheet geometry (format 1)');
      out.push(g);
    } catch (err) {
      io.stderr(`${displayPath(file)}:1:1 error geometry: ${(err as Error).message}`);
      return null;
    }
  }
  return out;
}

/** Files named on the command line; a folder stands for its images and PDFs in name order. */
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
      for (const name of readdirSync(input).sort()) {
        const ext = extname(name).toLowerCase();
        if (ext === '.pdf' || IMAGE_EXT.has(ext)) files.push(join(input, name));
      }
    } else files.push(input);
  }
  return { files, missing };
}

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const manifest = readManifestFile(args.manifest, io, 'scan');
  if (!manifest) return EXIT.errors;
  const geometries = readGeometries(args.manifest, manifest, io);
  if (!geometries) return EXIT.errors;
  const out = args.out ?? dirname(args.manifest);
  const responsesFile = join(out, RESPONSES_FILE);
  if (existsSync(responsesFile) && !args.force) {
    io.stderr(`exampress scan: ${displayPath(responsesFile)} exists and may hold your corrections; pass --force to replace it, or choose another --out`);
    return EXIT.errors;
  }
  const { files, missing } = expandInputs(args.inputs);
  if (missing.length) {
    io.stderr(`exampress scan: not found: ${missing.join(', ')}`);
    return EXIT.errors;
  }
  if (!files.length) {
    io.stderr('exampress scan: no PNG, JPEG or PDF files among the inputs');
    return EXIT.errors;
  }
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
    const file = files[i]!;
    const name = displayPath(file);
    const current = await next!;
    next = i + 1 < files.length ? load(files[i + 1]!) : undefined;
    if (current.error) unreadable.push({ source: name, problem: current.error });
    else if (current.img) take(name, current.img);
    else await scanPdf(libs, current.bytes, args.dpi, name, take, unreadable);
  }
  const { sheets, unreadable: unmatched } = combinePages(pages);
  unreadable.push(...unmatched);
  writeFileAtomic(responsesFile, formatCsv(responseRows(sheets, manifest)), { force: true });
  const review = { title: manifest.blueprint.content.title, sheets, unreadable, crops };
  writeFileAtomic(join(out, REVIEW_FILE), reviewHtml(review), { force: true });
  args.review?.(review);
  const doubts = sheets.reduce((n, s) => n + s.doubts.length, 0);
  const seconds = (performance.now() - started) / 1000;
  io.stdout(`${displayPath(responsesFile)}  ${sheets.length} sheet(s)`);
  io.stdout(`${displayPath(join(out, REVIEW_FILE))}  ${doubts} doubtful mark(s), ${unreadable.length} unreadable page(s)`);
  for (const u of unreadable) io.stderr(`${u.source}: unreadable: ${u.problem}`);
  for (const s of sheets) for (const p of s.problems) io.stderr(`${s.sources.join(' ')}: ${p}`);
  io.stderr(`read ${pages.length} page(s) in ${seconds.toFixed(1)} s${doubts ? `; decide the ${doubts} "?" cell(s) with review.html, then run exampress grade` : ''}`);
  return unreadable.length ? EXIT.errors : EXIT.ok;
}

async function scanPdf(libs: ScanLibraries, bytes: Uint8Array, dpi: number, name: string, take: (source: string, img: GreyImage) => void, unreadable: UnreadablePage[]): Promise<void> {
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

export function scanCommand(io: Io, setExit: (code: number) => void): CommandModule {
  return {
    command: 'scan <inputs..>',
    describe: 'read scanned answer sheets (PNG, JPEG, PDF) into responses.csv and review.html',
    builder: (y) =>
      y
        .positional('inputs', { type: 'string', array: true, describe: 'scanned pages: image files, PDFs (one sheet page per page) or folders of them' })
        .option('manifest', { type: 'string', demandOption: true, describe: 'the manifest.json of the paper (the sheet geometry JSON files lie beside it)' })
        .option('out', { type: 'string', describe: 'where to write responses.csv and review.html (default: beside the manifest)' })
        .option('dpi', { type: 'number', default: 200, describe: 'resolution at which PDF pages are read' })
        .option('force', { type: 'boolean', default: false, describe: 'replace an existing responses.csv' })
        .example('exampress scan scans/ --manifest output/manifest.json', 'every scan in scans/ → output/responses.csv and output/review.html'),
    handler: async (a) => {
      const dpi = Number(a.dpi);
      if (!(dpi >= 72 && dpi <= 1200)) {
        io.stderr(`exampress scan: --dpi takes 72-1200; got ${String(a.dpi)}`);
        return setExit(EXIT.errors);
      }
      setExit(await runScan({ inputs: (a.inputs as string[]).map(String), manifest: String(a.manifest), ...(typeof a.out === 'string' ? { out: a.out } : {}), dpi, force: Boolean(a.force) }, io));
    },
  };
}
