// Lengths and page sizes as template authors write them ("20mm", "2em", "20%", "A4").
// Shared by the markup validators (is it well-formed?) and layout (what is it in points?).

export const PT_PER_MM = 72 / 25.4;

const UNIT_PT: Record<string, number> = { pt: 1, mm: PT_PER_MM, cm: PT_PER_MM * 10, in: 72, px: 0.75 };

const LENGTH_RE = /^(-?\d+(?:\.\d+)?|-?\.\d+)(pt|mm|cm|in|px|em|%)?$/;

/** Is `value` a length such as "12pt", "20mm", "2em", "15%" or a bare number (points)? */
export function isLength(value: string, allow: { em?: boolean; percent?: boolean } = {}): boolean {
  const m = LENGTH_RE.exec(value.trim());
  if (!m) return false;
  if (m[2] === 'em' && allow.em === false) return false;
  if (m[2] === '%' && !allow.percent) return false;
  return true;
}

/**
 * A length in points. `em` is the current font size; `percentOf` the base for "%".
 * The markup was validated, so a malformed value here is a programming error.
 */
export function lengthPt(value: string, em: number, percentOf = 0): number {
  const m = LENGTH_RE.exec(value.trim());
  if (!m) throw new Error(`not a length: ${value}`);
  const n = Number(m[1]);
  const unit = m[2];
  if (unit === undefined) return n;
  if (unit === 'em') return n * em;
  if (unit === '%') return (n / 100) * percentOf;
  return n * (UNIT_PT[unit] ?? 1);
}

/** "20mm" → all four sides; "t r b l", "t/b l/r" or "t l/r b" like CSS. */
export function isBoxLengths(value: string): boolean {
  const parts = value.trim().split(/\s+/);
  return parts.length >= 1 && parts.length <= 4 && parts.every((p) => isLength(p, { em: false }));
}

export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function sidesPt(value: string, em: number): Sides {
  const v = value.trim().split(/\s+/).map((p) => lengthPt(p, em));
  const [t = 0, r = t, b = t, l = r] = v;
  return { top: t, right: r, bottom: b, left: l };
}

/** ISO 216 sizes in mm, portrait. */
export const PAGE_SIZES_MM: Record<string, [number, number]> = {
  A3: [297, 420],
  A4: [210, 297],
  A5: [148, 210],
  A6: [105, 148],
  A7: [74, 105],
  B4: [250, 353],
  B5: [176, 250],
};

export function isPageSize(value: string): boolean {
  if (PAGE_SIZES_MM[value.trim().toUpperCase()]) return true;
  const parts = value.trim().split(/\s+/);
  return parts.length === 2 && parts.every((p) => isLength(p, { em: false }));
}

/** Width and height in points, portrait as written (orientation is applied by layout). */
export function pageSizePt(value: string): [number, number] {
  const named = PAGE_SIZES_MM[value.trim().toUpperCase()];
  if (named) return [named[0] * PT_PER_MM, named[1] * PT_PER_MM];
  const [w = '0', h = '0'] = value.trim().split(/\s+/);
  return [lengthPt(w, 0), lengthPt(h, 0)];
}
