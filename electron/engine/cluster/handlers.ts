import type { Handlers } from '../../../shared/contract/api';
import { msg } from '../../../shared/i18n/current';
import type { EngineContext } from '../context';
import { getDataset } from '../workspace/catalog';
import { clusterCatalog, clusterMirror, isConstant, suggestFeatures, unusableReason } from './columns';
import { getRun, listRuns, membersPage, removeRun, renameCluster } from './store';
import { clusterMap, clusterMember, compareRuns } from './view-data';

export const clustersHandlers = {
  features: ({ dataset }, ctx) => {
    const ws = ctx.ws();
    const info = getDataset(ws.db, dataset);
    const catalog = clusterCatalog(ws, dataset);
    const mirror = clusterMirror(ws, dataset, catalog.map((c) => c.name));
    const cols = catalog.map((c) => {
      const col = mirror.columns.get(c.name);
      const distinct = col?.kind === 'text' ? col.dictionary.length : null;
      const unusable = unusableReason(c, distinct) ?? (c.name === info.idColumn ? msg('clusters.unusable.id') : null);
      return { col: c, distinct, unusable, constant: col ? isConstant(col) : false };
    });
    const suggested = suggestFeatures(cols);
    return cols.map(({ col: c, distinct, unusable, constant }) => ({
      name: c.name,
      type: c.type,
      role: c.role,
      pii: c.pii,
      sensitive: c.sensitive,
      suggested: suggested.has(c.name),
      constant,
      unusable,
      distinct,
      source: c.source ?? 'customers',
    }));
  },
  list: ({ dataset }, ctx) => listRuns(ctx.ws(), dataset),
  get: ({ run }, ctx) => getRun(ctx.ws(), run),
  rename: ({ run, cluster, name }, ctx) => {
    const card = renameCluster(ctx.ws(), run, cluster, name);
    ctx.emit({ type: 'workspace', change: 'clusters', path: null });
    return card;
  },
  remove: ({ run }, ctx) => {
    const ws = ctx.ws();
    const removed = removeRun(ws, run);
    ws.invalidate(`cluster-view:${run}`);
    if (removed) ctx.emit({ type: 'workspace', change: 'clusters', path: null });
    return { removed };
  },
  map: ({ run, maxPoints }, ctx) => clusterMap(ctx.ws(), run, maxPoints),
  member: ({ run, row, pii }, ctx) => clusterMember(ctx.ws(), run, row, pii),
  members: ({ run, offset, limit }, ctx) => membersPage(ctx.ws(), run, offset, limit),
  compare: ({ run, other }, ctx) => compareRuns(ctx.ws(), run, other),
} satisfies Handlers<EngineContext>['clusters'];
