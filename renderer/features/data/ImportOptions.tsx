import { ENCODINGS, DATE_ORDERS, type ParseOptions, type TransactionColumns } from '../../../shared/contract/ns/datasets';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/types/columns';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store';
import type { ImportWizard } from '../../store/import-wizard';
import { useT, type T } from '../../i18n/use-t';
import type { MessageId } from '../../../shared/i18n/catalogue';

const DELIMITERS: { value: string; label: MessageId }[] = [
  { value: ',', label: 'data.delimiter.comma' },
  { value: ';', label: 'data.delimiter.semicolon' },
  { value: '\t', label: 'data.delimiter.tab' },
  { value: '|', label: 'data.delimiter.pipe' },
  { value: 'space', label: 'data.delimiter.space' },
  { value: ' ', label: 'data.delimiter.space' },
  { value: 'whitespace', label: 'data.delimiter.whitespace' },
  { value: 'fixed', label: 'data.delimiter.fixed' },
];
const MENU = DELIMITERS.filter((d) => d.value !== ' ');
/** The delimiter menu's value for "another character". */
const OTHER = 'other';
const TX_ROLES: { key: keyof TransactionColumns; label: MessageId }[] = [
  { key: 'order', label: 'data.txColumn.order' },
  { key: 'customer', label: 'data.txColumn.customer' },
  { key: 'date', label: 'data.txColumn.date' },
  { key: 'amount', label: 'data.txColumn.amount' },
  { key: 'quantity', label: 'data.txColumn.quantity' },
  { key: 'price', label: 'data.txColumn.price' },
];

const delimiterName = (t: T['t'], d: string) => {
  const label = DELIMITERS.find((x) => x.value === d)?.label;
  return label ? t(label) : JSON.stringify(d);
};

/**
 * Fixed-width column widths as the user edits them: "5,6,9" (characters per column). Applied on Enter or
 * when the field loses focus, so typing does not re-read the file on every key.
 */
function Widths({ widths, onChange }: { widths: number[]; onChange: (w: number[]) => void }) {
  const { t } = useT();
  const apply = (v: string) => {
    const w = v.split(',').map((x) => Number(x.trim()));
    if (w.length > 0 && w.every((x) => Number.isInteger(x) && x >= 1) && w.join(',') !== widths.join(',')) onChange(w);
  };
  return (
    <label className="inline">
      {t('data.options.widths')}
      <input
        key={widths.join(',')}
        type="text"
        defaultValue={widths.join(',')}
        onBlur={(e) => apply(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && apply(e.currentTarget.value)}
        spellCheck={false}
        title={t('data.options.widthsHint')}
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
  const { t } = useT();
  const d = w.preview?.detected;
  if (!d) return null;
  const auto = (what: string) => t('data.options.auto', { what });
  const text = d.format === 'csv' || d.format === 'fixed';
  const custom = w.options.delimiter !== 'auto' && !MENU.some((x) => x.value === w.options.delimiter);
  const sheets = w.preview?.sheets ?? [];

  return (
    <div className="import-options">
      <fieldset>
        <legend>{t('data.options.reading')}</legend>
        {sheets.length > 0 ? (
          <label className="inline">
            {t('data.options.sheet')}
            <select value={d.sheet ?? ''} onChange={(e) => void setOption('sheet', e.target.value)} data-testid="opt-sheet">
              {sheets.map((x) => (
                <option key={x.index} value={x.name}>
                  {t(x.hidden ? 'data.options.sheetHidden' : 'data.options.sheetRows', { name: x.name, count: x.rows })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {!text ? <span className="hint" data-testid="opt-format">{d.format === 'xlsx' ? t('data.options.readAsWorkbook') : t('data.options.readAs', { format: d.format.toUpperCase() })}</span> : null}
        {text ? (
        <label className="inline">
          {t('data.options.encoding')}
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
            {t('data.options.delimiter')}
            <select
              value={custom ? OTHER : w.options.delimiter}
              onChange={(e) => void setOption('delimiter', e.target.value === OTHER ? (custom ? w.options.delimiter : ':') : e.target.value)}
              data-testid="opt-delimiter"
            >
              <option value="auto">{auto(delimiterName(t, d.delimiter))}</option>
              {MENU.map((x) => (
                <option key={x.value} value={x.value}>
                  {t(x.label)}
                </option>
              ))}
              <option value={OTHER}>{t('data.options.otherChar')}</option>
            </select>
          </label>
        ) : null}
        {text && custom ? (
          <label className="inline">
            {t('data.options.character')}
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
          {t('data.options.decimal')}
          <select value={w.options.decimal} onChange={(e) => void setOption('decimal', e.target.value as ParseOptions['decimal'])} data-testid="opt-decimal">
            <option value="auto">{auto(d.decimal === ',' ? t('data.options.comma') : t('data.options.point'))}</option>
            <option value=".">{t('data.options.pointExample')}</option>
            <option value=",">{t('data.options.commaExample')}</option>
          </select>
        </label>
        ) : null}
        <label className="inline">
          {t('data.options.dateOrder')}
          <select value={w.options.dateOrder} onChange={(e) => void setOption('dateOrder', e.target.value as ParseOptions['dateOrder'])} data-testid="opt-date-order">
            <option value="auto">
              {auto(d.dateOrder ? (d.dateOrderAmbiguous ? t('data.options.orderAmbiguous', { order: t(`data.dateOrder.${d.dateOrder}`) }) : t(`data.dateOrder.${d.dateOrder}`)) : t('data.options.noDates'))}
            </option>
            {DATE_ORDERS.map((x) => (
              <option key={x} value={x}>
                {t(`data.dateOrder.${x}`)}
              </option>
            ))}
          </select>
        </label>
        {d.format !== 'json' && d.format !== 'ndjson' ? (
        <label className="inline">
          {t('data.options.header')}
          <select
            value={String(w.options.header)}
            onChange={(e) => void setOption('header', e.target.value === 'auto' ? 'auto' : e.target.value === 'true')}
            data-testid="opt-header"
          >
            <option value="auto">{auto(d.header ? t('common.yes') : t('common.no'))}</option>
            <option value="true">{t('common.yes')}</option>
            <option value="false">{t('common.no')}</option>
          </select>
        </label>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('data.options.dataset')}</legend>
        <label className="inline">
          {t('data.options.name')}
          <input type="text" value={w.name} onChange={(e) => setMeta({ name: e.target.value })} data-testid="import-name" spellCheck={false} />
        </label>
        <label className="inline">
          {t('data.options.contains')}
          <select value={w.kind} onChange={(e) => setMeta({ kind: e.target.value as DatasetKind })} data-testid="import-kind">
            {DATASET_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`data.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {w.kind === 'customers' ? t('data.options.customerId') : t('data.options.customerColumn')}
          <select value={w.idColumn} onChange={(e) => setMeta({ idColumn: e.target.value })} data-testid="import-id">
            <option value="">{w.preview?.suggestedId ? t('data.options.detected', { column: w.preview.suggestedId }) : t('data.options.none')}</option>
            {w.columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        {w.kind === 'transactions' ? (
          <label className="inline">
            {t('data.options.ordersOf')}
            <select value={w.link} onChange={(e) => setMeta({ link: e.target.value })} data-testid="import-link">
              <option value="">{t('data.options.noCustomerDataset')}</option>
              {customerSets.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        ) : null}
      </fieldset>
      {w.kind === 'transactions' && w.preview ? (
        <fieldset data-testid="import-tx-columns">
          <legend>{t('data.options.orderColumns')}</legend>
          {TX_ROLES.map(({ key, label }) => {
            const detected = w.preview?.suggestedTransactionColumns[key] ?? null;
            const value = key in w.transactionColumns ? (w.transactionColumns[key] ?? '') : (detected ?? '');
            return (
              <label className="inline" key={key}>
                {t(label)}
                <select
                  value={value}
                  onChange={(e) => setMeta({ transactionColumns: { ...w.transactionColumns, [key]: e.target.value || null } })}
                  data-testid={`import-tx-${key}`}
                >
                  <option value="">{t('data.options.none')}</option>
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
