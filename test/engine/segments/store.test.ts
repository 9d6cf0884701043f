import { describe, expect, it } from 'vitest';
import { deleteSegment, duplicateSegment, listSegments, memberIds, renameSegment, saveSegment, segmentChanges, segmentHistory } from '../../../electron/engine/segments/store';
import { refreshSegments } from '../../../electron/engine/segments/snapshot';
import { segmentOverlap } from '../../../electron/engine/segments/overlap';
import { liveCount, segmentMask } from '../../../electron/engine/segments/live';
import { profileMask } from '../../../electron/engine/segments/profile';
import { addDatasetVersion, fixtureWorkspace, type FixtureColumn } from './fixture';

const COLS: FixtureColumn[] = [
  { name: 'id', type: 'text' },
  { name: 'spend', type: 'number' },
  { name: 'lifestyle', type: 'category' },
  { name: 'gender', type: 'category', sensitive: true },
];

function rows(spendOf: (i: number) => number, n = 100): unknown[][] {
  return Array.from({ length: n }, (_, i) => [`C${String(i).padStart(3, '0')}`, spendOf(i), i % 3 === 0 ? 'eco' : 'premium', i % 2 ? 'F' : 'M']);
}

describe('saved segments', () => {
  it('saves, snapshots on a new dataset version, and reports who entered and left', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'customers', COLS, rows((i) => i * 10));
    const rule = { all: [{ field: 'spend', op: 'gte', value: 500 }] };
    const saved = saveSegment(ws, { dataset: 'customers', name: 'Big spenders', rule });
    expect(saved).toMatchObject({ size: 50, total: 100, share: 0.5, datasetVersion: 1, description: 'spend is at least 500' });

    // Next month: spend shifts by 100 for everyone, and C000..C009 leave the file.
    const v2 = rows((i) => i * 10 + 100).slice(10);
    addDatasetVersion(ws, 'customers', COLS, v2);
    expect(refreshSegments(ws, 'customers').refreshed).toEqual(['Big spenders']);
    const h = segmentHistory(ws, 'Big spenders');
    expect(h.versions.map((v) => [v.datasetVersion, v.size, v.reason])).toEqual([
      [1, 50, 'saved'],
      [2, 60, 'reimport'],
    ]);
    // Independent expectation: members are ids with spend ≥ 500 in each version.
    const expected = (rs: unknown[][]) => new Set(rs.filter((r) => (r[1] as number) >= 500).map((r) => r[0] as string));
    const before = expected(rows((i) => i * 10));
    const after = expected(v2);
    const entered = [...after].filter((id) => !before.has(id)).sort();
    const left = [...before].filter((id) => !after.has(id)).sort();
    const ch = segmentChanges(ws, 'Big spenders');
    expect(ch.entered).toEqual(entered);
    expect(ch.left).toEqual(left);
    expect(h.versions[1]).toMatchObject({ entered: entered.length, left: left.length });
    expect(memberIds(ws, 'Big spenders')).toEqual([...after].sort());
    // Nothing more to refresh; listing is idempotent.
    expect(refreshSegments(ws).refreshed).toEqual([]);
    expect(listSegments(ws)[0].sizes.map((s) => s.size)).toEqual([50, 60]);
    ws.close();
  });

  it('requires a justification for sensitive columns and stores it with the version', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'customers', COLS, rows((i) => i));
    const rule = { field: 'gender', op: 'eq', value: 'F' };
    expect(() => saveSegment(ws, { dataset: 'customers', name: 'Women', rule })).toThrow(/sensitive column "gender": a justification is required/);
    expect(listSegments(ws)).toEqual([]);
    const s = saveSegment(ws, { dataset: 'customers', name: 'Women', rule, justification: 'health campaign for a women-only product' });
    expect(s.sensitiveFields).toEqual(['gender']);
    const stored = ws.db.prepare('SELECT justification, sensitive_fields FROM segment_versions').get();
    expect(stored).toEqual({ justification: 'health campaign for a women-only product', sensitive_fields: '["gender"]' });
    // Referring to the segment inherits the sensitivity.
    expect(() => saveSegment(ws, { dataset: 'customers', name: 'Rich women', rule: { all: [{ segment: 'Women' }, { field: 'spend', op: 'gt', value: 50 }] } })).toThrow(/justification/);
    ws.close();
  });

  it('renames, duplicates, deletes, and refuses self-reference and bad rules', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'customers', COLS, rows((i) => i));
    saveSegment(ws, { dataset: 'customers', name: 'Eco', rule: { field: 'lifestyle', op: 'eq', value: 'eco' } });
    saveSegment(ws, { dataset: 'customers', name: 'Eco big', rule: { all: [{ segment: 'Eco' }, { field: 'spend', op: 'gt', value: 50 }] } });
    expect(liveCount(ws, 'customers', { segment: 'Eco big' }).count).toBe(rows((i) => i).filter((r, i) => i % 3 === 0 && (r[1] as number) > 50).length);
    renameSegment(ws, 'Eco', 'Green');
    expect(listSegments(ws, 'Eco big')[0].rule).toEqual({ all: [{ segment: 'Green' }, { field: 'spend', op: 'gt', value: 50 }] });
    expect(() => deleteSegment(ws, 'Green')).toThrow(/used by "Eco big"/);
    const dup = duplicateSegment(ws, 'Green', 'Green copy');
    expect(dup.size).toBe(34);
    expect(() => saveSegment(ws, { dataset: 'customers', name: 'Green', rule: { segment: 'Green' } })).toThrow(/refers to itself/);
    expect(() => saveSegment(ws, { dataset: 'customers', name: 'X', rule: { field: 'nope', op: 'eq', value: 1 } })).toThrow(/unknown field "nope"/);
    expect(() => saveSegment(ws, { dataset: 'customers', name: 'X', rule: { field: 'spend', op: 'contains', value: 'a' } })).toThrow(/operator "contains" does not apply to number field "spend"/);
    expect(deleteSegment(ws, 'Green copy')).toEqual({ deleted: 'Green copy' });
    expect(listSegments(ws).map((s) => s.name)).toEqual(['Eco big', 'Green']);
    ws.close();
  });

  it('computes overlap, Jaccard, small-segment and near-duplicate warnings, and a profile', () => {
    const ws = fixtureWorkspace();
    addDatasetVersion(ws, 'customers', COLS, rows((i) => i, 1000));
    saveSegment(ws, { dataset: 'customers', name: 'A', rule: { field: 'spend', op: 'lt', value: 500 } });
    saveSegment(ws, { dataset: 'customers', name: 'B', rule: { field: 'spend', op: 'lt', value: 520 } });
    saveSegment(ws, { dataset: 'customers', name: 'Tiny', rule: { field: 'spend', op: 'lt', value: 5 } });
    const o = segmentOverlap(ws, ['A', 'B', 'Tiny'], 0.01, 50);
    expect(o.counts).toEqual([
      [500, 500, 5],
      [500, 520, 5],
      [5, 5, 5],
    ]);
    expect(o.jaccard[0][1]).toBeCloseTo(500 / 520, 4);
    expect(o.minSize).toBe(50);
    expect(o.warnings.map((w) => [w.kind, w.segments])).toEqual([
      ['small', ['Tiny']],
      ['near-duplicate', ['A', 'B']],
    ]);
    expect(o.warnings[1].suggestion).toMatch(/merge "A" into "B"/);
    const { mask, mirror, rule } = segmentMask(ws, 'A');
    const p = profileMask(mirror, mask, rule);
    expect(p.features[0]).toMatchObject({ name: 'spend', effectKind: 'cohen_d' });
    expect(p.features[0].segment.mean).toBeCloseTo(249.5, 6);
    expect(p.features.map((f) => f.name)).not.toContain('id');
    ws.close();
  });
});
