import { useState } from 'react';
import { useApp } from '../../store';
import { useT } from '../../i18n/use-t';

function heat(j: number): string {
  // i18n-ignore (CSS)
  return `color-mix(in srgb, var(--accent) ${Math.round(j * 80)}%, transparent)`;
}

/** Pick saved segments; see how much they overlap (counts, Jaccard) and what to merge or drop. */
export function OverlapPanel() {
  const list = useApp((s) => s.segmentList);
  const overlap = useApp((s) => s.overlap);
  const load = useApp((s) => s.loadOverlap);
  const showCustomers = useApp((s) => s.showCustomers);
  const datasetOf = (name: string) => list.find((s) => s.name === name)?.dataset ?? null;
  const seeBoth = (a: string, b: string) => {
    const dataset = datasetOf(a);
    if (!dataset || datasetOf(b) !== dataset) return;
    const rule = a === b ? { segment: a } : { all: [{ segment: a }, { segment: b }] };
    showCustomers(dataset, [], { rule, label: a === b ? t('segments.list.pickLabel', { name: a }) : t('segments.overlap.pickLabel', { a, b }) });
  };
  const [picked, setPicked] = useState<string[]>([]);
  const { t, fmt } = useT();
  const names = picked.length ? picked : list.map((s) => s.name);
  return (
    <section className="seg-panel" aria-labelledby="overlap-title">
      <div className="seg-toolbar">
        <h2 id="overlap-title">{t('segments.overlap.title')}</h2>
        <button type="button" className="primary" onClick={() => void load(names)} disabled={names.length === 0} data-testid="overlap-run">
          {picked.length ? t('segments.overlap.compare', { count: picked.length }) : t('segments.overlap.compareAll')}
        </button>
      </div>
      <div className="seg-picks">
        {list.map((s) => (
          <label key={s.name} className="inline">
            <input type="checkbox" checked={picked.includes(s.name)} onChange={(e) => setPicked(e.target.checked ? [...picked, s.name] : picked.filter((p) => p !== s.name))} />
            {s.name}
          </label>
        ))}
      </div>
      {overlap ? (
        <>
          <table className="seg-matrix" data-testid="overlap-matrix">
            <caption>{t('segments.overlap.caption', { base: overlap.base, minSize: overlap.minSize })}</caption>
            <thead>
              <tr>
                <th />
                {overlap.segments.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overlap.segments.map((s, i) => (
                <tr key={s.name}>
                  <th scope="row">
                    {s.name} <small>{fmt.count(s.size)}</small>
                  </th>
                  {overlap.counts[i].map((c, j) => (
                    <td key={j} style={{ background: heat(overlap.jaccard[i][j]) }}>
                      <button
                        type="button"
                        className="cell-link"
                        onClick={() => seeBoth(s.name, overlap.segments[j].name)}
                        title={t('segments.overlap.seeCell')}
                        data-testid={`overlap-cell-${i}-${j}`}
                      >
                        {fmt.count(c)}
                      </button>
                      <br />
                      <small>{fmt.number(overlap.jaccard[i][j], 2)}</small>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {overlap.warnings.length ? (
            <ul className="seg-warnings" data-testid="overlap-warnings">
              {overlap.warnings.map((w, k) => (
                <li key={k} className={w.kind}>
                  {w.message}
                  {w.suggestion ? <em> — {w.suggestion}</em> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('segments.overlap.noWarnings')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
