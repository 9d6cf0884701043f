import { RemoteError } from '../../shared/contract/result';
import { defineSlice } from './types';

export type ToastKind = 'error' | 'info' | 'success';
export interface Toast {
  id: number;
  kind: ToastKind;
  /** Written for the user; never carries an internal error code. */
  message: string;
  /** A second line for the user (e.g. "1,234 customers"). */
  detail?: string;
  /** Internal error code (BAD_INPUT, NOT_FOUND, …) for support: shown only as a tooltip, never as text. */
  code?: string;
  /** The action that raised it (e.g. "outcomes.response"): a later result of the same action supersedes it. */
  source?: string;
}

export interface NotifyOptions {
  detail?: string;
  code?: string;
  source?: string;
}

export interface ToastsSlice {
  /** Oldest first; the view shows the newest few. */
  toasts: Toast[];
  /** The third argument is a detail line, or options with a detail, an error code and the source action. */
  notify(kind: ToastKind, message: string, options?: string | NotifyOptions): void;
  /** Shows any thrown value as an error toast; the engine's message already names file, row and column. */
  notifyError(err: unknown, source?: string): void;
  dismissToast(id: number): void;
  /**
   * Without a source: drops every toast (the workspace changed, so they describe a context that is gone).
   * With a source: drops that action's toasts (it has just succeeded, so its earlier error no longer holds).
   */
  clearToasts(source?: string): void;
}

let nextId = 1;
/** Kept in the store; the view shows fewer (see Toasts.tsx) and offers to dismiss the rest. */
export const MAX_TOASTS = 10;

export function errorText(err: unknown): { message: string; code?: string } {
  if (err instanceof RemoteError) return { message: err.message, code: err.code };
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}

function add(toasts: Toast[], toast: Omit<Toast, 'id'>): Toast[] {
  const kept = toasts.filter(
    (t) =>
      // A newer toast of the same action supersedes the older one, whatever its kind.
      !(toast.source !== undefined && t.source === toast.source) &&
      // Identical messages show once, as the newest.
      !(t.kind === toast.kind && t.message === toast.message && t.detail === toast.detail),
  );
  return [...kept, { id: nextId++, ...toast }].slice(-MAX_TOASTS);
}

/** Notices of a workspace go with it: the default reset (no toasts) applies on every switch. */
export const toastsSlice = defineSlice<ToastsSlice>({
  create: () => (set) => ({
    toasts: [],
    notify: (kind, message, options) => {
      const o: NotifyOptions = typeof options === 'string' ? { detail: options } : (options ?? {});
      set((s) => ({ toasts: add(s.toasts, { kind, message, ...o }) }));
    },
    notifyError: (err, source) => {
      const { message, code } = errorText(err);
      set((s) => ({ toasts: add(s.toasts, { kind: 'error', message, ...(code ? { code } : {}), ...(source ? { source } : {}) }) }));
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    clearToasts: (source) =>
      set((s) => {
        const toasts = source === undefined ? [] : s.toasts.filter((t) => t.source !== source);
        return toasts.length === s.toasts.length ? s : { toasts };
      }),
  }),
});
