// Feasible flow with lower and upper bounds on edges (Dinic's max-flow on the standard
// reduction). Question-count rules that nest (paper topic > section topic > cell) are exactly
// such bounds, so one run answers "can these quotas all hold at once?" without guessing.

export class BoundedFlow {
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private head: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private excess: number[] = [];
  private nodes = 0;

  addNode(): number {
    this.head.push(-1);
    this.excess.push(0);
    return this.nodes++;
  }

  private link(u: number, v: number, c: number): number {
    const e = this.to.length;
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.next.push(this.head[u]!, this.head[v]!);
    this.head[u] = e;
    this.head[v] = e + 1;
    return e;
  }

  /** An edge carrying between `lo` and `hi` units; returns its id for `flowOn`. */
  addEdge(u: number, v: number, lo: number, hi: number): number {
    if (hi < lo) hi = lo - 1; // an empty range: the flow will be infeasible, as it should
    const e = this.link(u, v, Math.max(0, hi - lo));
    this.lower[e] = lo;
    this.upper[e] = hi;
    this.excess[v]! += lo;
    this.excess[u]! -= lo;
    if (hi < lo) this.excess[v] = Number.NEGATIVE_INFINITY;
    return e;
  }

  /** Units on edge `e` in the feasible flow found by `solve`. */
  flowOn(e: number): number {
    return this.lower[e]! + this.cap[e ^ 1]!;
  }

  /** Find a flow from `source` to `sink` meeting every bound; false when none exists. */
  solve(source: number, sink: number): boolean {
    if (this.excess.some((x) => x === Number.NEGATIVE_INFINITY)) return false;
    const INF = 1 << 30;
    this.link(sink, source, INF);
    const s = this.addNode();
    const t = this.addNode();
    let need = 0;
    for (let v = 0; v < this.nodes - 2; v++) {
      const x = this.excess[v]!;
      if (x > 0) {
        this.link(s, v, x);
        need += x;
      } else if (x < 0) this.link(v, t, -x);
    }
    return this.maxFlow(s, t) === need;
  }

  private maxFlow(s: number, t: number): number {
    const n = this.nodes;
    const level = new Int32Array(n);
    const iter = new Int32Array(n);
    const queue = new Int32Array(n);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++]!;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          const v = this.to[e]!;
          if (this.cap[e]! > 0 && level[v]! < 0) {
            level[v] = level[u]! + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[t]! < 0) return total;
      for (let v = 0; v < n; v++) iter[v] = this.head[v]!;
      for (;;) {
        const pushed = this.augment(s, t, 1 << 30, level, iter);
        if (pushed === 0) break;
        total += pushed;
      }
    }
  }

  private augment(u: number, t: number, limit: number, level: Int32Array, iter: Int32Array): number {
    if (u === t) return limit;
    for (; iter[u]! !== -1; iter[u] = this.next[iter[u]!]!) {
      const e = iter[u]!;
      const v = this.to[e]!;
      if (this.cap[e]! > 0 && level[v] === level[u]! + 1) {
        const d = this.augment(v, t, Math.min(limit, this.cap[e]!), level, iter);
        if (d > 0) {
          this.cap[e]! -= d;
          this.cap[e ^ 1]! += d;
          return d;
        }
      }
    }
    return 0;
  }
}
