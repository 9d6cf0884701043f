import { isAll, isAny, isClusterRef, isClvRef, isCondition, isNot, isRfmRef, isoToDays, shiftBack, type ClusterRef, type ClvRef, type ConditionNode, type RelativeDate, type RfmRef, type RuleNode } from '../../../shared/rules';
import { AppError } from '../../../shared/contract/result';
import { BOOL_MISSING, type Mirror, type MirrorColumn, type TextColumn } from '../mirror';

export interface MirrorEnv {
  asOf: string;
  /** Membership mask (one byte per mirror row) of a cluster or RFM reference. */
  refMask(node: ClusterRef | RfmRef | ClvRef): Uint8Array;
}

/** SQLite's lower(): ASCII letters only, so mirror and SQL fold case identically. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * Evaluate an expanded rule over the mirror. Returns a mask (1 = member) with one byte per row.
 * Built on `selectRows`, so it costs what the count costs plus one pass marking the members.
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
    if (isCondition(n)) {
      const values = this.conditionMask(n);
      return all ? firstFilter({ kind: 'lut8', values, lut: PASS_ONES }, idx, rows) : applyFilter({ kind: 'lut8', values, lut: PASS_ONES }, idx, len);
    }
    if (isClusterRef(n) || isRfmRef(n) || isClvRef(n)) {
      const values = this.env.refMask(n);
      return all ? firstFilter({ kind: 'lut8', values, lut: PASS_ONES }, idx, rows) : applyFilter({ kind: 'lut8', values, lut: PASS_ONES }, idx, len);
    }
    throw new AppError('INTERNAL', 'segment references must be expanded before evaluating');
  }

  /** A condition (or NOT of a lookup-table condition) as one filter over candidates, or null for anything else. */
  private leaf(n: RuleNode): Filter | null {
    if (isCondition(n)) return leafFilter(n, this.m, this.env.asOf);
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

  /** Conditions no filter expresses (e.g. a date that is empty): a full mask from the column. */
  private conditionMask(n: ConditionNode): Uint8Array {
    const col = this.m.columns.get(n.field);
    if (!col) throw new AppError('BAD_INPUT', `unknown field "${n.field}"`);
    const out = new Uint8Array(this.m.rows);
    switch (col.kind) {
      case 'number':
        numberOp(col.values, n, out);
        break;
      case 'date':
        dateOp(col.values, n, this.env.asOf, out);
        break;
      case 'boolean':
        boolOp(col.values, n, out);
        break;
      case 'text':
        textOp(col, n, out);
        break;
    }
    return out;
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

function numberOp(v: Float64Array, n: ConditionNode, out: Uint8Array): void {
  const len = v.length;
  // NaN (missing) compares false with everything, so only neq and the emptiness tests need care.
  switch (n.op) {
    case 'is_empty':
      for (let i = 0; i < len; i++) out[i] = +(v[i] !== v[i]);
      return;
    case 'is_not_empty':
      for (let i = 0; i < len; i++) out[i] = +(v[i] === v[i]);
      return;
    case 'between': {
      const [lo, hi] = n.value as number[];
      for (let i = 0; i < len; i++) out[i] = +(v[i] >= lo) & +(v[i] <= hi);
      return;
    }
  }
  const x = n.value as number;
  switch (n.op) {
    case 'eq':
      for (let i = 0; i < len; i++) out[i] = +(v[i] === x);
      return;
    case 'neq':
      for (let i = 0; i < len; i++) out[i] = +(v[i] === v[i]) & +(v[i] !== x);
      return;
    case 'lt':
      for (let i = 0; i < len; i++) out[i] = +(v[i] < x);
      return;
    case 'lte':
      for (let i = 0; i < len; i++) out[i] = +(v[i] <= x);
      return;
    case 'gt':
      for (let i = 0; i < len; i++) out[i] = +(v[i] > x);
      return;
    case 'gte':
      for (let i = 0; i < len; i++) out[i] = +(v[i] >= x);
      return;
  }
  throw new AppError('BAD_INPUT', `operator "${n.op}" does not apply to number field "${n.field}"`);
}

function day(iso: string): number {
  const d = isoToDays(iso);
  if (d === null) throw new AppError('BAD_INPUT', `"${iso}" is not a date (yyyy-mm-dd)`);
  return d;
}

/** Every date operator is a half-open range [from, to) on day numbers (fractions = time of day). */
function dateRange(n: ConditionNode, asOf: string): [number, number] {
  const v = n.value;
  switch (n.op) {
    case 'before':
      return [-Infinity, day(v as string)];
    case 'after':
      return [day(v as string) + 1, Infinity];
    case 'on':
      return [day(v as string), day(v as string) + 1];
    case 'between': {
      const [a, b] = v as string[];
      return [day(a), day(b) + 1];
    }
    case 'within_last': {
      const r = v as RelativeDate;
      return [day(shiftBack(asOf, r.amount, r.unit)), day(asOf) + 1];
    }
    case 'more_than_ago': {
      const r = v as RelativeDate;
      return [-Infinity, day(shiftBack(asOf, r.amount, r.unit))];
    }
  }
  throw new AppError('BAD_INPUT', `operator "${n.op}" does not apply to date field "${n.field}"`);
}

function dateOp(v: Float64Array, n: ConditionNode, asOf: string, out: Uint8Array): void {
  const len = v.length;
  if (n.op === 'is_empty' || n.op === 'is_not_empty') {
    const want = n.op === 'is_empty';
    for (let i = 0; i < len; i++) out[i] = +((v[i] !== v[i]) === want);
    return;
  }
  const [from, to] = dateRange(n, asOf);
  for (let i = 0; i < len; i++) out[i] = +(v[i] >= from) & +(v[i] < to);
}

function boolOp(v: Uint8Array, n: ConditionNode, out: Uint8Array): void {
  const want = n.op === 'is_true' ? 1 : n.op === 'is_false' ? 0 : -1;
  const len = v.length;
  if (want >= 0) for (let i = 0; i < len; i++) out[i] = +(v[i] === want);
  else if (n.op === 'is_empty') for (let i = 0; i < len; i++) out[i] = +(v[i] === BOOL_MISSING);
  else if (n.op === 'is_not_empty') for (let i = 0; i < len; i++) out[i] = +(v[i] !== BOOL_MISSING);
  else throw new AppError('BAD_INPUT', `operator "${n.op}" does not apply to boolean field "${n.field}"`);
}

/** Text predicates run once per dictionary entry; rows then look their code up (lut[code + 1]). */
function textLut(col: TextColumn, n: ConditionNode): Uint8Array {
  const dict = col.dictionary;
  const lut = new Uint8Array(dict.length + 1);
  const pred = textPredicate(n, col);
  lut[0] = n.op === 'is_empty' ? 1 : 0;
  for (let c = 0; c < dict.length; c++) lut[c + 1] = pred(dict[c]) ? 1 : 0;
  return lut;
}

function textOp(col: TextColumn, n: ConditionNode, out: Uint8Array): void {
  const lut = textLut(col, n);
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) out[i] = lut[codes[i] + 1];
}

/** A condition as a filter over candidate rows: an inclusive range on a Float64Array, or a lookup table on codes. */
type Filter =
  | { kind: 'range'; values: Float64Array; lo: number; hi: number }
  | { kind: 'nan'; values: Float64Array }
  | { kind: 'lut'; codes: Int32Array; lut: Uint8Array }
  | { kind: 'lut8'; values: Uint8Array; lut: Uint8Array };

const PASS_ONES = Uint8Array.from([0, 1]);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The next double toward -∞ / +∞, so strict comparisons become inclusive ranges exactly. */
function nextDown(x: number): number {
  if (x !== x || x === -Infinity) return x;
  if (x === 0) return -Number.MIN_VALUE;
  f64[0] = x;
  u64[0] += x > 0 ? -1n : 1n;
  return f64[0];
}
function nextUp(x: number): number {
  return -nextDown(-x);
}

function numberRange(n: ConditionNode): [number, number] | null {
  const x = n.value as number;
  switch (n.op) {
    case 'eq':
      return [x, x];
    case 'lt':
      return [-Infinity, nextDown(x)];
    case 'lte':
      return [-Infinity, x];
    case 'gt':
      return [nextUp(x), Infinity];
    case 'gte':
      return [x, Infinity];
    case 'between':
      return [(n.value as number[])[0], (n.value as number[])[1]];
    case 'is_not_empty':
      return [-Infinity, Infinity];
  }
  return null;
}

function leafFilter(n: ConditionNode, m: Mirror, asOf: string): Filter | null {
  const col = m.columns.get(n.field);
  if (!col) return null;
  switch (col.kind) {
    case 'number': {
      if (n.op === 'is_empty') return { kind: 'nan', values: col.values };
      const r = numberRange(n);
      return r ? { kind: 'range', values: col.values, lo: r[0], hi: r[1] } : null;
    }
    case 'date': {
      if (n.op === 'is_empty') return { kind: 'nan', values: col.values };
      if (n.op === 'is_not_empty') return { kind: 'range', values: col.values, lo: -Infinity, hi: Infinity };
      const [from, to] = dateRange(n, asOf);
      return { kind: 'range', values: col.values, lo: from, hi: nextDown(to) };
    }
    case 'boolean': {
      const lut = new Uint8Array(3);
      if (n.op === 'is_true') lut[1] = 1;
      else if (n.op === 'is_false') lut[0] = 1;
      else if (n.op === 'is_empty') lut[BOOL_MISSING] = 1;
      else if (n.op === 'is_not_empty') lut[0] = lut[1] = 1;
      else return null;
      return { kind: 'lut8', values: col.values, lut };
    }
    case 'text':
      return { kind: 'lut', codes: col.codes, lut: textLut(col, n) };
  }
}

/**
 * NOT of a lookup-table leaf is the same table with every entry flipped (the mask evaluator
 * complements the leaf's mask, missing included), so it narrows candidates instead of costing a full mask.
 */
function negatedFilter(f: Filter | null): Filter | null {
  if (!f || f.kind === 'range' || f.kind === 'nan') return null;
  const lut = f.lut.map((x) => x ^ 1);
  return f.kind === 'lut' ? { kind: 'lut', codes: f.codes, lut } : { kind: 'lut8', values: f.values, lut };
}

const SAMPLE = 4096;
/** Share of an evenly strided sample of rows passing `f`: a cheap selectivity estimate for ordering AND filters. */
function samplePassRate(f: Filter, rows: number): number {
  const step = Math.max(1, Math.floor(rows / SAMPLE));
  let pass = 0;
  let seen = 0;
  for (let i = 0; i < rows; i += step) {
    seen++;
    if (f.kind === 'range') pass += +(f.values[i] >= f.lo) & +(f.values[i] <= f.hi);
    else if (f.kind === 'nan') pass += +(f.values[i] !== f.values[i]);
    else if (f.kind === 'lut') pass += f.lut[f.codes[i] + 1];
    else pass += f.lut[f.values[i]];
  }
  return seen ? pass / seen : 0;
}

/** Rows 0..rows-1 that pass `f`, written into idx; compaction is branch-free (write, then advance by the test). */
function firstFilter(f: Filter, idx: Uint32Array, rows: number): number {
  let k = 0;
  if (f.kind === 'range') {
    const { values: v, lo, hi } = f;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += +(v[i] >= lo) & +(v[i] <= hi);
    }
  } else if (f.kind === 'nan') {
    const v = f.values;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += +(v[i] !== v[i]);
    }
  } else if (f.kind === 'lut') {
    const { codes, lut } = f;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += lut[codes[i] + 1];
    }
  } else {
    const { values, lut } = f;
    for (let i = 0; i < rows; i++) {
      idx[k] = i;
      k += lut[values[i]];
    }
  }
  return k;
}

/** Keep the candidates idx[0..len) that pass `f`; returns the new length. */
function applyFilter(f: Filter, idx: Uint32Array, len: number): number {
  let k = 0;
  if (f.kind === 'range') {
    const { values: v, lo, hi } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      const x = v[i];
      idx[k] = i;
      k += +(x >= lo) & +(x <= hi);
    }
  } else if (f.kind === 'nan') {
    const v = f.values;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += +(v[i] !== v[i]);
    }
  } else if (f.kind === 'lut') {
    const { codes, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += lut[codes[i] + 1];
    }
  } else {
    const { values, lut } = f;
    for (let j = 0; j < len; j++) {
      const i = idx[j];
      idx[k] = i;
      k += lut[values[i]];
    }
  }
  return k;
}

/** OR a filter over every row into `mark`. */
function markFilter(f: Filter, mark: Uint8Array, rows: number): void {
  if (f.kind === 'range') {
    const { values: v, lo, hi } = f;
    for (let i = 0; i < rows; i++) mark[i] |= +(v[i] >= lo) & +(v[i] <= hi);
  } else if (f.kind === 'nan') {
    const v = f.values;
    for (let i = 0; i < rows; i++) mark[i] |= +(v[i] !== v[i]);
  } else if (f.kind === 'lut') {
    const { codes, lut } = f;
    for (let i = 0; i < rows; i++) mark[i] |= lut[codes[i] + 1];
  } else {
    const { values, lut } = f;
    for (let i = 0; i < rows; i++) mark[i] |= lut[values[i]];
  }
}

function textPredicate(n: ConditionNode, col: MirrorColumn): (s: string) => boolean {
  const v = n.value;
  switch (n.op) {
    case 'eq':
      return (s) => s === v;
    case 'neq':
      return (s) => s !== v;
    case 'in': {
      const set = new Set(v as string[]);
      return (s) => set.has(s);
    }
    case 'not_in': {
      const set = new Set(v as string[]);
      return (s) => !set.has(s);
    }
    case 'contains': {
      const needle = asciiLower(v as string);
      return (s) => asciiLower(s).includes(needle);
    }
    case 'starts_with': {
      const prefix = asciiLower(v as string);
      return (s) => asciiLower(s).startsWith(prefix);
    }
    case 'is_empty':
      return (s) => s === '';
    case 'is_not_empty':
      return (s) => s !== '';
  }
  throw new AppError('BAD_INPUT', `operator "${n.op}" does not apply to ${col.type} field "${n.field}"`);
}

