import type { ColumnSpec, ParseOptions, Preview } from '../../../shared/contract/ns/datasets';
import { ParseOptionsSchema } from '../../../shared/contract/ns/datasets';
import type { Workspace } from '../workspace/workspace';
import { makeConverter } from './convert';
import { planImport } from './plan';
import { BAD } from './values';

const PREVIEW_ROWS = 50;

/** What the wizard shows: detected settings, per-column suggestions, and the first rows as they will be stored. */
export function buildPreview(file: string, options: ParseOptions | undefined, columns: ColumnSpec[] | undefined, ws: Workspace | null): Preview {
  const plan = planImport(file, options ?? ParseOptionsSchema.parse({}), columns ?? []);
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
    warnings.push(`a dataset named "${plan.suggestedName}" exists: importing under that name adds a new version`);
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
    },
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
