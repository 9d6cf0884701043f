import { useEffect, useState, type FormEvent } from 'react';
import { ROW_FILTER_OPS, type RowFilter } from '../../../shared/contract/ns/datasets';
import type { ColumnInfo } from '../../../shared/types/columns';
import { useApp } from '../../store';
import { tableKey, tableViewOf } from '../../store/table';
import { isNumericType } from '../../lib/format';
import { useT, type T } from '../../i18n/use-t';
import type { MessageId } from '../../../shared/i18n/catalogue';

const OP_LABEL: Record<RowFilter['op'], MessageId> = {
  '=': 'data.filter.op.eq',
  '!=': 'data.filter.op.ne',
  '<': 'data.filter.op.lt',
  '<=': 'data.filter.op.le',
  '>': 'data.filter.op.gt',
  '>=': 'data.filter.op.ge',
  contains: 'data.filter.op.contains',
  empty: 'data.filter.op.empty',
  notEmpty: 'data.filter.op.notEmpty',
};
const needsValue = (op: RowFilter['op']) => op !== 'empty' && op !== 'notEmpty';
const NO_FILTERS: RowFilter[] = [];

function describe(t: T['t'], f: RowFilter): string {
  const value = String(f.value);
  return needsValue(f.op) ? t('data.filter.chipValue', { column: f.column, op: t(OP_LABEL[f.op]), value }) : t('data.filter.chip', { column: f.column, op: t(OP_LABEL[f.op]) });
}

/**
 * Search (debounced), column filters and the row count above the table; owns the table query for the dataset.
 * Sort, filters and search live in the store per dataset (tableViews), so leaving the Data view keeps them;
 * DataView keys this by dataset and columns, so a new dataset (or changed columns) starts from its own view.
 */
export function TableToolbar({ dataset, columns, customers }: { dataset: string; columns: ColumnInfo[]; customers?: boolean }) {
  const setQuery = useApp((s) => s.setTableQuery);
  const view = useApp((s) => tableViewOf(s, tableKey(dataset, customers)));
  const sort = view?.sort ?? null;
  const filters = view?.filters ?? NO_FILTERS;
  const pick = customers ? (view?.pick ?? null) : null;
  const total = useApp((s) => s.table.total);
  const [search, setSearch] = useState(view?.search ?? '');
  const [debounced, setDebounced] = useState(view?.search ?? '');
  const { t } = useT();
  const [draft, setDraft] = useState<{ column: string; op: RowFilter['op']; value: string }>({ column: '', op: '=', value: '' });

  useEffect(() => {
    const t = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    setQuery({ dataset, customers, sort, search: debounced, filters, ...(pick ? { pick } : {}) });
  }, [dataset, customers, debounced, sort, filters, pick, setQuery]);

  const setFilters = (next: RowFilter[]) => setQuery({ dataset, customers, sort, search: debounced, filters: next, ...(pick ? { pick } : {}) });

  const column = columns.find((c) => c.name === draft.column) ?? columns[0];
  const addFilter = (e: FormEvent) => {
    e.preventDefault();
    if (!column) return;
    const numeric = isNumericType(column.type) && draft.op !== 'contains';
    const value = !needsValue(draft.op) ? undefined : numeric && draft.value.trim() !== '' && Number.isFinite(Number(draft.value)) ? Number(draft.value) : draft.value;
    if (needsValue(draft.op) && draft.value.trim() === '') return;
    setFilters([...filters, { column: column.name, op: draft.op, value }].slice(0, 20));
    setDraft((d) => ({ ...d, value: '' }));
  };

  return (
    <div className="table-toolbar">
      <div className="row">
        <label className="inline search">
          <span className="sr-only">{t('data.table.searchLabel')}</span>
          <input type="search" placeholder={t('data.table.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="table-search" />
        </label>
        <form className="row filter-form" onSubmit={addFilter} aria-label={t('data.filter.addLabel')}>
          <select aria-label={t('data.filter.column')} value={column?.name ?? ''} onChange={(e) => setDraft({ ...draft, column: e.target.value })} data-testid="filter-column">
            {columns.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
          <select aria-label={t('data.filter.condition')} value={draft.op} onChange={(e) => setDraft({ ...draft, op: e.target.value as RowFilter['op'] })} data-testid="filter-op">
            {ROW_FILTER_OPS.map((op) => (
              <option key={op} value={op}>
                {t(OP_LABEL[op])}
              </option>
            ))}
          </select>
          {needsValue(draft.op) ? (
            <input
              type={column && isNumericType(column.type) && draft.op !== 'contains' ? 'number' : 'text'}
              aria-label={t('data.filter.value')}
              value={draft.value}
              onChange={(e) => setDraft({ ...draft, value: e.target.value })}
              className="filter-value"
              data-testid="filter-value"
            />
          ) : null}
          <button type="submit" data-testid="filter-add">
            {t('data.filter.add')}
          </button>
        </form>
        <span className="hint" data-testid="table-count">
          {total === null
            ? t('common.loading')
            : t(debounced || filters.length || pick ? (customers ? 'data.table.customersMatch' : 'data.table.rowsMatch') : customers ? 'data.table.customers' : 'data.table.rows', { count: total })}
        </span>
      </div>
      {pick ? (
        <p className="pick-chip" data-testid="customer-pick">
          <span>{t('data.customers.pick', { label: pick.label })}</span>{' '}
          <button type="button" className="small" onClick={() => setQuery({ dataset, customers, sort, search: debounced, filters })} data-testid="customer-pick-clear">
            {t('data.customers.showAll')}
          </button>
        </p>
      ) : null}
      {filters.length ? (
        <ul className="chips" aria-label={t('data.filter.active')}>
          {filters.map((f, i) => (
            <li key={`${describe(t, f)}-${i}`} data-testid="filter-chip">
              {describe(t, f)}
              <button type="button" className="icon" aria-label={t('data.filter.remove', { filter: describe(t, f) })} onClick={() => setFilters(filters.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
