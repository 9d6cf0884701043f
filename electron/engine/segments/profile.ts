import type { ProfileResult } from '../../../shared/contract/ns/segments';
import { describeRule, humanField, type RuleNode } from '../../../shared/rules';
import { preload, type Mirror, type MirrorColumn } from '../mirror';
import { LazyColumns } from '../mirror/lazy';
import { countMask } from './evaluate';

type Feature = ProfileResult['features'][number];

function r4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function numberFeature(col: MirrorColumn & { values: Float64Array }, mask: Uint8Array): Feature {
  const v = col.values;
  let n = 0, s = 0, ss = 0, ns = 0, sums = 0, missAll = 0, missSeg = 0, segRows = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (mask[i]) segRows++;
    if (x !== x) {
      missAll++;
      if (mask[i]) missSeg++;
      continue;
    }
    n++;
    s += x;
    ss += x * x;
    if (mask[i]) {
      ns++;
      sums += x;
    }
  }
  const mean = n ? s / n : null;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (ss - (s * s) / n) / (n - 1))) : 0;
  const segMean = ns ? sums / ns : null;
  const d = mean !== null && segMean !== null && sd > 0 ? (segMean - mean) / sd : 0;
  const dir = col.kind === 'date' ? (d > 0 ? 'later' : 'earlier') : d > 0 ? 'higher' : 'lower';
  const name = humanField(col.name);
  return {
    name: col.name,
    type: col.type,
    effect: r4(Math.abs(d)),
    effectKind: 'cohen_d',
    segment: { mean: segMean, missing: segRows ? r4(missSeg / segRows) : 0 },
    base: { mean, missing: v.length ? r4(missAll / v.length) : 0 },
    categories: [],
    summary: Math.abs(d) < 0.1 ? `${name} is like the base` : `${name} is ${dir} than the base (d = ${d.toFixed(2)})`,
  };
}

function booleanFeature(col: MirrorColumn & { kind: 'boolean' }, mask: Uint8Array): Feature {
  let t = 0, k = 0, ts = 0, ks = 0, segRows = 0, missSeg = 0;
  for (let i = 0; i < col.values.length; i++) {
    const x = col.values[i];
    if (mask[i]) segRows++;
    if (x > 1) {
      if (mask[i]) missSeg++;
      continue;
    }
    k++;
    t += x;
    if (mask[i]) {
      ks++;
      ts += x;
    }
  }
  const p = k ? t / k : 0;
  const ps = ks ? ts / ks : 0;
  const h = 2 * Math.asin(Math.sqrt(ps)) - 2 * Math.asin(Math.sqrt(p));
  return {
    name: col.name,
    type: col.type,
    effect: r4(Math.abs(h)),
    effectKind: 'cohen_h',
    segment: { mean: ks ? r4(ps) : null, missing: segRows ? r4(missSeg / segRows) : 0 },
    base: { mean: k ? r4(p) : null, missing: col.values.length ? r4((col.values.length - k) / col.values.length) : 0 },
    categories: [],
    summary: `${humanField(col.name)}: ${(ps * 100).toFixed(1)}% yes vs ${(p * 100).toFixed(1)}% in the base`,
  };
}

function textFeature(col: MirrorColumn & { kind: 'text' }, mask: Uint8Array, size: number): Feature {
  const k = col.dictionary.length;
  const seg = new Float64Array(k + 1);
  for (let i = 0; i < col.codes.length; i++) if (mask[i]) seg[col.codes[i] + 1]++;
  const all = new Float64Array(k + 1);
  all[0] = col.codes.length - col.counts.reduce((a, b) => a + b, 0);
  for (let c = 0; c < k; c++) all[c + 1] = col.counts[c];
  const n = col.codes.length;
  const rest = n - size;
  // Cramér's V of the 2×K table (segment vs rest by value); for 2 rows V = sqrt(chi² / n).
  let chi2 = 0;
  if (size > 0 && rest > 0) {
    for (let c = 0; c <= k; c++) {
      if (all[c] === 0) continue;
      const eSeg = (all[c] * size) / n;
      const eRest = (all[c] * rest) / n;
      const oRest = all[c] - seg[c];
      chi2 += ((seg[c] - eSeg) ** 2) / eSeg + ((oRest - eRest) ** 2) / eRest;
    }
  }
  const v = n > 0 ? Math.sqrt(chi2 / n) : 0;
  const top = Array.from({ length: k }, (_, c) => c)
    .sort((a, b) => seg[b + 1] - seg[a + 1])
    .slice(0, 8)
    .map((c) => ({ value: col.dictionary[c], segmentShare: size ? r4(seg[c + 1] / size) : 0, baseShare: n ? r4(all[c + 1] / n) : 0 }));
  const lead = top[0];
  return {
    name: col.name,
    type: col.type,
    effect: r4(v),
    effectKind: 'cramers_v',
    segment: { mean: null, missing: size ? r4(seg[0] / size) : 0 },
    base: { mean: null, missing: n ? r4(all[0] / n) : 0 },
    categories: top,
    summary: lead ? `${humanField(col.name)}: most often ${lead.value} (${(lead.segmentShare * 100).toFixed(1)}% vs ${(lead.baseShare * 100).toFixed(1)}% in the base)` : `${humanField(col.name)}: no values`,
  };
}

/**
 * Each column of the segment against the whole base, largest effect first. Id-like columns (a distinct value per row)
 * are left out. `only`: the columns a caller will show (the report shows no PII column), so the others are not read
 * (e-mails and phones cost a 1M-customer report 1.6 s to read and store, only to be left out).
 */
export function profileMask(m: Mirror, mask: Uint8Array, rule: RuleNode, only?: ReadonlySet<string>): ProfileResult {
  const size = countMask(mask);
  const features: Feature[] = [];
  const lazy = m.columns instanceof LazyColumns ? m.columns : null;
  // Text known to hold nearly a value per row (left out below) is not read at all.
  const names = [...m.columns.keys()].filter((n) => (!only || only.has(n)) && !((lazy?.knownDistinct(n) ?? 0) > Math.max(50, m.rows * 0.5)));
  preload(m, names);
  for (const name of names) {
    const col = m.columns.get(name) as MirrorColumn;
    if (col.name === m.idColumn) continue;
    if (col.kind === 'text') {
      if (col.dictionary.length > Math.max(50, m.rows * 0.5)) continue;
      features.push(textFeature(col, mask, size));
    } else if (col.kind === 'boolean') features.push(booleanFeature(col, mask));
    else features.push(numberFeature(col, mask));
  }
  features.sort((a, b) => b.effect - a.effect);
  return { size, total: m.rows, share: m.rows ? size / m.rows : 0, description: describeRule(rule), features };
}
