// Page points → image pixels: the perspective transform (homography) fitted to the four
// registration marks. An affine scan (shift, scale, rotation) is the special case with h6 = h7 = 0.

/** Row-major 3x3 matrix [h0..h8] with h8 = 1. */
export type Homography = readonly number[];

export type Point = readonly [number, number];

export function project(h: Homography, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** The homography taking each `from[i]` to `to[i]` (four pairs, no three collinear), or null. */
export function fitHomography(from: readonly Point[], to: readonly Point[]): Homography | null {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const solution = solve(a);
  return solution ? [...solution, 1] : null;
}

/** Gauss-Jordan elimination with partial pivoting on an n x (n+1) augmented matrix. */
function solve(m: number[][]): number[] | null {
  const n = m.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-12) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const row = m[c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / row[c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * row[k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Pixels per point around (x, y): the mean stretch of the transform there. */
export function localScale(h: Homography, x: number, y: number): number {
  const [u0, v0] = project(h, x, y);
  const [u1, v1] = project(h, x + 1, y);
  const [u2, v2] = project(h, x, y + 1);
  return (Math.hypot(u1 - u0, v1 - v0) + Math.hypot(u2 - u0, v2 - v0)) / 2;
}
