import type { SheetInfo } from '../../../shared/contract/ns/datasets';

/** What a non-text format's reader gives the planner (tabular.ts). */
export interface TabularSample {
  /** Header record first (JSON keys; a workbook's header row after its skipped title rows), then data. */
  records: string[][];
  /** JSON: the flattened keys in column order (names the reader maps values by). */
  keys: string[];
  sheet: string | null;
  sheets: SheetInfo[];
  skipRows: number;
  /** Rows the header takes (2: a merged group row above the names). */
  headerRows: number;
  header: boolean | null;
  date1904: boolean;
}
