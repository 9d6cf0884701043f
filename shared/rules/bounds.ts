import { msg } from '../i18n/current';
import { speaker } from './speak';
/**
 * Size limits of a rule, checked on the raw JSON before anything recursive touches it: the zod
 * schema, the validator, the describer and the compilers all recurse once per level, so a rule
 * nested thousands of levels deep must be refused by a walk that keeps its own stack.
 */
export const MAX_DEPTH = 24;
export const MAX_NODES = 1000;
/** Values in all the lists of one rule together; every one becomes a bound SQL parameter. */
export const MAX_LIST_VALUES = 10_000;

const REPORTED_PLACES = 5;

export interface BoundIssue {
  path: string;
  message: string;
}

function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Problems with the size of `input` (depth, parts, listed values); empty when it is within bounds. */
export function ruleBoundIssues(input: unknown): BoundIssue[] {
  const issues: BoundIssue[] = [];
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: input, path: '', depth: 0 }];
  let nodes = 0;
  let listed = 0;
  let listReported = false;
  let tooDeep = 0;
  while (stack.length) {
    const { node, path, depth } = stack.pop()!;
    nodes++;
    if (depth > MAX_DEPTH) {
      // A few places are enough to find the problem; a wide rule could have thousands.
      if (++tooDeep <= REPORTED_PLACES) issues.push({ path, message: msg('rules.bounds.depth', { max: MAX_DEPTH }) });
      continue;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const o = node as Record<string, unknown>;
    for (const key of ['all', 'any'] as const) {
      const kids = o[key];
      if (!Array.isArray(kids)) continue;
      // Pushed in reverse so issues come out in document order.
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], path: childPath(path, `${key}[${i}]`), depth: depth + 1 });
    }
    if ('not' in o) stack.push({ node: o.not, path: childPath(path, 'not'), depth: depth + 1 });
    // An order-history condition's line filter is a rule too, nested one level down.
    const h = o.history;
    if (h !== null && typeof h === 'object' && !Array.isArray(h) && 'where' in h) stack.push({ node: (h as { where: unknown }).where, path: childPath(path, 'history.where'), depth: depth + 1 });
    if ('field' in o && Array.isArray(o.value)) {
      listed += o.value.length;
      if (listed > MAX_LIST_VALUES && !listReported) {
        listReported = true;
        const sp = speaker();
        const message =
          o.value.length === listed
            ? msg('rules.bounds.list', { n: sp.count(listed), max: sp.count(MAX_LIST_VALUES) })
            : msg('rules.bounds.listWithBefore', { n: sp.count(o.value.length), total: sp.count(listed), max: sp.count(MAX_LIST_VALUES) });
        issues.push({ path, message });
      }
    }
  }
  if (nodes > MAX_NODES) issues.push({ path: '', message: msg('rules.bounds.nodes', { n: nodes, max: MAX_NODES }) });
  return issues;
}
