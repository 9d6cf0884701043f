/** How one request's answer is applied. */
export interface RequestOptions<T> {
  /** Applies the answer; skipped when a newer request of the same key, or another workspace, superseded it. */
  onValue?: (value: T) => void;
  /** Called with the error when the request is still current (after the toast, unless `silent`). */
  onError?: (err: unknown) => void;
  /**
   * The action the toast belongs to (e.g. "outcomes.response"): its error toast carries it, and a success
   * drops that action's earlier toasts, so each action shows at most one notice.
   */
  errorSource?: string;
  /** The caller shows the error itself (in a form, a panel): no toast. */
  silent?: boolean;
}

/**
 * Calls the engine and applies the answer only while it is still wanted. Requests with the same key are
 * latest-wins: an older answer (or error) arriving after a newer request started is dropped. `null` keys
 * never supersede each other (for saves and deletes, whose every outcome matters). Resolves to the value,
 * or undefined when the request failed or was superseded; it never rejects, and an error is shown once.
 */
export type Request = <T>(key: string | null, call: () => Promise<T>, options?: RequestOptions<T>) => Promise<T | undefined>;

export interface Requester {
  request: Request;
  /** Drops every request in flight: their answers describe a workspace that is no longer shown. */
  dropAll(): void;
}

export interface Notices {
  notifyError(err: unknown, source?: string): void;
  clearToasts(source?: string): void;
}

export function createRequester(notices: () => Notices): Requester {
  let epoch = 0;
  let seq = 0;
  const latest = new Map<string, number>();

  const request: Request = async (key, call, options = {}) => {
    const mine = ++seq;
    const myEpoch = epoch;
    if (key !== null) latest.set(key, mine);
    const current = () => myEpoch === epoch && (key === null || latest.get(key) === mine);
    let value;
    try {
      value = await call();
    } catch (err) {
      if (!current()) return undefined;
      if (!options.silent) notices().notifyError(err, options.errorSource);
      options.onError?.(err);
      return undefined;
    }
    if (!current()) return undefined;
    if (options.errorSource) notices().clearToasts(options.errorSource);
    options.onValue?.(value);
    return value;
  };

  return {
    request,
    dropAll: () => {
      epoch++;
      latest.clear();
    },
  };
}
