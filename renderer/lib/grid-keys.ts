/**
 * Keyboard movement in a data grid, as WAI-ARIA's grid pattern describes it: arrows move one cell,
 * Home/End to the row's first/last cell (with Ctrl: the grid's first/last cell), PageUp/PageDown by a
 * screenful. Row -1 is the header row (its cells sort the column); rows 0…rows-1 are data rows.
 */
export interface GridCell {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
  /** Rows a PageUp/PageDown moves (what fits in the view). */
  page: number;
}

/** The cell a key moves to; null when the key is not a movement key (the browser keeps it). */
export function nextCell(at: GridCell, key: string, ctrl: boolean, size: GridSize): GridCell | null {
  const lastRow = size.rows - 1;
  const lastCol = Math.max(0, size.cols - 1);
  const row = (r: number) => Math.max(-1, Math.min(lastRow, r));
  const col = (c: number) => Math.max(0, Math.min(lastCol, c));
  switch (key) {
    case 'ArrowDown':
      return { row: row(at.row + 1), col: at.col };
    case 'ArrowUp':
      return { row: row(at.row - 1), col: at.col };
    case 'ArrowRight':
      return { row: at.row, col: col(at.col + 1) };
    case 'ArrowLeft':
      return { row: at.row, col: col(at.col - 1) };
    case 'Home':
      return ctrl ? { row: size.rows ? 0 : -1, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row: at.row, col: lastCol };
    case 'PageDown':
      return { row: row(Math.max(at.row, 0) + Math.max(1, size.page)), col: at.col };
    case 'PageUp':
      // Up from the first rows stops at the first data row; the header is one ArrowUp further.
      return { row: at.row <= 0 ? at.row : Math.max(0, at.row - Math.max(1, size.page)), col: at.col };
    default:
      return null;
  }
}

/**
 * The scroll position (in the grid's virtual pixels) that shows `row` below the sticky header row,
 * moving as little as possible: unchanged when the row is already in view.
 */
export function scrollForRow(row: number, virtualTop: number, viewH: number, rowH: number): number {
  if (row < 0) return virtualTop;
  const y = row * rowH;
  const bodyH = viewH - rowH; // the header row stays on top
  if (y < virtualTop) return y;
  if (y + rowH > virtualTop + bodyH) return y + rowH - bodyH;
  return virtualTop;
}
