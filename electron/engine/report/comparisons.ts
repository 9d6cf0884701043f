import { ResponseParamsSchema, type ResponseParams } from '../../../shared/contract/ns/outcomes';
import type { Workspace } from '../workspace/workspace';

/** Meta key of the response comparisons the user added to the report (JSON array, in the order they were added). */
const KEY = 'report.comparisons';

export type Comparison = ReturnType<typeof ResponseParamsSchema.parse>;

/** The comparisons the user added to the report; entries that no longer parse (an older shape) are left out. */
export function listComparisons(ws: Workspace): Comparison[] {
  const raw = ws.meta(KEY);
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((p) => {
    const r = ResponseParamsSchema.safeParse(p);
    return r.success ? [r.data] : [];
  });
}

/** Adds a comparison (once: adding the same one again keeps its place). Returns how many the report holds. */
export function addComparison(ws: Workspace, params: ResponseParams): number {
  const p = ResponseParamsSchema.parse(params);
  const list = listComparisons(ws);
  const same = (a: Comparison) => JSON.stringify(a) === JSON.stringify(p);
  if (!list.some(same)) list.push(p);
  ws.setMeta(KEY, JSON.stringify(list));
  return list.length;
}

/** Removes the comparison at `index` (as listed). Returns how many remain. */
export function removeComparison(ws: Workspace, index: number): number {
  const list = listComparisons(ws);
  list.splice(index, 1);
  ws.setMeta(KEY, list.length ? JSON.stringify(list) : null);
  return list.length;
}
