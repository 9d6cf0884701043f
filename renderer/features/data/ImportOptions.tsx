import { ENCODINGS, DATE_ORDERS, type ParseOptions, type TransactionColumns } from '../../../shared/contract/ns/datasets';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/types/columns';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store';
import type { ImportWizard } from '../../store/import-wizard';

const DELIMITERS: { value: ParseOptions['delimiter']; label: string }[] = [
  { value: ',', label: 'comma ,' },
  { value: ';', label: 'semicolon ;' },
  { value: '\t', label: 'tab' },
  { value: '|', label: 'pipe |' },
];
const TX_ROLES: { key: keyof TransactionColumns; label: string }[] = [
  { key: 'order', label: 'Order' },
  { key: 'customer', label: 'Customer' },
  { key: 'date', label: 'Date' },
  { key: 'amount', label: 'Amount' },
  { key: 'quantity', label: 'Quantity' },
  { key: 'price', label: 'Unit price' },
];

const delimiterName = (d: string) => DELIMITERS.find((x) => x.value === d)?.label ?? JSON.stringify(d);

/** How the file is read (each with its detected value) and what the dataset will be called and link to. */
export function ImportOptions({ w }: { w: ImportWizard }) {
  const setOption = useApp((s) => s.setParseOption);
  const setMeta = useApp((s) => s.setImportMeta);
  const customerSets = useApp(useShallow((s) => s.workspace?.datasets.filter((d) => d.kind === 'customers').map((d) => d.name) ?? []));
  const d = w.preview?.detected;
  if (!d) return null;
  const auto = (what: string) => `auto (${what})`;

  return (
    <div className="import-options">
      <fieldset>
        <legend>Reading the file</legend>
        <label className="inline">
          Encoding
          <select value={w.options.encoding} onChange={(e) => void setOption('encoding', e.target.value as ParseOptions['encoding'])} data-testid="opt-encoding">
            <option value="auto">{auto(d.encoding)}</option>
            {ENCODINGS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Delimiter
          <select value={w.options.delimiter} onChange={(e) => void setOption('delimiter', e.target.value as ParseOptions['delimiter'])} data-testid="opt-delimiter">
            <option value="auto">{auto(delimiterName(d.delimiter))}</option>
            {DELIMITERS.map((x) => (
              <option key={x.label} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Decimal
          <select value={w.options.decimal} onChange={(e) => void setOption('decimal', e.target.value as ParseOptions['decimal'])} data-testid="opt-decimal">
            <option value="auto">{auto(d.decimal === ',' ? 'comma' : 'point')}</option>
            <option value=".">point 1.5</option>
            <option value=",">comma 1,5</option>
          </select>
        </label>
        <label className="inline">
          Date order
          <select value={w.options.dateOrder} onChange={(e) => void setOption('dateOrder', e.target.value as ParseOptions['dateOrder'])} data-testid="opt-date-order">
            <option value="auto">{auto(d.dateOrder ? `${d.dateOrder}${d.dateOrderAmbiguous ? ', ambiguous' : ''}` : 'no dates')}</option>
            {DATE_ORDERS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          Header row
          <select
            value={String(w.options.header)}
            onChange={(e) => void setOption('header', e.target.value === 'auto' ? 'auto' : e.target.value === 'true')}
            data-testid="opt-header"
          >
            <option value="auto">{auto(d.header ? 'yes' : 'no')}</option>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Dataset</legend>
        <label className="inline">
          Name
          <input type="text" value={w.name} onChange={(e) => setMeta({ name: e.target.value })} data-testid="import-name" spellCheck={false} />
        </label>
        <label className="inline">
          Contains
          <select value={w.kind} onChange={(e) => setMeta({ kind: e.target.value as DatasetKind })} data-testid="import-kind">
            {DATASET_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          {w.kind === 'customers' ? 'Customer ID' : 'Customer column'}
          <select value={w.idColumn} onChange={(e) => setMeta({ idColumn: e.target.value })} data-testid="import-id">
            <option value="">{w.preview?.suggestedId ? `detected (${w.preview.suggestedId})` : 'none'}</option>
            {w.columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        {w.kind === 'transactions' ? (
          <label className="inline">
            Orders of
            <select value={w.link} onChange={(e) => setMeta({ link: e.target.value })} data-testid="import-link">
              <option value="">no customer dataset</option>
              {customerSets.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        ) : null}
      </fieldset>
      {w.kind === 'transactions' && w.preview ? (
        <fieldset data-testid="import-tx-columns">
          <legend>Order columns (amount, or quantity × unit price)</legend>
          {TX_ROLES.map(({ key, label }) => {
            const detected = w.preview?.suggestedTransactionColumns[key] ?? null;
            const value = key in w.transactionColumns ? (w.transactionColumns[key] ?? '') : (detected ?? '');
            return (
              <label className="inline" key={key}>
                {label}
                <select
                  value={value}
                  onChange={(e) => setMeta({ transactionColumns: { ...w.transactionColumns, [key]: e.target.value || null } })}
                  data-testid={`import-tx-${key}`}
                >
                  <option value="">none</option>
                  {w.columns.map((c) => (
                    <option key={c.name}>{c.name}</option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      ) : null}
    </div>
  );
}
