import { ENCODINGS, DATE_ORDERS, type ParseOptions, type TransactionColumns } from '../../../shared/contract/ns/datasets';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/types/columns';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store';
import type { ImportWizard } from '../../store/import-wizard';

const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'comma ,' },
  { value: ';', label: 'semicolon ;' },
  { value: '\t', label: 'tab' },
  { value: '|', label: 'pipe |' },
  { value: 'space', label: 'space (each one)' },
  { value: ' ', label: 'space (each one)' },
  { value: 'whitespace', label: 'runs of spaces' },
  { value: 'fixed', label: 'fixed width' },
];
const MENU = DELIMITERS.filter((d) => d.value !== ' ');
/** The delimiter menu's value for "another character". */
const OTHER = 'other';
const TX_ROLES: { key: keyof TransactionColumns; label: string }[] = [
  { key: 'order', label: 'Order' },
  { key: 'customer', label: 'Customer' },
  { key: 'date', label: 'Date' },
  { key: 'amount', label: 'Amount' },
  { key: 'quantity', label: 'Quantity' },
  { key: 'price', label: 'Unit price' },
];

const delimiterName = (d: string) => DELIMITERS.find((x) => x.value === d)?.label ?? JSON.stringify(d);

/**
 * Fixed-width column widths as the user edits them: "5,6,9" (characters per column). Applied on Enter or
 * when the field loses focus, so typing does not re-read the file on every key.
 */
function Widths({ widths, onChange }: { widths: number[]; onChange: (w: number[]) => void }) {
  const apply = (v: string) => {
    const w = v.split(',').map((x) => Number(x.trim()));
    if (w.length > 0 && w.every((x) => Number.isInteger(x) && x >= 1) && w.join(',') !== widths.join(',')) onChange(w);
  };
  return (
    <label className="inline">
      Column widths
      <input
        key={widths.join(',')}
        type="text"
        defaultValue={widths.join(',')}
        onBlur={(e) => apply(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && apply(e.currentTarget.value)}
        spellCheck={false}
        title="characters per column, separated by commas; the last column takes the rest of the line"
        data-testid="opt-widths"
      />
    </label>
  );
}

/** How the file is read (each with its detected value) and what the dataset will be called and link to. */
export function ImportOptions({ w }: { w: ImportWizard }) {
  const setOption = useApp((s) => s.setParseOption);
  const setMeta = useApp((s) => s.setImportMeta);
  const customerSets = useApp(useShallow((s) => s.workspace?.datasets.filter((d) => d.kind === 'customers').map((d) => d.name) ?? []));
  const d = w.preview?.detected;
  if (!d) return null;
  const auto = (what: string) => `auto (${what})`;
  const text = d.format === 'csv' || d.format === 'fixed';
  const custom = w.options.delimiter !== 'auto' && !MENU.some((x) => x.value === w.options.delimiter);
  const sheets = w.preview?.sheets ?? [];

  return (
    <div className="import-options">
      <fieldset>
        <legend>Reading the file</legend>
        {sheets.length > 0 ? (
          <label className="inline">
            Sheet
            <select value={d.sheet ?? ''} onChange={(e) => void setOption('sheet', e.target.value)} data-testid="opt-sheet">
              {sheets.map((x) => (
                <option key={x.index} value={x.name}>
                  {x.name} ({x.rows.toLocaleString()} rows{x.hidden ? ', hidden' : ''})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {!text ? <span className="hint" data-testid="opt-format">read as {d.format === 'xlsx' ? 'an Excel workbook' : d.format.toUpperCase()}</span> : null}
        {text ? (
        <label className="inline">
          Encoding
          <select value={w.options.encoding} onChange={(e) => void setOption('encoding', e.target.value as ParseOptions['encoding'])} data-testid="opt-encoding">
            <option value="auto">{auto(d.encoding)}</option>
            {ENCODINGS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        ) : null}
        {text ? (
          <label className="inline">
            Delimiter
            <select
              value={custom ? OTHER : w.options.delimiter}
              onChange={(e) => void setOption('delimiter', e.target.value === OTHER ? (custom ? w.options.delimiter : ':') : e.target.value)}
              data-testid="opt-delimiter"
            >
              <option value="auto">{auto(delimiterName(d.delimiter))}</option>
              {MENU.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
              <option value={OTHER}>another character…</option>
            </select>
          </label>
        ) : null}
        {text && custom ? (
          <label className="inline">
            Character
            <input
              type="text"
              maxLength={1}
              size={2}
              defaultValue={w.options.delimiter}
              onChange={(e) => e.target.value.length === 1 && void setOption('delimiter', e.target.value)}
              data-testid="opt-delimiter-char"
            />
          </label>
        ) : null}
        {d.format === 'fixed' ? <Widths widths={d.widths ?? []} onChange={(widths) => void setOption('widths', widths)} /> : null}
        {text ? (
        <label className="inline">
          Decimal
          <select value={w.options.decimal} onChange={(e) => void setOption('decimal', e.target.value as ParseOptions['decimal'])} data-testid="opt-decimal">
            <option value="auto">{auto(d.decimal === ',' ? 'comma' : 'point')}</option>
            <option value=".">point 1.5</option>
            <option value=",">comma 1,5</option>
          </select>
        </label>
        ) : null}
        <label className="inline">
          Date order
          <select value={w.options.dateOrder} onChange={(e) => void setOption('dateOrder', e.target.value as ParseOptions['dateOrder'])} data-testid="opt-date-order">
            <option value="auto">{auto(d.dateOrder ? `${d.dateOrder}${d.dateOrderAmbiguous ? ', ambiguous' : ''}` : 'no dates')}</option>
            {DATE_ORDERS.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        {d.format !== 'json' && d.format !== 'ndjson' ? (
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
        ) : null}
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
