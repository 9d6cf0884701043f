import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { fieldSummaries, filteredRows, liveCount, ruleMask, segmentMask, validateForDataset } from './live';
import { deleteSegment, duplicateSegment, listSegments, memberIds, renameSegment, saveSegment, segmentChanges, segmentHistory } from './store';
import { segmentOverlap } from './overlap';
import { profileMask } from './profile';
import { segmentByName } from './snapshot';
import { segmentSql } from './warehouse-sql';

function changed(ctx: EngineContext): void {
  ctx.emit({ type: 'workspace', change: 'segments', path: ctx.ws().file });
}

export const segmentsHandlers = {
  fields: ({ dataset }, ctx) => fieldSummaries(ctx.ws(), dataset),
  validate: ({ dataset, rule }, ctx) => validateForDataset(ctx.ws(), dataset, rule),
  count: ({ dataset, rule, asOf }, ctx) => liveCount(ctx.ws(), dataset, rule, asOf),
  sql: (args, ctx) => segmentSql(ctx.ws(), args),
  save: (args, ctx) => {
    const r = saveSegment(ctx.ws(), args);
    changed(ctx);
    return r;
  },
  list: ({ name }, ctx) => listSegments(ctx.ws(), name),
  rename: ({ name, newName }, ctx) => {
    const r = renameSegment(ctx.ws(), name, newName);
    changed(ctx);
    return r;
  },
  duplicate: ({ name, newName }, ctx) => {
    const r = duplicateSegment(ctx.ws(), name, newName);
    changed(ctx);
    return r;
  },
  delete: ({ name }, ctx) => {
    const r = deleteSegment(ctx.ws(), name);
    changed(ctx);
    return r;
  },
  history: ({ name }, ctx) => segmentHistory(ctx.ws(), name),
  changes: ({ name, seq }, ctx) => segmentChanges(ctx.ws(), name, seq),
  members: ({ name, seq }, ctx) => ({ ids: memberIds(ctx.ws(), name, seq) }),
  rows: (args, ctx) => {
    const ws = ctx.ws();
    if ('name' in args) {
      const seg = segmentByName(ws, args.name);
      return filteredRows(ws, seg.dataset, JSON.parse(seg.rule_json), args.offset, args.limit);
    }
    return filteredRows(ws, args.dataset, args.rule, args.offset, args.limit);
  },
  overlap: ({ names, minShare, minCount }, ctx) => segmentOverlap(ctx.ws(), names, minShare, minCount),
  profile: (args, ctx) => {
    const ws = ctx.ws();
    const r = 'name' in args ? segmentMask(ws, args.name) : ruleMask(ws, args.dataset, args.rule);
    return profileMask(r.mirror, r.mask, r.rule);
  },
} satisfies Handlers<EngineContext>['segments'];
