// Shared by the PDF writer tests: boxes from real fonts, and poppler to read PDFs back.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FontSet, TextBox } from '../../../src/typeset/types.js';

export const tmp = mkdtempSync(join(tmpdir(), 'exampress-pdf-'));

/** A text box with natural advances plus `spacing` after each character. */
export function textBox(fonts: FontSet, x: number, y: number, text: string, face = 'serif-regular', size = 12, spacing = 0): TextBox {
  const f = fonts.faces().find((ff) => ff.key === face)!;
  const dx: number[] = [];
  let pen = 0;
  for (const c of text) {
    dx.push(pen);
    pen += f.advance(c.codePointAt(0)!) * size + spacing;
  }
  return { kind: 'text', x, y, face, size, text, dx };
}

let counter = 0;
/** Writes the bytes to a temp file and returns its path. */
export function save(pdf: Buffer, name = 'doc'): string {
  const path = join(tmp, `${name}-${++counter}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

export const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

export const pdftotext = (path: string, ...flags: string[]) => run('pdftotext', ...flags, path, '-');

export function pdfinfo(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', path).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words with their boxes (points, origin top-left), per page, from `pdftotext -bbox`. */
export function wordBoxes(path: string): WordBox[][] {
  const html = run('pdftotext', '-bbox', path, '-');
  const pages: WordBox[][] = [];
  for (const page of html.split('<page ').slice(1)) {
    const words: WordBox[] = [];
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ text: m[5]!, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]! });
    }
    pages.push(words);
  }
  return pages;
}

/** Every page rendered at `dpi` as raw PPM bytes (for comparing two files' looks). */
export function renderAll(path: string, dpi = 72): Buffer {
  return execFileSync('pdftoppm', ['-r', String(dpi), path], { maxBuffer: 256 << 20 });
}

/** Renders page 1 at 72 dpi (1 px = 1 pt) and returns a pixel reader. */
export function rasterize(path: string): { width: number; height: number; rgb(x: number, y: number): [number, number, number] } {
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', path], { maxBuffer: 64 << 20 });
  // P6\n<w> <h>\n255\n<data>
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (ppm[pos] === 0x20 || ppm[pos] === 0x0a) pos++;
    let start = pos;
    while (ppm[pos] !== 0x20 && ppm[pos] !== 0x0a) pos++;
    fields.push(ppm.subarray(start, pos).toString('latin1'));
  }
  pos++;
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return {
    width,
    height,
    rgb(x, y) {
      const i = pos + (Math.round(y) * width + Math.round(x)) * 3;
      return [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    },
  };
}

/** What poppler complains about while rendering every page (empty for a sound file). */
export function renderErrors(path: string): string {
  const result = spawnSync('pdftoppm', ['-r', '10', '-png', path, join(tmp, 'render-check')], { encoding: 'utf8' });
  return `${result.stderr}${result.status === 0 ? '' : `exit ${result.status}`}`;
}
