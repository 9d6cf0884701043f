import { describe, expect, it } from 'vitest';
import { chooseK } from '../../../electron/engine/cluster/choose-k';

const scores = (sil: number[], inertia: number[], smallest: number[] = sil.map(() => 0.1)) =>
  sil.map((s, i) => ({ k: i + 2, silhouette: s, inertia: inertia[i], smallestShare: smallest[i] }));

describe('choosing k from a sweep', () => {
  it('a silhouette that only falls (the demo customers) gives way to the bend of the inertia curve: k = 4, not 2', () => {
    const c = chooseK(scores([0.42, 0.26, 0.17, 0.11, 0.1, 0.1, 0.11, 0.11, 0.12], [2001, 1706, 1557, 1446, 1336, 1264, 1162, 1101, 1061]), null);
    expect(c.k).toBe(4);
    expect(c.elbow).toBe(4);
    expect(c.reason).toMatch(/^4 groups: beyond 4 groups each extra group makes the groups only a little tighter/);
    expect(c.reason).not.toMatch(/silhouette|inertia|elbow/i);
  });

  it('keeps k = 2 when two groups are clearly distinct (silhouette ≥ 0.5)', () => {
    expect(chooseK(scores([0.7, 0.4, 0.35, 0.3], [100, 60, 45, 40]), null).k).toBe(2);
  });

  it('takes a real silhouette peak above 2 and says the data are clearest there', () => {
    const c = chooseK(scores([0.3, 0.45, 0.35, 0.3], [100, 50, 45, 42]), null);
    expect(c.k).toBe(3);
    expect(c.reason).toMatch(/most clearly separated into 3 groups/);
  });

  it('never picks a k whose smallest cluster is a handful of outliers while another k is useful', () => {
    const c = chooseK(scores([0.3, 0.6, 0.2], [100, 60, 50], [0.2, 0.005, 0.1]), null);
    expect(c.k).not.toBe(3);
    expect(c.reason).toMatch(/Not 3 groups: one of their groups would hold under 2 %/);
  });
});
