import { useApp } from '../../store';
import { Term } from '../../app/Term';

/** The loaded profile: size and share, then each column against the base, largest effect first. */
export function SegmentProfile() {
  const p = useApp((s) => s.segProfile);
  const loadDraft = useApp((s) => s.loadSegProfile);
  return (
    <section className="seg-panel" aria-labelledby="profile-title" data-testid="segment-profile">
      <div className="seg-toolbar">
        <h2 id="profile-title">Profile vs the whole base</h2>
        <button type="button" onClick={() => void loadDraft(null)} data-testid="profile-draft">
          Profile the rule being edited
        </button>
      </div>
      {p ? (
        <>
          <p>
            {p.size.toLocaleString()} of {p.total.toLocaleString()} ({((p.share || 0) * 100).toFixed(1)}%): {p.description}
          </p>
          <ul className="seg-features">
            {p.features.slice(0, 20).map((f) => (
              <li key={f.name}>
                <span className="seg-effect" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, f.effect * 100)}%` }} />
                </span>
                {f.summary}{' '}
                <small>
                  (<Term id="effect" />: {f.effect.toFixed(2)}, {f.effectKind.replace('_', ' ')})
                </small>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">Choose “Profile” on a saved segment, or profile the rule being edited.</p>
      )}
    </section>
  );
}
