import type { Mirror, MirrorColumn } from './types';

/**
 * The columns of a mirror, read on first use: `get` of a column not read yet reads it (from the stored
 * copy, else by a scan of the version table), and `load` reads several in one pass. Iterating reads
 * every column, in the file's column order. A Map to its users, so code written for eager mirrors works.
 *
 * `base` is shared by every view of the same mirror (withColumns adds derived columns on top without
 * copying, or reading, the file's own).
 */
export interface ColumnSource {
  /** The file's column names, in order. */
  readonly order: readonly string[];
  readonly loaded: Map<string, MirrorColumn>;
  /** Read the named columns (all known to `order`, none loaded yet) into `loaded`. */
  read(names: string[]): void;
  /** Read those of the named columns the stored copy holds (none loaded yet); scan none. */
  readStored(names: string[]): void;
  /** A stored text column's number of distinct values, read without loading it (null: not stored). */
  storedDictionarySize?(name: string): number | null;
  /** A column's number of distinct values as a profile counted it, kept in the store (null: not known). */
  countedDistinct?(name: string): number | null;
}

export class LazyColumns extends Map<string, MirrorColumn> {
  private readonly known: Set<string>;

  constructor(
    private readonly base: ColumnSource,
    private readonly extra: ReadonlyMap<string, MirrorColumn> = new Map(),
  ) {
    super();
    this.known = new Set(base.order);
  }

  /** Read the named columns that are the file's and not read yet, in one pass. */
  load(names: Iterable<string>): this {
    const missing = [...new Set(names)].filter((n) => this.known.has(n) && !this.extra.has(n) && !this.base.loaded.has(n));
    if (missing.length) this.base.read(missing);
    return this;
  }

  /**
   * Read the named columns the stored copy holds, without scanning the table for the others; returns
   * the names still not loaded (for a caller that has a cheaper way to read them than a column).
   */
  loadStored(names: Iterable<string>): string[] {
    const missing = [...new Set(names)].filter((n) => this.known.has(n) && !this.extra.has(n) && !this.base.loaded.has(n));
    if (missing.length) this.base.readStored(missing);
    return missing.filter((n) => !this.base.loaded.has(n));
  }

  /** Distinct values of a text column the stored copy holds and that is not loaded yet (null: loaded, or not stored). */
  storedDictionarySize(name: string): number | null {
    if (!this.known.has(name) || this.extra.has(name) || this.base.loaded.has(name)) return null;
    return this.base.storedDictionarySize?.(name) ?? null;
  }

  /**
   * How many distinct values a text column of the file holds, known without reading it: from its loaded or stored
   * dictionary, or as the last profile counted them. Null when that would take a read.
   */
  knownDistinct(name: string): number | null {
    if (!this.known.has(name) || this.extra.has(name)) return null;
    const c = this.base.loaded.get(name);
    if (c) return c.kind === 'text' ? c.dictionary.length : null;
    return this.base.storedDictionarySize?.(name) ?? this.base.countedDistinct?.(name) ?? null;
  }

  /** These columns and `more` (which win on a name both have). */
  with(more: ReadonlyMap<string, MirrorColumn>): LazyColumns {
    return new LazyColumns(this.base, new Map([...this.extra, ...more]));
  }

  override get(name: string): MirrorColumn | undefined {
    const e = this.extra.get(name);
    if (e) return e;
    if (!this.known.has(name)) return undefined;
    this.load([name]);
    return this.base.loaded.get(name);
  }

  override has(name: string): boolean {
    return this.extra.has(name) || this.known.has(name);
  }

  override get size(): number {
    let n = this.known.size;
    for (const k of this.extra.keys()) if (!this.known.has(k)) n++;
    return n;
  }

  override set(): this {
    // A developer error: mirrors are read-only; add columns with `with`.
    throw new Error('mirror columns are read-only (use with())');
  }

  override delete(): boolean {
    throw new Error('mirror columns are read-only');
  }

  override clear(): void {
    throw new Error('mirror columns are read-only');
  }

  override *keys(): MapIterator<string> {
    for (const n of this.base.order) yield n;
    for (const n of this.extra.keys()) if (!this.known.has(n)) yield n;
  }

  override *entries(): MapIterator<[string, MirrorColumn]> {
    this.load(this.base.order);
    for (const n of this.keys()) yield [n, this.get(n) as MirrorColumn];
  }

  override *values(): MapIterator<MirrorColumn> {
    for (const [, c] of this.entries()) yield c;
  }

  override [Symbol.iterator](): MapIterator<[string, MirrorColumn]> {
    return this.entries();
  }

  override forEach(fn: (value: MirrorColumn, key: string, map: Map<string, MirrorColumn>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** `m` with `more` columns on top (a derived field per customer), sharing its IDs and its own columns without reading them. */
export function mirrorWith(m: Mirror, more: ReadonlyMap<string, MirrorColumn>): Mirror {
  const columns = m.columns instanceof LazyColumns ? m.columns.with(more) : new Map([...m.columns, ...more]);
  return {
    dataset: m.dataset,
    version: m.version,
    table: m.table,
    rows: m.rows,
    idColumn: m.idColumn,
    get ids() {
      return m.ids;
    },
    columns,
    buildMs: m.buildMs,
    stored: m.stored,
  };
}

/** Read these columns now, in one pass, where the mirror reads lazily (a no-op otherwise). */
export function preload(m: Mirror, names: Iterable<string>): void {
  if (m.columns instanceof LazyColumns) m.columns.load(names);
}
