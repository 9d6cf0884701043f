import path from 'node:path';
import type { Handlers } from '../../../shared/contract/api';
import type { EngineContext } from '../context';
import { columnsOf, getDataset } from '../workspace/catalog';
import { consentColumns } from '../consent/consent';
import { recordAudit } from '../audit/log';
import { shareCopy } from '../share/share-copy';
import { previewExport } from './run-export';

export const exportsHandlers = {
  columns: ({ dataset }, ctx) => {
    const db = ctx.ws().db;
    getDataset(db, dataset);
    const cols = columnsOf(db, dataset);
    return {
      columns: cols.map((c) => ({ name: c.name, type: c.type, role: c.role, pii: c.pii, sensitive: c.sensitive, selected: !c.pii })),
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
