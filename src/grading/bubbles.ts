// A bubble's darkness, judged against the page's own empty bubbles: filled, empty, or doubtful
// (a faint mark such as an erasure, or a partial one such as a tick, cross or dot). Doubtful
// marks go to review; they never become a letter on their own.
import type { GreyImage } from './image.js';
import type { Homography } from './transform.js';
import { localScale, project } from './transform.js';

export type MarkState = 'filled' | 'empty' | 'faint' | 'partial';

export interface BubbleMeasure {
  /** Mean darkness inside the bubble (0 paper .. 1 ink). */
  mean: number;
  /**
   * Share of the bubble's pixels darker than a quarter of the way to ink, and than three
   * quarters (darker than the grey letter printed inside the bubble: pen or pencil pressed hard).
   */
  cover25: number;
  cover50: number;
}

/** Share of the radius sampled: inside the printed outline even with a pixel of misregistration. */
const SAMPLE = 0.72;

/** Per grey level: darkness between the scan's paper (0) and ink (1). */
export function darknessTable(paper: number, ink: number): Float32Array {
  const t = new Float32Array(256);
  const span = Math.max(40, paper - ink);
  for (let g = 0; g < 256; g++) t[g] = Math.min(1, Math.max(0, (paper - g) / span));
  return t;
}

export function measureBubble(img: GreyImage, h: Homography, b: { cx: number; cy: number; r: number }, dark: Float32Array): BubbleMeasure {
  const [u, v] = project(h, b.cx, b.cy);
  const rho = SAMPLE * b.r * localScale(h, b.cx, b.cy);
  const rr = rho * rho;
  let n = 0;
  let sum = 0;
  let c25 = 0;
  let c50 = 0;
  const y0 = Math.max(0, Math.floor(v - rho));
  const y1 = Math.min(img.height - 1, Math.ceil(v + rho));
  const x0 = Math.max(0, Math.floor(u - rho));
  const x1 = Math.min(img.width - 1, Math.ceil(u + rho));
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - v;
    const row = y * img.width;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - u;
      if (dx * dx + dy * dy > rr) continue;
      const d = dark[img.data[row + x]!]!;
      n++;
      sum += d;
      if (d > 0.25) c25++;
      if (d > 0.78) c50++;
    }
  }
  if (!n) return { mean: 0, cover25: 0, cover50: 0 };
  return { mean: sum / n, cover25: c25 / n, cover50: c50 / n };
}

/** What an empty bubble of a group looks like on this page (its printed letter included). */
export interface Baseline {
  mean: number;
  cover25: number;
  cover50: number;
}

function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
}

/**
 * Baselines per group (bubbles printing the same letter): the group's median, never
 * above the page's median bubble by more than a little, so a candidate who fills every "A"
 * cannot make "A" look empty.
 */
export function baselines(groups: Map<string, BubbleMeasure[]>): Map<string, Baseline> {
  const all = [...groups.values()].flat();
  const page = { mean: quantile(all.map((m) => m.mean), 0.5), cover25: quantile(all.map((m) => m.cover25), 0.5), cover50: quantile(all.map((m) => m.cover50), 0.5) };
  const out = new Map<string, Baseline>();
  for (const [key, ms] of groups) {
    const low = (f: (m: BubbleMeasure) => number, cap: number) => (ms.length >= 3 ? Math.min(quantile(ms.map(f), 0.5), cap) : cap);
    out.set(key, { mean: low((m) => m.mean, page.mean + 0.04), cover25: low((m) => m.cover25, page.cover25 + 0.04), cover50: low((m) => m.cover50, page.cover50 + 0.03) });
  }
  return out;
}

/** Thresholds on darkness above the empty baseline. */
export const MARK_RULES = {
  filled: { mean: 0.2, cover25: 0.75 },
  empty: { mean: 0.07, cover25: 0.08, cover50: 0.07 },
  partialCover50: 0.05,
} as const;

export function classifyMark(m: BubbleMeasure, base: Baseline): MarkState {
  const mean = m.mean - base.mean;
  const c25 = m.cover25 - base.cover25;
  const c50 = m.cover50 - base.cover50;
  if (mean >= MARK_RULES.filled.mean && c25 >= MARK_RULES.filled.cover25) return 'filled';
  if (mean < MARK_RULES.empty.mean && c25 < MARK_RULES.empty.cover25 && c50 < MARK_RULES.empty.cover50) return 'empty';
  return c50 >= MARK_RULES.partialCover50 ? 'partial' : 'faint';
}
