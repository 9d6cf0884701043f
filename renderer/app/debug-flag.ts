/**
 * Developer-only affordances (such as the sidebar's "Run a test job") show only in a dev build
 * (`vite` dev server) or when the page is opened with `?debug` (e.g. `/?debug=1`; the e2e specs do).
 */
export function debugEnabled(dev: boolean = import.meta.env.DEV, search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  if (dev) return true;
  const v = new URLSearchParams(search).get('debug');
  return v !== null && v !== '0' && v !== 'false';
}
