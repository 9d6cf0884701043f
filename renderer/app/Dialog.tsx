import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { tr } from '../i18n/active';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
  /**
   * Where focus goes on close when the element that had it before the dialog opened is gone, or was the page
   * itself (the dialog was opened by a shortcut or a native menu).
   */
  returnFocus?: () => HTMLElement | null;
}

/** The element to focus again on close: the opener while it is still on the page, else the fallback. */
function focusTarget(opener: Element | null, fallback?: () => HTMLElement | null): HTMLElement | null {
  if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) return opener;
  return fallback?.() ?? null;
}

/**
 * A modal dialog on the native <dialog> element: the browser gives focus trapping, Esc (the
 * `cancel` event, which we route to onClose so state stays in the store) and inert background.
 * On close, focus returns to the element that opened it (the browser's own return is lost because React removes
 * the element rather than closing it), unless the closing action already moved focus elsewhere.
 */
// The Close label reads the window's language without the store (a dialog may be shown outside it); it follows a
// switch when the dialog's owner re-renders.
export function Dialog({ title, onClose, children, testId, wide, returnFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest props, read by the listeners and the cleanup without reopening the dialog when they change.
  const close = useEffectEvent(() => onClose());
  const fallback = useEffectEvent(() => returnFocus);
  // Read while rendering the first time, before anything inside the dialog can take focus.
  const [opener] = useState<Element | null>(() => (typeof document === 'undefined' ? null : document.activeElement));

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (typeof d.showModal === 'function' && !d.open) d.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close();
    };
    // happy-dom and older engines may not raise `cancel` on Esc; a keydown listener covers them.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    };
    d.addEventListener('cancel', onCancel);
    d.addEventListener('keydown', onKey);
    return () => {
      d.removeEventListener('cancel', onCancel);
      d.removeEventListener('keydown', onKey);
      if (d.open && typeof d.close === 'function') d.close();
      const active = document.activeElement;
      if (active && active !== document.body && !d.contains(active)) return;
      focusTarget(opener, fallback())?.focus();
    };
  }, [opener]);

  const titleId = `dlg-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className={wide ? 'dialog wide' : 'dialog'} aria-labelledby={titleId} data-testid={testId}>
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon" aria-label={tr('common.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
