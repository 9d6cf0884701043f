import { msg } from '../../../shared/i18n/current';
import { isAll, isAny, isClusterRef, isClvRef, isCondition, isHistoryRef, isNot, isRfmRef, type ClusterRef, type ClvRef, type HistoryCondition, type RfmRef, type RuleNode } from '../../../shared/rules';
import { AppError } from '../../../shared/contract/result';
import type { Mirror } from '../mirror';
import { historyFilter, mergeFilters, negatedFilter, PASS_ONES, samplePassRate, warmUp, type Filter } from './mirror-filter';
import { countSplit } from './count-thread';
import { FUSE_PASS_RATE, fusable } from './fused';
import { BLOCK, countPlan, Scratch, Selector, type Plan } from './plan';
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
export function evaluateRule(rule: RuleNode, m: Mirror, env: MirrorEnv, block = BLOCK): Uint8Array {
  const out = new Uint8Array(m.rows);
  const plan = compile(rule, m, env);
  warmUp();
  const sel = new Selector(new Scratch(block));
  const idx = sel.s.idx(0);
  for (let lo = 0; lo < m.rows; lo += block) {
    const len = sel.select(plan, idx, 0, 0, true, lo, Math.min(m.rows, lo + block));
    for (let k = 0; k < len; k++) out[idx[k]] = 1;
  }
  return out;
}

/**
 * Members of an expanded rule, counted without materialising a mask (the live-count path).
 * `block` (rows per block) is a parameter so tests can cross many block boundaries on small tables.
 */
export function countRule(rule: RuleNode, m: Mirror, env: MirrorEnv, block = BLOCK): number {
  const plan = compile(rule, m, env);
  warmUp();
  return countSplit(plan, m.rows, block, (lo, hi) => countPlan(plan, lo, hi, block));
}

export function compile(n: RuleNode, m: Mirror, env: MirrorEnv): Plan {
  const f = leaf(n, m, env);
  if (f) return { kind: 'leaf', f };
  if (isAll(n)) {
    if (n.all.length === 0) return { kind: 'every' };
    const kids = n.all.map((k) => compile(k, m, env));
    const filters = merged(kids.flatMap((p) => (p.kind === 'leaf' ? [p.f] : [])), 'and');
    const groups = kids.filter((p) => p.kind !== 'leaf');
    if (filters.length === 1 && groups.length === 0) return { kind: 'leaf', f: filters[0] };
    const scored = filters.map((f) => ({ f, pass: samplePassRate(f, m.rows) })).sort((a, b) => a.pass - b.pass);
    // The first two in one pass when the first keeps many rows (fused.ts).
    const fuse = scored.length >= 2 && scored[0].pass >= FUSE_PASS_RATE && fusable(scored[0].f) && fusable(scored[1].f);
    return { kind: 'and', filters: scored.map((x) => x.f), groups, fuse };
  }
  if (isAny(n)) {
    if (n.any.length === 0) return { kind: 'none' };
    if (n.any.length === 1) return compile(n.any[0], m, env);
    const kids = n.any.map((k) => compile(k, m, env));
    const leaves = merged(kids.flatMap((p) => (p.kind === 'leaf' ? [p.f] : [])), 'or');
    const rest = kids.filter((p) => p.kind !== 'leaf');
    if (leaves.length === 1 && rest.length === 0) return { kind: 'leaf', f: leaves[0] };
    return { kind: 'or', kids: [...leaves.map((f): Plan => ({ kind: 'leaf', f })), ...rest] };
  }
  if (isNot(n)) return { kind: 'not', kid: compile(n.not, m, env) };
  throw new AppError('INTERNAL', 'segment references must be expanded before evaluating');
}

/** Filters of one AND (or OR) with those on the same column merged where they can be (mergeFilters). */
function merged(filters: Filter[], op: 'and' | 'or'): Filter[] {
  const out: Filter[] = [];
  for (const f of filters) {
    let k = 0;
    let m: Filter | null = null;
    for (; k < out.length && !m; k++) m = mergeFilters(out[k], f, op);
    if (m) out[k - 1] = m;
    else out.push(f);
  }
  return out;
}

/** A condition, reference or order-history condition (or NOT of a lookup-table condition) as one filter; null for groups. */
function leaf(n: RuleNode, m: Mirror, env: MirrorEnv): Filter | null {
  if (isCondition(n)) return leafFilter(n, m, env.asOf);
  if (isHistoryRef(n)) {
    if (!env.historyValues) throw new AppError('BAD_INPUT', msg('segments.error.historyNotHere'));
    return historyFilter(n.history, env.historyValues(n.history));
  }
  if (isClusterRef(n) || isRfmRef(n) || isClvRef(n)) return { kind: 'lut8', values: env.refMask(n), lut: PASS_ONES };
  if (isNot(n) && isCondition(n.not)) return negatedFilter(leafFilter(n.not, m, env.asOf));
  return null;
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
