import { describe, expect, it } from 'vitest';
import { nextCell, scrollForRow } from '../../renderer/lib/grid-keys';

const size = { rows: 100, cols: 5, page: 10 };

describe('data grid keyboard movement', () => {
  it('moves one cell with the arrows and stops at the edges (row -1 is the header row)', () => {
    expect(nextCell({ row: 0, col: 0 }, 'ArrowDown', false, size)).toEqual({ row: 1, col: 0 });
    expect(nextCell({ row: 0, col: 0 }, 'ArrowUp', false, size)).toEqual({ row: -1, col: 0 });
    expect(nextCell({ row: -1, col: 0 }, 'ArrowUp', false, size)).toEqual({ row: -1, col: 0 });
    expect(nextCell({ row: 99, col: 4 }, 'ArrowDown', false, size)).toEqual({ row: 99, col: 4 });
    expect(nextCell({ row: 5, col: 4 }, 'ArrowRight', false, size)).toEqual({ row: 5, col: 4 });
    expect(nextCell({ row: 5, col: 0 }, 'ArrowLeft', false, size)).toEqual({ row: 5, col: 0 });
  });

  it('Home/End go along the row, with Ctrl to the grid corners; PageUp/PageDown move a screenful', () => {
    expect(nextCell({ row: 7, col: 3 }, 'Home', false, size)).toEqual({ row: 7, col: 0 });
    expect(nextCell({ row: 7, col: 1 }, 'End', false, size)).toEqual({ row: 7, col: 4 });
    expect(nextCell({ row: 7, col: 3 }, 'Home', true, size)).toEqual({ row: 0, col: 0 });
    expect(nextCell({ row: 7, col: 1 }, 'End', true, size)).toEqual({ row: 99, col: 4 });
    expect(nextCell({ row: 7, col: 1 }, 'PageDown', false, size)).toEqual({ row: 17, col: 1 });
    expect(nextCell({ row: 95, col: 1 }, 'PageDown', false, size)).toEqual({ row: 99, col: 1 });
    expect(nextCell({ row: 7, col: 1 }, 'PageUp', false, size)).toEqual({ row: 0, col: 1 });
    expect(nextCell({ row: -1, col: 1 }, 'PageDown', false, size)).toEqual({ row: 10, col: 1 });
  });

  it('leaves other keys to the browser and copes with an empty grid', () => {
    expect(nextCell({ row: 0, col: 0 }, 'Tab', false, size)).toBeNull();
    expect(nextCell({ row: 0, col: 0 }, 'a', false, size)).toBeNull();
    const empty = { rows: 0, cols: 3, page: 10 };
    expect(nextCell({ row: -1, col: 0 }, 'ArrowDown', false, empty)).toEqual({ row: -1, col: 0 });
    expect(nextCell({ row: -1, col: 0 }, 'End', true, empty)).toEqual({ row: -1, col: 2 });
  });

  it('scrolls as little as possible to show a row below the sticky header', () => {
    // 28 px rows, a 280 px view: the header takes one row, nine data rows show.
    expect(scrollForRow(3, 0, 280, 28)).toBe(0);
    expect(scrollForRow(9, 0, 280, 28)).toBe(28);
    expect(scrollForRow(2, 280, 280, 28)).toBe(56);
    expect(scrollForRow(-1, 500, 280, 28)).toBe(500);
  });
});
