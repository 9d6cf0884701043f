import type { ColumnSpec, Preview } from '../../../shared/contract/ns/datasets';
import type { Cell } from '../../../shared/types/columns';

/** A preview answer for a 3-column file; a column typed `integer` turns non-numeric text into a rejected (null) cell. */
export function fakePreview(path: string, opts: { delimiter?: string; columns?: ColumnSpec[] } = {}): Preview {
  const raw = [
    ['00042', 'Anna', '34'],
    ['00043', 'Łukasz', 'n/a'],
    ['00044', 'Żaneta', '51'],
  ];
  const detected: ColumnSpec[] = [
    { name: 'customer_id', type: 'text', role: 'id', pii: false, sensitive: false, sensitiveCategory: null },
    { name: 'first_name', type: 'text', role: 'contact', pii: true, sensitive: false, sensitiveCategory: null },
    { name: 'age', type: 'integer', role: 'demographic', pii: false, sensitive: true, sensitiveCategory: 'age' },
  ];
  const columns = opts.columns ?? detected;
  const typed = (v: string, c: ColumnSpec): Cell => (c.type === 'integer' || c.type === 'number' ? (/^\d+$/.test(v) ? Number(v) : null) : v);
  return {
    path,
    sizeBytes: 1234,
    detected: { encoding: 'utf-8', delimiter: opts.delimiter ?? ',', decimal: '.', dateOrder: null, dateOrderAmbiguous: false, header: true, format: 'csv' },
    columns,
    rows: raw.map((r) => r.map((v, i) => typed(v, columns[i]))),
    raw,
    suggestedName: 'customers',
    suggestedKind: 'customers',
    suggestedId: 'customer_id',
    suggestedTransactionColumns: { order: null, customer: null, date: null, amount: null, quantity: null, price: null },
    warnings: [],
  };
}

export const fakeImportResult = {
  dataset: 'customers',
  version: 1,
  kind: 'customers' as const,
  rows: 3,
  cellErrors: 1,
  encoding: 'utf-8',
  delimiter: ',',
  format: 'csv' as const,
  columns: [
    { name: 'customer_id', type: 'text' as const, role: 'id' as const, pii: false, sensitive: false, missing: 0 },
    { name: 'first_name', type: 'text' as const, role: 'contact' as const, pii: true, sensitive: false, missing: 0 },
    { name: 'age', type: 'integer' as const, role: 'demographic' as const, pii: false, sensitive: true, missing: 1 },
  ],
  duplicateIds: 0,
  dateOrder: null,
  decimal: '.' as const,
  warnings: [],
  ms: 12,
};
