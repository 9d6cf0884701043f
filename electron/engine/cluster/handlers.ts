import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { getMirror } from '../mirror';
import { getDataset } from '../workspace/catalog';
import { isConstant, suggestFeatures, unusableReason } from './columns';
import { getRun, listRuns, membersPage, removeRun, renameCluster } from './store';
import { clusterMap, clusterMember, compareRuns } from './view-data';

export const clustersHandlers = {
  features: ({ dataset }, ctx) => {
    const ws = ctx.ws();
    const info = getDataset(ws.db, dataset);
    const mirror = getMirror(ws, dataset);
    const cols = info.columns.map((c) => {
      const col = mirror.columns.get(c.name);
      const distinct = col?.kind === 'text' ? col.dictionary.length : null;
      const unusable = unusableReason(c, distinct) ?? (c.name === info.idColumn ? 'identifier' : null);
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
