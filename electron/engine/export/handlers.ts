import path from 'node:path';
import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { columnsOf, getDataset } from '../workspace/catalog';
import { consentColumns } from '../consent/consent';
import { recordAudit } from '../audit/log';
import { shareCopy } from '../share/share-copy';
import { previewExport } from './run-export';
import { isReachName } from '../import/roles';
import type { ColumnInfo } from '../../../shared/types/columns';
import { derivedColumnInfos } from '../customer-view/mirror-fields';

/**
 * The columns the export picker ticks at first: what a campaign needs to reach the customers (their ID, e-mail,
 * name, phone), never a sensitive one. A dataset without such contact columns gets every column that is
 * neither personal nor sensitive instead, so the list is never just IDs by accident.
 */
export function defaultExportColumns(cols: readonly Pick<ColumnInfo, 'name' | 'role' | 'pii' | 'sensitive'>[]): Set<string> {
  const reach = cols.filter((c) => c.role === 'contact' && !c.sensitive && isReachName(c.name));
  if (reach.length) return new Set([...cols.filter((c) => c.role === 'id' && !c.sensitive), ...reach].map((c) => c.name));
  return new Set(cols.filter((c) => !c.pii && !c.sensitive).map((c) => c.name));
}

export const exportsHandlers = {
  columns: ({ dataset }, ctx) => {
    const db = ctx.ws().db;
    getDataset(db, dataset);
    const cols = columnsOf(db, dataset);
    const ticked = defaultExportColumns(cols);
    // The customer view's columns (order history, RFM, lifetime value, clusters) can be exported too, unticked: the export reads them by customer ID.
    const own = new Set(cols.map((c) => c.name));
    const derived = derivedColumnInfos(ctx.ws(), dataset).filter((c) => !own.has(c.name));
    return {
      columns: [
        ...cols.map((c) => ({ name: c.name, type: c.type, role: c.role, pii: c.pii, sensitive: c.sensitive, selected: ticked.has(c.name) })),
        ...derived.map((c) => ({ name: c.name, type: c.type, role: c.role, pii: false, sensitive: false, selected: false })),
      ],
      consentColumns: consentColumns(cols).map((c) => c.name),
    };
  },
  preview: (args, ctx) => previewExport(ctx.ws(), args),
  shareCopy: ({ out, mode }, ctx) => {
    const ws = ctx.ws();
    const r = shareCopy(ws.db, ws.file, out, mode);
    recordAudit(ws.db, {
      action: 'share',
      what: `saved a copy for sharing (${mode}) as ${path.basename(r.file)}`,
      details: { file: path.basename(r.file), path: r.file, mode, piiColumns: r.piiColumns, droppedViews: r.droppedViews },
    });
    return r;
  },
} satisfies Handlers<EngineContext>['exports'];
