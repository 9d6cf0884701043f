import { msg } from '../../../shared/i18n/current';
import { speaker } from '../../../shared/rules/speak';
import type { Workspace } from '../workspace/workspace';
import type { OverlapResult } from '../../../shared/contract/ns/segments';
import { customerKeys, customersIn } from '../mirror/customers';
import { countMask } from './evaluate';
import { segmentMask } from './live';

const NEAR_DUPLICATE = 0.9;

function round(x: number, d = 4): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/**
 * Pairwise overlap of saved segments on their datasets' current versions, in customers (as segment
 * sizes are: mirror/customers.ts). Segments of one dataset are intersected byte-wise on mirror masks
 * (then counted by distinct ID where IDs repeat); across datasets by member id.
 */
export function segmentOverlap(ws: Workspace, names: string[], minShare: number, minCount: number): OverlapResult {
  const uniq = [...new Set(names)];
  const evals = uniq.map((n) => ({ name: n, ...segmentMask(ws, n) }));
  const sameMirror = evals.every((e) => e.mirror === evals[0].mirror);
  const keys = evals.map((e) => customerKeys(ws, e.mirror));
  const customers = (i: number, mask: Uint8Array) => (keys[i].unique ? countMask(mask) : customersIn(keys[i], mask));
  const sizes = evals.map((e, i) => customers(i, e.mask));
  const base = Math.max(...keys.map((k) => k.distinct));
  const idSets = sameMirror ? [] : evals.map((e) => new Set(e.mirror.ids.filter((id, i) => e.mask[i] && id !== '')));
  const k = evals.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    counts[i][i] = sameMirror ? sizes[i] : idSets[i].size;
    for (let j = i + 1; j < k; j++) {
      let both = 0;
      if (sameMirror) {
        const a = evals[i].mask;
        const b = evals[j].mask;
        if (keys[i].unique) for (let r = 0; r < a.length; r++) both += a[r] & b[r];
        else {
          const ab = new Uint8Array(a.length);
          for (let r = 0; r < a.length; r++) ab[r] = a[r] & b[r];
          both = customersIn(keys[i], ab);
        }
      } else {
        for (const id of idSets[i]) if (idSets[j].has(id)) both++;
      }
      counts[i][j] = counts[j][i] = both;
    }
  }
  const jaccard = counts.map((row, i) => row.map((both, j) => {
    const union = counts[i][i] + counts[j][j] - both;
    return union > 0 ? round(both / union) : i === j ? 1 : 0;
  }));
  const minSize = Math.max(Math.ceil(minShare * base), minCount);
  const warnings: OverlapResult['warnings'] = [];
  // Warnings reach the window in its language; numbers stay plain in English (the CLI prints these).
  const sp = speaker();
  evals.forEach((e, i) => {
    if (counts[i][i] < minSize) {
      warnings.push({
        kind: 'small',
        segments: [e.name],
        message: msg('segments.overlap.small', { name: e.name, count: counts[i][i], n: sp.num(counts[i][i]), min: sp.num(minSize), pct: sp.num(Math.round(minShare * 1000) / 10), base: sp.num(base), minCount: sp.num(minCount) }),
        suggestion: null,
      });
    }
  });
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (jaccard[i][j] > NEAR_DUPLICATE) {
        const [big, small] = counts[i][i] >= counts[j][j] ? [i, j] : [j, i];
        warnings.push({
          kind: 'near-duplicate',
          segments: [evals[i].name, evals[j].name],
          message: msg('segments.overlap.nearDuplicate', { a: evals[i].name, b: evals[j].name, jaccard: sp.locale === 'en' ? jaccard[i][j].toFixed(2) : sp.num(Number(jaccard[i][j].toFixed(2))), count: counts[i][j], n: sp.num(counts[i][j]) }),
          suggestion: msg('segments.overlap.merge', { small: evals[small].name, big: evals[big].name }),
        });
      }
    }
  }
  return {
    segments: evals.map((e, i) => ({ name: e.name, size: counts[i][i], share: keys[i].distinct ? round(counts[i][i] / keys[i].distinct) : 0 })),
    counts,
    jaccard,
    base,
    minSize,
    warnings,
  };
}
