import type { Workspace } from '../workspace/workspace';
import { detectProxies, type AttributeGroups, type ProxyFinding } from './audit';

/**
 * Proxy findings depend only on the data and on which columns are sensitive, not on the
 * selection, yet cost a pass per column pair: keep them per mirror (dataset version) and
 * column flags, and mark the columns a given rule or run uses on each call.
 */
export function proxiesFor(ws: Workspace, groups: AttributeGroups, used: ReadonlySet<string> = new Set()): ProxyFinding[] {
  const { mirror, columns } = groups.frame;
  const flags = columns.map((c) => `${c.name}:${c.sensitive ? (c.sensitiveCategory ?? 'other') : ''}:${c.role}:${groups.frame.ageReadings[c.name] ?? ''}`).join('|');
  // The mirror object itself is the version's identity: a re-import or erasure builds a new one.
  const perMirror = ws.cache(`fairness-proxies:${mirror.dataset}`, () => new WeakMap<object, Map<string, ProxyFinding[]>>());
  let byFlags = perMirror.get(mirror);
  if (!byFlags) perMirror.set(mirror, (byFlags = new Map()));
  let base = byFlags.get(flags);
  if (!base) byFlags.set(flags, (base = detectProxies(groups)));
  return base
    .map((p) => ({ ...p, used: used.has(p.column) }))
    .sort((x, y) => Number(y.flag) - Number(x.flag) || Number(y.used) - Number(x.used) || y.value - x.value);
}
