import { RemoteError } from '../../shared/contract/result';
import type { Slice } from './types';

export type ToastKind = 'error' | 'info' | 'success';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** Error code or other short context, shown small. */
  detail?: string;
}

export interface ToastsSlice {
  toasts: Toast[];
  notify(kind: ToastKind, message: string, detail?: string): void;
  /** Shows any thrown value as an error toast; the engine's message already names file, row and column. */
  notifyError(err: unknown): void;
  dismissToast(id: number): void;
}

let nextId = 1;
const MAX_TOASTS = 5;

export function errorText(err: unknown): { message: string; detail?: string } {
  if (err instanceof RemoteError) return { message: err.message, detail: err.code };
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}

export const createToastsSlice: Slice<ToastsSlice> = () => (set) => ({
  toasts: [],
  notify: (kind, message, detail) =>
    set((s) => ({ toasts: [...s.toasts, { id: nextId++, kind, message, detail }].slice(-MAX_TOASTS) })),
  notifyError: (err) => {
    const { message, detail } = errorText(err);
    set((s) => ({ toasts: [...s.toasts, { id: nextId++, kind: 'error' as const, message, detail }].slice(-MAX_TOASTS) }));
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
