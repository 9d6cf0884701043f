import { applyFilter, firstFilter, markCandidates, markFilter, type Filter } from './mirror-filter';
import { applyPair, firstPair, fusable } from './fused';

/**
 * A rule compiled once per evaluation: leaves become filters (kernels, reference masks and order-history
 * numbers are computed here, not per block), leaf filters of one AND or OR on the same column are merged into
 * one where they can be (mergeFilters), and each AND's leaf filters are ordered by sampled pass rate, most
 * selective first, so later conditions cost in proportion to what is left.
 */
export type Plan =
  | { kind: 'leaf'; f: Filter }
  /** `fuse`: the first two filters run in one pass (fused.ts). */
  | { kind: 'and'; filters: Filter[]; groups: Plan[]; fuse: boolean }
  | { kind: 'or'; kids: Plan[] }
  | { kind: 'not'; kid: Plan }
  | { kind: 'every' }
  | { kind: 'none' };

/**
 * Rows are evaluated a block at a time: each block's candidate lists and marks stay in the CPU's
 * first-level cache, and the later filters of an AND read columns almost in sequence. Over the whole
 * table at once (20 MB of candidates at 5M rows) every filter paid a round trip to memory for its list.
 * Measured with test/bench/segments.ts (see README, live counts).
 */
export const BLOCK = 4096;

/** Per-depth buffers of one block: a candidate list and a row mark (kept all-zero between uses). */
export class Scratch {
  private readonly lists: Uint32Array[] = [];
  private readonly marks: Uint8Array[] = [];
  constructor(private readonly block: number) {}
  idx(depth: number): Uint32Array {
    while (this.lists.length <= depth) this.lists.push(new Uint32Array(this.block));
    return this.lists[depth];
  }
  mark(depth: number): Uint8Array {
    while (this.marks.length <= depth) this.marks.push(new Uint8Array(this.block));
    return this.marks[depth];
  }
}

/** Rule evaluation over one block of rows as narrowing of a candidate list: every node keeps, of the rows still in the list, those that satisfy it. */
export class Selector {
  constructor(readonly s: Scratch) {}

  /**
   * Keep in idx[0..len) the rows satisfying `p` and return their number (ascending order kept).
   * With `all` set the candidates are every row of the block lo..hi-1 (idx's content is ignored; it
   * receives the result). `depth` picks this level's scratch buffers; callers pass buffers of a lower depth only.
   */
  select(p: Plan, idx: Uint32Array, len: number, depth: number, all: boolean, lo: number, hi: number): number {
    switch (p.kind) {
      case 'leaf':
        return all ? firstFilter(p.f, idx, lo, hi) : applyFilter(p.f, idx, len);
      case 'every':
        return all ? fillAll(idx, lo, hi) : len;
      case 'none':
        return 0;
      case 'and': {
        const { filters, groups } = p;
        let k = 0;
        const [f, g] = filters;
        if (p.fuse && (all || len > 0) && fusable(f) && fusable(g)) {
          const first = all ? firstPair(f, g) : null;
          const apply = all ? null : applyPair(f, g);
          if (first || apply) {
            len = first ? first(f, g, idx, lo, hi) : (apply as NonNullable<typeof apply>)(f, g, idx, len);
            all = false;
            k = 2;
          }
        }
        for (; k < filters.length && (all || len > 0); k++, all = false) len = all ? firstFilter(filters[k], idx, lo, hi) : applyFilter(filters[k], idx, len);
        for (let g = 0; g < groups.length && (all || len > 0); g++, all = false) len = this.select(groups[g], idx, len, depth, all, lo, hi);
        return len;
      }
      case 'or': {
        const mark = this.s.mark(depth);
        const tmp = this.s.idx(depth + 1);
        for (const kid of p.kids) {
          if (kid.kind === 'leaf') {
            // A leaf ORs straight from its column into the marks (no list to build): over every row of the
            // block, or over all the candidates (marking a row twice is harmless).
            if (all) markFilter(kid.f, mark, lo, hi);
            else markCandidates(kid.f, idx, len, mark, lo);
            continue;
          }
          // Over every row each alternative runs on its own (marking is idempotent, and a sequential
          // pass beats listing the unmarked rows first); over candidates, only those not yet taken.
          let t = 0;
          if (!all) {
            for (let j = 0; j < len; j++) {
              const i = idx[j];
              tmp[t] = i;
              t += mark[i - lo] ^ 1;
            }
            if (t === 0) continue;
          }
          const got = this.select(kid, tmp, t, depth + 1, all, lo, hi);
          for (let j = 0; j < got; j++) mark[tmp[j] - lo] = 1;
        }
        return takeByMark(mark, idx, len, all, lo, hi, 0);
      }
      case 'not': {
        const mark = this.s.mark(depth);
        const tmp = this.s.idx(depth + 1);
        if (!all) tmp.set(idx.subarray(0, len));
        const got = this.select(p.kid, tmp, len, depth + 1, all, lo, hi);
        for (let j = 0; j < got; j++) mark[tmp[j] - lo] = 1;
        return takeByMark(mark, idx, len, all, lo, hi, 1);
      }
    }
  }

  /**
   * The number of rows of the block lo..hi-1 satisfying any of `kids`, for a rule whose top is an OR: each
   * alternative's rows are counted as they are first marked, and the marks cleared at the end, so no pass
   * lists the union. (Leaves marked straight from their columns are counted in one pass over the marks.)
   */
  countAny(kids: Plan[], lo: number, hi: number): number {
    const mark = this.s.mark(0);
    const tmp = this.s.idx(1);
    let n = 0;
    let leaves = false;
    for (const kid of kids) {
      if (kid.kind === 'leaf') {
        markFilter(kid.f, mark, lo, hi);
        leaves = true;
        continue;
      }
      const got = this.select(kid, tmp, 0, 1, true, lo, hi);
      for (let j = 0; j < got; j++) {
        const r = tmp[j] - lo;
        n += mark[r] ^ 1;
        mark[r] = 1;
      }
    }
    if (leaves) {
      n = 0;
      for (let r = 0; r < hi - lo; r++) n += mark[r];
    }
    mark.fill(0, 0, hi - lo);
    return n;
  }
}

function fillAll(idx: Uint32Array, lo: number, hi: number): number {
  for (let i = lo; i < hi; i++) idx[i - lo] = i;
  return hi - lo;
}

/**
 * Candidates (or every row of the block) whose mark is set (`flip` 0) or clear (`flip` 1), written to
 * idx; the marks are cleared on the way (the buffer is reused).
 */
function takeByMark(mark: Uint8Array, idx: Uint32Array, len: number, all: boolean, lo: number, hi: number, flip: 0 | 1): number {
  let k = 0;
  if (all) {
    for (let i = lo; i < hi; i++) {
      idx[k] = i;
      k += mark[i - lo] ^ flip;
      mark[i - lo] = 0;
    }
  } else {
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += mark[i - lo] ^ flip;
      mark[i - lo] = 0;
    }
  }
  return k;
}

/** Members of a compiled rule among rows lo..hi-1, a block at a time (the live-count path, on either thread). */
export function countPlan(plan: Plan, lo: number, hi: number, block = BLOCK): number {
  const sel = new Selector(new Scratch(block));
  const idx = sel.s.idx(0);
  let n = 0;
  for (let a = lo; a < hi; a += block) {
    const b = Math.min(hi, a + block);
    n += plan.kind === 'or' ? sel.countAny(plan.kids, a, b) : sel.select(plan, idx, 0, 0, true, a, b);
  }
  return n;
}
