import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApp } from '../store';
import type { Toast } from '../store/toasts';
import { useT } from '../i18n/use-t';

/** Info and success messages fade after this long (paused while pointed at or focused); errors stay. */
export const FADE_MS = 6000;
/** At most this many toasts are on screen, newest first; older ones wait behind "Dismiss all". */
export const SHOWN_TOASTS = 3;

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  const { t } = useT();
  useEffect(() => {
    if (toast.kind === 'error' || held) return;
    const timer = setTimeout(() => onDismiss(toast.id), FADE_MS);
    return () => clearTimeout(timer);
  }, [toast.id, toast.kind, held, onDismiss]);
  return (
    <div
      className={`toast ${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      // The internal code helps support; users read the message, so the code is only a tooltip.
      title={toast.code ? t('app.toasts.errorCode', { code: toast.code }) : undefined}
      data-code={toast.code}
      data-testid={`toast-${toast.kind}`}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <div className="toast-text">
        <span>{toast.message}</span>
        {toast.detail ? <small>{toast.detail}</small> : null}
      </div>
      <button type="button" className="icon" aria-label={t('app.toasts.dismiss')} title={t('app.toasts.dismissHint')} onClick={() => onDismiss(toast.id)} data-testid="toast-dismiss">
        ×
      </button>
    </div>
  );
}

/**
 * Messages and errors in the bottom-right corner, newest first. Errors stay until dismissed or
 * superseded (a later success of the same action, another workspace); others fade. Only the toasts
 * themselves take clicks: the page around and under the stack stays usable.
 */
export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  const clear = useApp((s) => s.clearToasts);
  const { t } = useT();
  const region = useRef<HTMLDivElement>(null);
  const shown = toasts.slice(-SHOWN_TOASTS).reverse();
  const hidden = toasts.length - shown.length;

  /** Esc dismisses the focused toast; focus moves to the next toast's close button so the keyboard user is not dropped. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    const el = (e.target as HTMLElement).closest<HTMLElement>('.toast');
    const index = el ? [...(region.current?.querySelectorAll('.toast') ?? [])].indexOf(el) : -1;
    if (index < 0) return;
    e.stopPropagation();
    dismiss(shown[index].id);
    // i18n-ignore: a CSS selector
    requestAnimationFrame(() => region.current?.querySelector<HTMLButtonElement>('.toast button')?.focus());
  };

  return (
    <div className="toasts" role="region" aria-label={t('app.toasts.region')} data-testid="toasts" ref={region} onKeyDown={onKeyDown}>
      {shown.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
      ))}
      {hidden > 0 || toasts.length > 1 ? (
        <button type="button" className="toasts-clear" onClick={() => clear()} data-testid="toasts-clear">
          {hidden > 0 ? t('app.toasts.dismissAllMore', { count: hidden }) : t('app.toasts.dismissAll')}
        </button>
      ) : null}
    </div>
  );
}
