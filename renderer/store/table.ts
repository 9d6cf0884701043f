import type { Cell } from '../../shared/types/columns';
import type { RowFilter } from '../../shared/contract/ns/datasets';
import type { CustomerViewColumn } from '../../shared/contract/ns/customer-view';
import { defineSlice, type AppState } from './types';

/** Rows per datasets.rows request: large enough that a fast scroll needs few requests, small enough to answer in a few ms. */
export const PAGE_SIZE = 200;
/** Pages kept in memory; scrolling a million rows only ever holds this many. */
export const MAX_PAGES = 60;

export interface TableQuery {
  dataset: string;
  /** The dataset's customer view (one row per customer, with the derived columns) instead of its file rows. */
  customers?: boolean;
  sort: { column: string; dir: 'asc' | 'desc' } | null;
  search: string;
  filters: RowFilter[];
  /** Customer view only: just the customers a rule picks ("the customers behind a number"), and what to call them. */
  pick?: CustomerPick | null;
}

/** The customers behind a number: a rule in the segment rule language and the words that say which number it was. */
export interface CustomerPick {
  rule: unknown;
  label: string;
}

/**
 * What the user set up on a dataset's table (sort, filters, search), kept for the session so leaving the
 * Data view and coming back restores it. `columns` is the dataset's column signature when it was set: a new
 * version with other columns (or types) makes the view stale, and it is dropped.
 */
export interface TableView {
  sort: TableQuery['sort'];
  search: string;
  filters: RowFilter[];
  pick?: CustomerPick | null;
  columns: string;
}

/** The key of a table's saved view: the dataset's own name, or `c360:<dataset>` for its customer view. */
export function tableKey(dataset: string, customers?: boolean): string {
  return customers ? `c360:${dataset}` : dataset;
}

/** Column names and types of a dataset as one string: equal signatures mean a saved view still fits. */
export function columnsSignature(columns: readonly { name: string; type: string }[]): string {
  return columns.map((c) => `${c.name}:${c.type}`).join('\u0000');
}

function signatureOf(s: AppState, dataset: string): string | null {
  const info = s.workspace?.datasets.find((d) => d.name === dataset);
  return info ? columnsSignature(info.columns) : null;
}

/** The saved table view of `dataset`, or null when there is none or its columns have changed since. */
export function tableViewOf(s: AppState, dataset: string): TableView | null {
  const v = s.tableViews[dataset];
  if (!v) return null;
  const sig = signatureOf(s, dataset);
  return sig !== null && sig !== v.columns ? null : v;
}

export interface TablePage {
  rows: Cell[][];
  rowNumbers: number[];
}

export interface TableSlice {
  table: {
    query: TableQuery | null;
    columns: string[];
    /** Rows matching the query; null until the first page answers. */
    total: number | null;
    pages: Record<number, TablePage>;
    /** Page indexes requested and not yet answered. */
    pending: number[];
    error: string | null;
    /** Increases with every new query; answers for older queries are dropped. */
    generation: number;
  };
  /** Per dataset, the sort, filters and search last set on its table (this session and workspace only: another workspace starts with none, even for same-named datasets). */
  tableViews: Record<string, TableView>;
  /** Sets the table's query (and remembers it as the dataset's view); a query equal to the current one is not refetched. */
  setTableQuery(query: TableQuery): void;
  /** Makes sure rows [from, to) are loaded (or loading); the table calls it as it scrolls. */
  ensureRows(from: number, to: number): Promise<void>;
  /** Drops cached pages (after a re-import) and reloads what is in view. */
  reloadTable(): void;
  /** The customer view's columns (name, type, source) of `customerViewOf`, for its table. */
  customerViewColumns: CustomerViewColumn[];
  customerViewOf: string | null;
  loadCustomerView(dataset: string): Promise<void>;
  /** Bumped by showCustomers: the Data view opens its customer-view tab. */
  customersRequest: number;
  /**
   * "See the customers behind a number": the Data view's customer table of `dataset`, filtered by column
   * conditions and/or a rule (a segment, an overlap, a CLV band, a fairness group).
   */
  showCustomers(dataset: string, filters: RowFilter[], pick?: CustomerPick): void;
}

function sameQuery(a: TableQuery | null, b: TableQuery): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** Requests in flight at once: a fling must not queue dozens of pages in front of the one now in view. */
export const MAX_IN_FLIGHT = 2;

export const tableSlice = defineSlice<TableSlice>({
  // Rows change with a new version, a column edit or an erasure.
  // The customer view's rows and columns also change with a new RFM run, lifetime-value fit or clustering run.
  dependsOn: ['datasets', 'erasure', 'clusters', 'rfm', 'clv'],
  refresh: async (get) => {
    get().reloadTable();
    const of = get().customerViewOf;
    if (of) await get().loadCustomerView(of);
  },
  // Answers still in flight carry an older generation, so they never land in the next workspace's table.
  // The customers request counter only grows (the Data view compares it with the last one it acted on).
  reset: (s, initial) => ({ ...initial, table: { ...initial.table, generation: s.table.generation + 1 }, customersRequest: s.customersRequest }),
  create:
    ({ client, request }) =>
    (set, get) => {
      const order: number[] = []; // least recently loaded first, for eviction
      /** Pages waiting for a request slot, with the resolvers of everyone awaiting them. */
      const queue = new Map<number, (() => void)[]>();
      /** Keyed by generation and page: an answer for an older query must not clear a newer request for the same page. */
      const inFlight = new Map<string, Promise<void>>();
      const key = (page: number) => `${get().table.generation}:${page}`;
      /** The pages of the latest ensureRows window; queued pages outside it are dropped. */
      let windowPages = new Set<number>();

      async function fetchPage(page: number) {
        const { query, generation } = get().table;
        if (!query) return;
        set((s) => ({ table: { ...s.table, pending: [...s.table.pending, page] } }));
        const args = {
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          sort: query.sort ?? undefined,
          search: query.search.trim() || undefined,
          filters: query.filters.length ? query.filters : undefined,
        };
        const call = () =>
          query.customers
            ? client.api.customerView.rows({ dataset: query.dataset, ...args, ...(query.pick ? { rule: query.pick.rule } : {}) })
            : client.api.datasets.rows({ name: query.dataset, ...args });
        // Keyed by generation and page: pages of one query load side by side; the table shows a failure itself.
        await request(`table.rows:${generation}:${page}`, call, {
          silent: true,
          onValue: (r) => {
            if (get().table.generation !== generation) return;
            order.push(page);
            set((s) => {
              const pages = { ...s.table.pages, [page]: { rows: r.rows, rowNumbers: r.rowNumbers } };
              while (order.length > MAX_PAGES) delete pages[order.shift()!];
              return { table: { ...s.table, pages, columns: r.columns, total: r.total, pending: s.table.pending.filter((p) => p !== page), error: null } };
            });
          },
          onError: (err) => {
            if (get().table.generation !== generation) return;
            set((s) => ({ table: { ...s.table, pending: s.table.pending.filter((p) => p !== page), error: err instanceof Error ? err.message : String(err) } }));
          },
        });
      }

      /** Starts queued pages (nearest to the window's start first) while request slots are free. */
      function pump() {
        while (inFlight.size < MAX_IN_FLIGHT && queue.size > 0) {
          const first = Math.min(...windowPages);
          const page = [...queue.keys()].sort((a, b) => Math.abs(a - first) - Math.abs(b - first))[0];
          const waiters = queue.get(page) ?? [];
          queue.delete(page);
          const k = key(page);
          const p = fetchPage(page).finally(() => {
            inFlight.delete(k);
            waiters.forEach((w) => w());
            pump();
          });
          inFlight.set(k, p);
        }
      }

      function resetRequests() {
        order.length = 0;
        for (const waiters of queue.values()) waiters.forEach((w) => w());
        queue.clear();
        windowPages = new Set([0]);
      }

      return {
        table: { query: null, columns: [], total: null, pages: {}, pending: [], error: null, generation: 0 },
        tableViews: {},
        customerViewColumns: [],
        customerViewOf: null,
        loadCustomerView: async (dataset) => {
          await request('customerView.describe', () => client.api.customerView.describe({ dataset }), {
            onValue: (info) => set({ customerViewColumns: info.columns, customerViewOf: dataset }),
            onError: () => set({ customerViewColumns: [], customerViewOf: dataset }),
            silent: true,
          });
        },
        customersRequest: 0,
        showCustomers: (dataset, filters, pick) => {
          const view: TableView = { sort: null, search: '', filters, pick: pick ?? null, columns: '' };
          set((s) => ({ tableViews: { ...s.tableViews, [tableKey(dataset, true)]: view }, activeDataset: dataset, focusColumn: null, route: 'data', customersRequest: s.customersRequest + 1 }));
        },
        setTableQuery: (query) => {
          const k = tableKey(query.dataset, query.customers);
          const view: TableView = { sort: query.sort, search: query.search, filters: query.filters, ...(query.pick ? { pick: query.pick } : {}), columns: signatureOf(get(), k) ?? '' };
          const held = get().tableViews[k];
          // Only a changed view is stored: the toolbar reads it back, and a new object each time would loop.
          if (!held || JSON.stringify(held) !== JSON.stringify(view)) set((s) => ({ tableViews: { ...s.tableViews, [k]: view } }));
          if (sameQuery(get().table.query, query)) return;
          resetRequests();
          set((s) => ({ table: { query, columns: s.table.query?.dataset === query.dataset && !s.table.query.customers === !query.customers ? s.table.columns : [], total: null, pages: {}, pending: [], error: null, generation: s.table.generation + 1 } }));
          void fetchPage(0);
        },
        ensureRows: (from, to) => {
          const { query, pages, total } = get().table;
          if (!query) return Promise.resolve();
          const last = total === null ? from : Math.min(to, total) - 1;
          const window: number[] = [];
          for (let p = Math.floor(Math.max(0, from) / PAGE_SIZE); p <= Math.floor(Math.max(0, last) / PAGE_SIZE); p++) window.push(p);
          windowPages = new Set(window);
          // Scrolled past: pages still waiting for a slot are no longer worth asking for.
          for (const [p, waiters] of queue) {
            if (!windowPages.has(p)) {
              queue.delete(p);
              waiters.forEach((w) => w());
            }
          }
          const waits: Promise<void>[] = [];
          for (const p of window) {
            if (pages[p]) continue;
            const running = inFlight.get(key(p));
            if (running) {
              waits.push(running);
              continue;
            }
            waits.push(new Promise<void>((resolve) => queue.set(p, [...(queue.get(p) ?? []), resolve])));
          }
          pump();
          return Promise.all(waits).then(() => undefined);
        },
        reloadTable: () => {
          const q = get().table.query;
          if (!q) return;
          resetRequests();
          set((s) => ({ table: { ...s.table, pages: {}, pending: [], generation: s.table.generation + 1 } }));
          void fetchPage(0);
        },
      };
    },
});
