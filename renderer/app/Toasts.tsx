import { useEffect } from 'react';
import { useApp } from '../store';
import type { Toast } from '../store/toasts';

const FADE_MS = 6000;

function useFade(toasts: Toast[], dismiss: (id: number) => void) {
  useEffect(() => {
    const timers = toasts.filter((t) => t.kind !== 'error').map((t) => setTimeout(() => dismiss(t.id), FADE_MS));
    return () => timers.forEach(clearTimeout);
  }, [toasts, dismiss]);
}

/** Messages and errors; errors stay until dismissed (they name file, row and column), others fade. */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  useFade(toasts, dismiss);
  return (
    <div className="toasts" role="region" aria-label="Notifications" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${t.kind}`}>
          <div className="toast-text">
            <span>{t.message}</span>
            {t.detail ? <small>{t.detail}</small> : null}
          </div>
          <button type="button" className="icon" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
