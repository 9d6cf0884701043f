import { useApp } from '../../store';
import { Term } from '../../app/Term';
import { useT } from '../../i18n/use-t';

/** The loaded profile: size and share, then each column against the base, largest effect first. */
export function SegmentProfile() {
  const p = useApp((s) => s.segProfile);
  const loadDraft = useApp((s) => s.loadSegProfile);
  const { t, rich, fmt } = useT();
  return (
    <section className="seg-panel" aria-labelledby="profile-title" data-testid="segment-profile">
      <div className="seg-toolbar">
        <h2 id="profile-title">{t('segments.profile.title')}</h2>
        <button type="button" onClick={() => void loadDraft(null)} data-testid="profile-draft">
          {t('segments.profile.draft')}
        </button>
      </div>
      {p ? (
        <>
          <p>
            {t('segments.profile.summary', { size: p.size, total: p.total, share: fmt.percent(p.share || 0), description: p.description })}
          </p>
          <ul className="seg-features">
            {p.features.slice(0, 20).map((f) => (
              <li key={f.name}>
                <span className="seg-effect" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, f.effect * 100)}%` }} />
                </span>
                {f.summary}{' '}
                <small>
                  {rich('segments.profile.effect', { term: <Term id="effect" />, effect: fmt.number(f.effect, 2), kind: f.effectKind })}
                </small>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">{t('segments.profile.hint')}</p>
      )}
    </section>
  );
}
