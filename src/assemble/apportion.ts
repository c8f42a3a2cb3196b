// Turning weights and "as even as possible" into whole question counts that add up exactly.

/**
 * Largest-remainder (Hamilton) apportionment of `total` seats by `weights`: each key gets the
 * floor of its exact share, the seats left go to the largest remainders, ties to the key
 * listed first. The counts always add up to `total`.
 */
export function apportionLargestRemainder(total: number, weights: ReadonlyArray<readonly [string, number]>): Map<string, number> {
  const sum = weights.reduce((acc, [, w]) => acc + w, 0);
  const counts = new Map<string, number>();
  if (sum <= 0) throw new RangeError('weights must add up to more than 0');
  const rest: { key: string; remainder: number; order: number }[] = [];
  let given = 0;
  weights.forEach(([key, w], order) => {
    const exact = (total * w) / sum;
    const whole = Math.floor(exact + 1e-9);
    counts.set(key, whole);
    given += whole;
    rest.push({ key, remainder: exact - whole, order });
  });
  rest.sort((x, y) => y.remainder - x.remainder || x.order - y.order);
  for (let i = 0; given < total; i++, given++) {
    const r = rest[i % rest.length]!;
    counts.set(r.key, counts.get(r.key)! + 1);
  }
  return counts;
}

/**
 * Bounds per key for spreading `total` as evenly as `caps` allow (water-filling): a key below
 * the common level takes all it has, the others take the level or one more. `slack` widens
 * every range by that much, for when the even split cannot hold together with other rules.
 * Returns null when the caps add up to less than `total`.
 */
export function balancedBounds(
  total: number,
  caps: ReadonlyMap<string, number>,
  slack = 0,
): Map<string, [number, number]> | null {
  const capSum = [...caps.values()].reduce((a, b) => a + b, 0);
  if (capSum < total) return null;
  const filled = (level: number) => [...caps.values()].reduce((acc, c) => acc + Math.min(c, level), 0);
  let level = 0;
  while (filled(level + 1) <= total && level < total) level++;
  const bounds = new Map<string, [number, number]>();
  for (const [key, cap] of caps) {
    const lo = Math.max(0, Math.min(cap, level) - slack);
    const hi = Math.min(cap, level + 1 + slack);
    bounds.set(key, [lo, hi]);
  }
  return bounds;
}
