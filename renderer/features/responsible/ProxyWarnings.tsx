import type { Proxy } from '../../../shared/contract/ns/fairness';
import { useT } from '../../i18n/use-t';

/** Columns associated with a sensitive attribute (≥ 0.3): conditions on them can stand in for it. */
export function ProxyWarnings({ proxies }: { proxies: Proxy[] }) {
  const { t } = useT();
  const flagged = proxies.filter((p) => p.flag);
  return (
    <section className="fair-proxies" aria-labelledby="proxy-title" data-testid="proxy-warnings">
      <h2 id="proxy-title">{t('responsible.proxy.title')}</h2>
      {flagged.length === 0 ? (
        <p className="muted">{t('responsible.proxy.none', { threshold: 0.3 })}</p>
      ) : (
        <ul>
          {flagged.map((p) => (
            <li key={`${p.column}|${p.attribute}`} className={p.used ? 'used' : undefined} data-testid={`proxy-${p.column}-${p.attribute}`}>
              <strong>⚠</strong> {p.explanation}
              {p.method ? <span className="muted"> ({p.method})</span> : null}
              {p.used ? <span className="badge bad">{t('responsible.proxy.usedHere')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
