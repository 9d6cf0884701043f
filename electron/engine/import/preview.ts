import type { ColumnSpec, ParseOptions, Preview } from '../../../shared/contract/ns/datasets';
import { msg } from '../../../shared/i18n/current';
import { ParseOptionsSchema } from '../../../shared/contract/ns/datasets';
import type { Workspace } from '../workspace/workspace';
import { makeConverter } from './convert';
import { planFile, rememberedNames } from './plan';
import { BAD } from './values';

const PREVIEW_ROWS = 50;

/** What the wizard shows: detected settings, per-column suggestions, and the first rows as they will be stored. */
export async function buildPreview(file: string, options: ParseOptions | undefined, columns: ColumnSpec[] | undefined, ws: Workspace | null): Promise<Preview> {
  const plan = await planFile(file, options ?? ParseOptionsSchema.parse({}), columns ?? [], ws ? rememberedNames(ws.db, null, file) : null);
  const raw = plan.sample.slice(0, PREVIEW_ROWS).map((r) => plan.columns.map((_, c) => r[c] ?? ''));
  const conv = plan.columns.map((c) => makeConverter(c.type, plan.locale.decimal, plan.locale.dateOrder, { widened: null }));
  const rows = raw.map((r) =>
    r.map((v, c) => {
      const x = conv[c](v);
      return x === BAD ? null : x;
    }),
  );
  const warnings = [...plan.warnings];
  if (ws && ws.db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(plan.suggestedName)) {
    warnings.push(msg('data.import.nameExists', { name: plan.suggestedName }));
  }
  return {
    path: plan.file,
    sizeBytes: plan.sizeBytes,
    detected: {
      encoding: plan.encoding,
      delimiter: plan.delimiter,
      decimal: plan.locale.decimal,
      dateOrder: plan.locale.dateOrder,
      dateOrderAmbiguous: plan.locale.dateOrderAmbiguous,
      header: plan.header,
      format: plan.format,
      ...(plan.widths.length > 0 ? { widths: plan.widths } : {}),
      ...(plan.sheet !== null ? { sheet: plan.sheet, skippedRows: plan.skipRows } : {}),
    },
    ...(plan.sheets.length > 0 ? { sheets: plan.sheets } : {}),
    oneColumn: plan.oneColumnFix ? { message: plan.warnings.find((w) => w.startsWith('only one column')) ?? 'only one column was found', delimiter: plan.oneColumnFix } : null,
    columns: plan.columns,
    rows,
    raw,
    suggestedName: plan.suggestedName,
    suggestedKind: plan.suggestedKind,
    suggestedId: plan.suggestedId,
    suggestedTransactionColumns: plan.transactionColumns,
    warnings,
  };
}
