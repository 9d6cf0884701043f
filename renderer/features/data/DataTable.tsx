import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import { useOnChange } from '../../app/use-on-change';
import { useApp } from '../../store';
import { PAGE_SIZE } from '../../store/table';
import type { ColumnInfo } from '../../../shared/types/columns';
import { formatCell, isNumericType } from '../../lib/format';
import { useT } from '../../i18n/use-t';
import { nextCell, scrollForRow, type GridCell } from '../../lib/grid-keys';

const ROW_H = 28;
/** Browsers cap element heights (~33M px in Chromium); beyond this the scroll position is scaled onto the rows. */
const MAX_SCROLL_H = 15_000_000;
const OVERSCAN = 10;

/**
 * A virtualised grid over datasets.rows pages: only the rows in view (plus a few) exist in the DOM, so a
 * million-row dataset scrolls like a small one. Sorting is by header click (asc → desc → none).
 * Keyboard: the grid is one tab stop; arrows, Home/End, PageUp/PageDown and Ctrl+Home/End move an active
 * cell (announced through aria-activedescendant, scrolled into view); Enter or Space on a column name sorts.
 */
export function DataTable({ columns }: { columns: ColumnInfo[] }) {
  const table = useApp((s) => s.table);
  const ensureRows = useApp((s) => s.ensureRows);
  const setQuery = useApp((s) => s.setTableQuery);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(480);
  const raf = useRef(0);
  const [active, setActive] = useState<GridCell | null>(null);
  const idBase = useId();
  const cellId = (c: GridCell) => `${idBase}-${c.row < 0 ? 'h' : `r${c.row}`}-c${c.col}`;
  // Re-renders the cells (numbers and dates in the window's format) when the language changes.
  const { t } = useT();

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewH(el.clientHeight || 480);
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

  const total = table.total ?? 0;
  const fullH = total * ROW_H;
  // Scaled so that the largest scroll position shows the last rows at the bottom of the view.
  const scale = fullH > MAX_SCROLL_H ? (fullH - viewH) / (MAX_SCROLL_H - viewH) : 1;
  const virtualTop = scrollTop * scale;
  const first = Math.max(0, Math.floor(virtualTop / ROW_H) - OVERSCAN);
  const count = Math.ceil(viewH / ROW_H) + 2 * OVERSCAN;
  const last = Math.min(total, first + count);

  useEffect(() => {
    void ensureRows(first, last);
  }, [first, last, ensureRows, table.generation, table.total]);

  // A new query starts at the top (the active cell too, in the same column).
  useOnChange([table.generation], () => {
    setScrollTop(0);
    setActive((a) => (a ? { row: a.row < 0 ? -1 : 0, col: a.col } : a));
  });
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [table.generation]);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop;
    cancelAnimationFrame(raf.current);
    raf.current = requestAnimationFrame(() => setScrollTop(top));
  };

  const byName = new Map(columns.map((c) => [c.name, c]));
  const names = table.columns.length ? table.columns : columns.map((c) => c.name);
  // i18n-ignore: a CSS grid template
  const gridCols = `72px repeat(${names.length}, minmax(120px, 180px))`;
  const sort = table.query?.sort ?? null;

  const toggleSort = (column: string) => {
    const q = table.query;
    if (!q) return;
    const next = sort?.column !== column ? { column, dir: 'asc' as const } : sort.dir === 'asc' ? { column, dir: 'desc' as const } : null;
    setQuery({ ...q, sort: next });
  };

  // The active cell's column scrolled into view sideways (rows are scrolled to in onKeyDown, before they exist).
  useLayoutEffect(() => {
    const el = scroller.current;
    const cell = active ? document.getElementById(cellId(active)) : null;
    if (!el || !cell || active!.col < 0) return;
    const left = cell.offsetLeft;
    const right = left + cell.offsetWidth;
    // The first column brings the row numbers back into view with it.
    if (left < el.scrollLeft) el.scrollLeft = active!.col === 0 ? 0 : left;
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.metaKey) return;
    const at = active ?? { row: total ? 0 : -1, col: 0 };
    if ((e.key === 'Enter' || e.key === ' ') && at.row < 0) {
      e.preventDefault();
      toggleSort(names[at.col]);
      return;
    }
    const next = nextCell(at, e.key, e.ctrlKey, { rows: total, cols: names.length, page: Math.max(1, Math.floor(viewH / ROW_H) - 2) });
    if (!next) return;
    e.preventDefault();
    setActive(next);
    const top = scrollForRow(next.row, virtualTop, viewH, ROW_H) / scale;
    if (top !== scrollTop && scroller.current) {
      scroller.current.scrollTop = top;
      setScrollTop(top);
    }
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const page = table.pages[Math.floor(i / PAGE_SIZE)];
    const r = page?.rows[i % PAGE_SIZE];
    rows.push(
      <div key={i} className="tr" role="row" aria-rowindex={i + 2} style={{ gridTemplateColumns: gridCols }} data-testid="table-row">
        <span className="td rownum" role="rowheader">
          {page ? page.rowNumbers[i % PAGE_SIZE] : ''}
        </span>
        {names.map((n, c) => {
          const type = byName.get(n)?.type;
          const v = r ? r[c] : undefined;
          return (
            <span key={n} id={cellId({ row: i, col: c })} role="gridcell" className={`td${isNumericType(type) ? ' num' : ''}${v === null ? ' missing' : ''}${active?.row === i && active.col === c ? ' active' : ''}`}>
              {v === undefined ? '' : formatCell(v, type)}
            </span>
          );
        })}
      </div>,
    );
  }
  const blockTop = scrollTop - (virtualTop - first * ROW_H);

  return (
    <div className="grid" data-testid="data-table" data-total={table.total ?? ''}>
      {/* The grid role sits on the scrolling element itself: a grid may own only rows (the focusable
          scroller between them was an aria-required-children violation). */}
      <div
        className="grid-body"
        ref={scroller}
        onScroll={onScroll}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          if (e.target === e.currentTarget && !active) setActive({ row: total ? 0 : -1, col: 0 });
        }}
        aria-activedescendant={active && (active.row < 0 || (active.row >= first && active.row < last)) ? cellId(active) : undefined}
        aria-describedby={`${idBase}-keys`}
        role="grid"
        aria-rowcount={total + 1}
        aria-colcount={names.length + 1}
        aria-label={t('data.table.label')}
        data-testid="table-scroller"
      >
        <div className="tr th-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: gridCols }}>
          {/* A long word for "row" (the pseudo-locale) is cut with an ellipsis, whole in the tooltip. */}
          <span className="th rownum" role="columnheader" title={t('data.table.row')}>
            {t('data.table.row')}
          </span>
          {names.map((n, c) => {
            const dir = sort?.column === n ? sort.dir : null;
            return (
              <span key={n} id={cellId({ row: -1, col: c })} className={`th${active?.row === -1 && active.col === c ? ' active' : ''}`} role="columnheader" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                <button type="button" onClick={() => toggleSort(n)} title={t('data.table.sortBy', { column: n })} data-testid={`sort-${n}`}>
                  {n}
                  <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                </button>
              </span>
            );
          })}
        </div>
        {/* The frame clips only vertically (the translated row block must not lengthen the scroll height); it
            must not clip sideways: the frame is as wide as the viewport, the rows as wide as all the columns,
            and `overflow: hidden` here left every cell right of the viewport's width undrawn once scrolled. */}
        <div style={{ height: Math.min(fullH, MAX_SCROLL_H), position: 'relative', overflowX: 'visible', overflowY: 'clip' }} data-testid="table-rows-frame">
          <div style={{ position: 'absolute', top: 0, left: 0, minWidth: '100%', transform: `translateY(${blockTop}px)` }}>{rows}</div>
        </div>
      </div>
      <p id={`${idBase}-keys`} className="sr-only">
        {t('data.table.keys')}
      </p>
      {table.error ? (
        <p className="error" role="alert">
          {table.error}
        </p>
      ) : null}
    </div>
  );
}
