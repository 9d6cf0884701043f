/**
 * How a four-fifths ratio is written, shared by the engine's explanations, the CLI, the report
 * and the renderer's badge so that the number shown always agrees with the flag.
 */

/** The four-fifths rule: a lowest/highest selection-rate ratio below this is flagged. */
export const FOUR_FIFTHS = 0.8;

/**
 * The ratio with 2 decimals, 3 within 0.01 of the line, and more if it takes more for the written
 * number to sit on the same side of the line as the ratio itself: 0.795 is "0.795", never "0.80"
 * next to a "below 0.8" flag; 0.7996 is "0.7996"; 0.8 is "0.800"; 0.44 is "0.44".
 */
export function formatRatio(ratio: number, line: number = FOUR_FIFTHS): string {
  const below = ratio < line;
  for (let digits = Math.abs(ratio - line) < 0.01 ? 3 : 2; digits <= 6; digits++) {
    const s = ratio.toFixed(digits);
    if (Number(s) < line === below) return s;
  }
  // Closer to the line than 6 decimals show: cut toward the ratio's side instead of rounding.
  const f = 1e6;
  return ((below ? Math.floor(ratio * f) : Math.ceil(ratio * f)) / f).toFixed(6);
}
