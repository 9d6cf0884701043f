import type { Cell, ColumnType } from '../../../shared/types/columns';

const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/** How a stored cell reads in the UI; missing values are shown as an em dash, never as an empty string. */
export function formatCell(v: Cell, type?: ColumnType): string {
  if (v === null) return '—';
  if (typeof v === 'number') {
    if (type === 'boolean') return v ? 'yes' : 'no';
    return num.format(v);
  }
  return v;
}

export function isNumericType(type: ColumnType | undefined): boolean {
  return type === 'integer' || type === 'number';
}

export function pct(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;
}
