/**
 * CSV / formula injection ("CSV injection", OWASP): a spreadsheet treats a cell that
 * starts with = + - @ TAB or CR as a formula or a DDE call, and one that starts with a line
 * break (CR or LF) can hide a formula on its next line from a reader. OWASP's recommendation is to
 * prefix such a cell with a single quote (and to quote every field in CSV). We apply it
 * to every text value in CSV and XLSX alike.
 *
 * Values that are real numbers (SQLite INTEGER/REAL) are written as numbers: a number
 * cannot carry a formula, and prefixing negative numbers would corrupt them.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

export function isFormulaLike(text: string): boolean {
  return text.length > 0 && TRIGGERS.has(text[0]);
}

/** The text made inert for a spreadsheet: unchanged unless it starts with a trigger character. */
export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

export type ExportValue = string | number | bigint | null | undefined;

/** A cell as it should be written: numbers stay numbers, text is neutralised, missing stays missing. */
export function neutraliseCell(value: ExportValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  return neutraliseText(value);
}
