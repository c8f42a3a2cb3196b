// Throughput of the line engine on the seed text at 10.5 pt on a 160 mm measure (the
// whole pipeline's budget is 150,000 characters/s; this stage must be much faster).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadFonts } from '../../../src/typeset/fonts/index.js';
import { setParagraph } from '../../../src/typeset/layout/lines/index.js';
import type { InlineItem, ParagraphStyle } from '../../../src/typeset/types.js';
import { SIZE, style } from './helpers.js';

// tests/fixtures/import/seed.txt is a copy of ../shared/seed/000_09163df8a97db0f7.txt.
const seedFile = fileURLToPath(new URL('../../fixtures/import/seed.txt', import.meta.url));
const MEASURE = (160 / 25.4) * 72;

test('sets the seed text at well over 150,000 characters per second', () => {
  const fonts = loadFonts();
  const st = style();
  const paragraphs: InlineItem[][] = readFileSync(seedFile, 'utf8')
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && [...p].every((ch) => fonts.faceFor(ch.codePointAt(0)!, 'serif', false)))
    .map((p) => [{ kind: 'text', text: p, style: st }]);
  const chars = paragraphs.reduce((n, p) => n + (p[0] as { text: string }).text.length, 0);
  const para: ParagraphStyle = { align: 'justify', indent: 2 * SIZE, lineHeight: 1.5 };
  const setAll = (): number => paragraphs.reduce((n, items) => n + setParagraph(items, para, MEASURE, fonts).length, 0);
  for (let round = 0; round < 10; round++) setAll(); // warm the caches and the JIT
  let best = Infinity;
  let lines = 0;
  for (let round = 0; round < 10; round++) {
    const t0 = performance.now();
    lines = setAll();
    best = Math.min(best, performance.now() - t0);
  }
  const perSecond = Math.round(chars / (best / 1000));
  console.log(JSON.stringify({ bench: 'lines', chars, paragraphs: paragraphs.length, lines, ms: +best.toFixed(2), charsPerSecond: perSecond }));
  // A lenient floor (the machine is shared): a regression to per-character allocation shows.
  expect(perSecond).toBeGreaterThan(300_000);
});
