import { useEffect, useState } from 'react';
import { useApp } from '../../store';

/** Search box (debounced) and row count above the table; owns the table query for the active dataset. */
export function TableToolbar({ dataset }: { dataset: string }) {
  const setQuery = useApp((s) => s.setTableQuery);
  const sort = useApp((s) => (s.table.query?.dataset === dataset ? s.table.query.sort : null));
  const total = useApp((s) => s.table.total);
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');

  useEffect(() => {
    const t = setTimeout(() => setDebounced(search), 250);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    setSearch('');
    setDebounced('');
  }, [dataset]);

  useEffect(() => {
    setQuery({ dataset, sort, search: debounced, filters: [] });
  }, [dataset, debounced, sort, setQuery]);

  return (
    <div className="row table-toolbar">
      <label className="inline search">
        <span className="sr-only">Search text columns</span>
        <input type="search" placeholder="Search text columns…" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="table-search" />
      </label>
      <span className="hint" data-testid="table-count">
        {total === null ? 'Loading…' : `${total.toLocaleString()} rows${debounced ? ' match' : ''}`}
      </span>
    </div>
  );
}
