import { AppError } from '../../../shared/contract/result';
import type { ColumnInfo } from '../../../shared/types/columns';

/**
 * The columns an export writes: the user's choice in their order (each must be one of the
 * dataset's own columns, which also makes it safe to quote into SQL), or by default every
 * column that is not PII. PII is never included unless named.
 */
export function chooseColumns(dataset: string, all: readonly ColumnInfo[], requested: readonly string[] | undefined): ColumnInfo[] {
  if (!requested) {
    const chosen = all.filter((c) => !c.pii);
    if (chosen.length === 0) throw new AppError('BAD_INPUT', `dataset "${dataset}" has only PII columns; name the columns to export`, { dataset });
    return chosen;
  }
  const byName = new Map(all.map((c) => [c.name, c]));
  const seen = new Set<string>();
  return requested.map((name) => {
    const col = byName.get(name);
    if (!col) {
      throw new AppError('BAD_INPUT', `dataset "${dataset}" has no column "${name}" (columns: ${all.map((c) => c.name).join(', ')})`, { dataset, column: name });
    }
    if (seen.has(name)) throw new AppError('BAD_INPUT', `column "${name}" is listed twice`, { dataset, column: name });
    seen.add(name);
    return col;
  });
}
