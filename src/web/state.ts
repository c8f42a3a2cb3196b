// What the workspace's routes share, in one named place: the folders, the cache, the one build
// allowed at a time, uploads awaiting acceptance, PDF page counts, and the last scan's crops.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bankWithProblems } from '../app/bank.js';
import type { CacheSettings } from '../app/cache.js';
import type { ReviewInput } from '../grading/review.js';
import type { OutputFile } from './pages/outputs.js';
import { pageCount } from './preview.js';

export interface WorkspaceOptions {
  bankDir: string;
  outDir: string;
  host: string;
  token: string;
  /** The port we listen on, known once listening. */
  port: () => number;
  cache?: CacheSettings;
  maxUploadBytes?: number;
  /** Cap on one upload of scans (all files together). */
  maxScanBytes?: number;
}

/** Upload limits: an import file, and one upload of scans for 阅卷 (all files together). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_SCAN_BYTES = 50 * 1024 * 1024;

/**
 * One build at a time: `run(work)` resolves to null at once while another is running. (A build
 * typesets in this thread, so requests that arrive meanwhile mostly wait; a double click or a
 * second tab that gets in between is refused, never run over the first one's staging.)
 */
export function oneAtATime() {
  let running: string | null = null;
  return {
    get busy(): string | null {
      return running;
    },
    async run<T>(what: string, work: () => Promise<T>): Promise<T | null> {
      if (running) return null;
      running = what;
      try {
        return await work();
      } finally {
        running = null;
      }
    },
  };
}

export interface Upload {
  dir: string;
  file: string;
  name: string;
}

export class WorkspaceState {
  readonly bankDir: string;
  readonly outDir: string;
  readonly cache: CacheSettings;
  readonly maxUpload: number;
  readonly maxScan: number;
  readonly builds = oneAtATime();
  /** Uploads awaiting acceptance, oldest first (at most 20 kept). */
  readonly uploads = new Map<string, Upload>();
  /** What the last upload of scans said; per paper's session folder, the last scan's crops and the last grading's summary (in memory). */
  readonly grading: { scanLines?: string[]; reviews: Map<string, ReviewInput>; grades: Map<string, string[]> } = { reviews: new Map(), grades: new Map() };
  private readonly pageCounts = new Map<string, number>();

  constructor(opts: WorkspaceOptions) {
    this.bankDir = opts.bankDir;
    this.outDir = opts.outDir;
    this.cache = opts.cache ?? {};
    this.maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
    this.maxScan = opts.maxScanBytes ?? MAX_SCAN_BYTES;
  }

  /** The bank with every problem (cached by content). */
  bank() {
    return bankWithProblems(this.bankDir, { cache: this.cache });
  }

  get busy(): boolean {
    return this.builds.busy !== null;
  }

  /** Keep an upload; the oldest go once there are more than 20. */
  keepUpload(id: string, upload: Upload): void {
    this.uploads.set(id, upload);
    for (const [old, u] of this.uploads) {
      if (this.uploads.size <= 20) break;
      rmSync(u.dir, { recursive: true, force: true });
      this.uploads.delete(old);
    }
  }

  dropUpload(id: string): void {
    const u = this.uploads.get(id);
    if (u) rmSync(u.dir, { recursive: true, force: true });
    this.uploads.delete(id);
  }

  /** Files of the output folder with their sizes, and page counts for PDFs (remembered per version of the file). */
  async describeFiles(names: readonly string[]): Promise<OutputFile[]> {
    const out: OutputFile[] = [];
    for (const name of names) {
      const file = join(this.outDir, name);
      const st = statSync(file);
      const entry: OutputFile = { name, bytes: st.size };
      if (name.endsWith('.pdf')) {
        const key = `${file}\0${st.mtimeMs}\0${st.size}`;
        let n = this.pageCounts.get(key);
        if (n === undefined) {
          n = await pageCount(file).catch(() => 0);
          this.pageCounts.set(key, n);
        }
        entry.pages = n;
      }
      out.push(entry);
    }
    return out;
  }

  /** Remove the uploads not yet accepted. */
  close(): void {
    for (const id of [...this.uploads.keys()]) this.dropUpload(id);
  }
}
