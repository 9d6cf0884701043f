import { msg } from '../../../shared/i18n/current';
import { isAll, isAny, isClusterRef, isClvRef, isCondition, isHistoryRef, isNot, isRfmRef, type ClusterRef, type ClvRef, type HistoryCondition, type RfmRef, type RuleNode } from '../../../shared/rules';
import { AppError } from '../../../shared/contract/result';
import type { Mirror } from '../mirror';
import { applyFilter, firstFilter, historyFilter, markFilter, negatedFilter, PASS_ONES, samplePassRate, type Filter } from './mirror-filter';
import { leafFilter } from './mirror-kernels';

export interface MirrorEnv {
  asOf: string;
  /** Membership mask (one byte per mirror row) of a cluster or RFM reference. */
  refMask(node: ClusterRef | RfmRef | ClvRef): Uint8Array;
  /** An order-history condition's number for every mirror row (segments/history.ts); absent where rules cannot hold one (an order filter). */
  historyValues?(h: HistoryCondition): Float64Array;
}

/**
 * Evaluate an expanded rule over the mirror. Returns a mask (1 = member) with one byte per row.
 * Built on the Selector below, so it costs what the count costs plus one pass marking the members.
 */
export function evaluateRule(rule: RuleNode, m: Mirror, env: MirrorEnv): Uint8Array {
  const out = new Uint8Array(m.rows);
  withScratch(m.rows, (s) => {
    const idx = s.idx(0);
    const len = new Selector(m, env, s).select(rule, idx, 0, 0, true);
    for (let k = 0; k < len; k++) out[idx[k]] = 1;
  });
  return out;
}

/** Members of an expanded rule, counted without materialising a mask (the live-count path). */
export function countRule(rule: RuleNode, m: Mirror, env: MirrorEnv): number {
  return withScratch(m.rows, (s) => new Selector(m, env, s).select(rule, s.idx(0), 0, 0, true));
}

/**
 * Reused per-depth buffers: a candidate list (Uint32Array) and a row mark (Uint8Array, kept all-zero
 * between uses). Fresh 1–4 MB arrays per count were the latency tail (allocation, zeroing and the
 * garbage collections they triggered), so live counts allocate nothing proportional to the rows.
 */
class Scratch {
  private readonly lists: Uint32Array[] = [];
  private readonly marks: Uint8Array[] = [];
  constructor(readonly rows: number) {}
  idx(depth: number): Uint32Array {
    while (this.lists.length <= depth) this.lists.push(new Uint32Array(this.rows));
    return this.lists[depth];
  }
  mark(depth: number): Uint8Array {
    while (this.marks.length <= depth) this.marks.push(new Uint8Array(this.rows));
    return this.marks[depth];
  }
}

let pooled: Scratch | null = null;
let pooledBusy = false;

function withScratch<T>(rows: number, run: (s: Scratch) => T): T {
  // Re-entrant use (a reference evaluated while a rule is being evaluated) gets its own buffers.
  if (pooledBusy) return run(new Scratch(rows));
  if (!pooled || pooled.rows !== rows) pooled = new Scratch(rows);
  pooledBusy = true;
  try {
    return run(pooled);
  } finally {
    pooledBusy = false;
  }
}

/**
 * Rule evaluation as narrowing of a candidate list: every node keeps, of the rows still in the list,
 * those that satisfy it. AND children run most selective first, so later conditions cost in proportion
 * to what is left; OR and NOT of nested groups look only at the candidates they are given.
 */
class Selector {
  constructor(
    private readonly m: Mirror,
    private readonly env: MirrorEnv,
    private readonly s: Scratch,
  ) {}

  /**
   * Keep in idx[0..len) the rows satisfying `n` and return their number (ascending order kept).
   * With `all` set the candidates are every row (idx's content is ignored; it receives the result).
   * `depth` picks this level's scratch buffers; callers pass buffers of a lower depth only.
   */
  select(n: RuleNode, idx: Uint32Array, len: number, depth: number, all: boolean): number {
    const rows = this.m.rows;
    if (isAll(n)) {
      if (n.all.length === 0) return all ? fillAll(idx, rows) : len;
      const { filters, rest } = this.split(n.all);
      let k = 0;
      for (; k < filters.length && (all || len > 0); k++, all = false) len = all ? firstFilter(filters[k], idx, rows) : applyFilter(filters[k], idx, len);
      for (let g = 0; g < rest.length && (all || len > 0); g++, all = false) len = this.select(rest[g], idx, len, depth, all);
      return len;
    }
    if (isAny(n)) {
      if (n.any.length === 0) return 0;
      if (n.any.length === 1) return this.select(n.any[0], idx, len, depth, all);
      const mark = this.s.mark(depth);
      const tmp = this.s.idx(depth + 1);
      for (const kid of n.any) {
        const f = all ? this.leaf(kid) : null;
        if (f) {
          // A leaf over every row ORs straight from its column into the marks (no list to build).
          markFilter(f, mark, rows);
          continue;
        }
        // Over every row each alternative runs on its own (marking is idempotent, and a sequential
        // pass beats listing the unmarked rows first); over candidates, only those not yet taken.
        const whole = all;
        let t = 0;
        if (!all) {
          for (let j = 0; j < len; j++) {
            const i = idx[j];
            tmp[t] = i;
            t += mark[i] ^ 1;
          }
        }
        if (!whole && t === 0) continue;
        const got = this.select(kid, tmp, t, depth + 1, whole);
        for (let j = 0; j < got; j++) mark[tmp[j]] = 1;
      }
      return takeByMark(mark, idx, len, all, rows, 0);
    }
    if (isNot(n)) {
      const f = this.leaf(n);
      if (f) return all ? firstFilter(f, idx, rows) : applyFilter(f, idx, len);
      const mark = this.s.mark(depth);
      const tmp = this.s.idx(depth + 1);
      if (!all) tmp.set(idx.subarray(0, len));
      const got = this.select(n.not, tmp, len, depth + 1, all);
      for (let j = 0; j < got; j++) mark[tmp[j]] = 1;
      return takeByMark(mark, idx, len, all, rows, 1);
    }
    const f = this.leaf(n);
    if (f) return all ? firstFilter(f, idx, rows) : applyFilter(f, idx, len);
    if (isClusterRef(n) || isRfmRef(n) || isClvRef(n)) {
      const values = this.env.refMask(n);
      return all ? firstFilter({ kind: 'lut8', values, lut: PASS_ONES }, idx, rows) : applyFilter({ kind: 'lut8', values, lut: PASS_ONES }, idx, len);
    }
    throw new AppError('INTERNAL', 'segment references must be expanded before evaluating');
  }

  /** A condition (or NOT of a lookup-table condition) as one filter over candidates, or null for anything else. */
  private leaf(n: RuleNode): Filter | null {
    if (isCondition(n)) return leafFilter(n, this.m, this.env.asOf);
    if (isHistoryRef(n)) {
      if (!this.env.historyValues) throw new AppError('BAD_INPUT', msg('segments.error.historyNotHere'));
      return historyFilter(n.history, this.env.historyValues(n.history));
    }
    if (isNot(n) && isCondition(n.not)) return negatedFilter(leafFilter(n.not, this.m, this.env.asOf));
    return null;
  }

  /** AND children: single-filter leaves ordered by sampled pass rate (most selective first), then the rest. */
  private split(kids: RuleNode[]): { filters: Filter[]; rest: RuleNode[] } {
    const scored: { f: Filter; pass: number }[] = [];
    const rest: RuleNode[] = [];
    for (const k of kids) {
      const f = this.leaf(k);
      if (f) scored.push({ f, pass: samplePassRate(f, this.m.rows) });
      else rest.push(k);
    }
    scored.sort((a, b) => a.pass - b.pass);
    return { filters: scored.map((x) => x.f), rest };
  }
}

function fillAll(idx: Uint32Array, rows: number): number {
  for (let i = 0; i < rows; i++) idx[i] = i;
  return rows;
}

/**
 * Candidates (or every row) whose mark is set (`flip` 0) or clear (`flip` 1), written to idx; the marks
 * are cleared on the way (the buffer is reused).
 */
function takeByMark(mark: Uint8Array, idx: Uint32Array, len: number, all: boolean, rows: number, flip: 0 | 1): number {
  let k = 0;
  if (all) {
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += mark[i] ^ flip;
      mark[i] = 0;
    }
  } else {
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += mark[i] ^ flip;
      mark[i] = 0;
    }
  }
  return k;
}

export function countMask(mask: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < mask.length; i++) c += mask[i];
  return c;
}

/** Row numbers (ascending) where the mask is set. */
export function maskIndices(mask: Uint8Array): Uint32Array {
  const out = new Uint32Array(countMask(mask));
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}
