import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../shared/glossary';
import { glossaryFor } from '../../electron/engine/report/sections/methods';

describe('glossary', () => {
  it('gives the plain labels the app and report use in place of the jargon', () => {
    expect(GLOSSARY.pAlive).toMatchObject({ term: 'P(alive)', label: 'chance this customer is still active' });
    expect(GLOSSARY.effect.label).toBe('how different (standardised)');
    for (const [id, g] of Object.entries(GLOSSARY)) {
      expect(g.term.length, id).toBeGreaterThan(0);
      // A plain label never repeats the technical name it stands for.
      expect(g.label.toLowerCase(), id).not.toContain(g.term.toLowerCase());
      expect(g.explain.length, id).toBeGreaterThan(40);
    }
  });

  it('explains in the report exactly the terms of the sections it includes, once each', () => {
    expect(glossaryFor([])).toEqual([]);
    expect(glossaryFor(['overview'])).toEqual([]);
    const outcomes = glossaryFor(['outcomes']).map((g) => g.term);
    expect(outcomes).toContain('P(alive)');
    expect(outcomes).toContain('BG/NBD');
    expect(outcomes).not.toContain('silhouette');
    const both = glossaryFor(['outcomes', 'responsible']).map((g) => g.term);
    expect(new Set(both).size).toBe(both.length);
    expect(both).toContain('p (Holm)');
  });
});
