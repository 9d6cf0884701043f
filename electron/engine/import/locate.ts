/**
 * Where each field of a parsed record sits in the text it was parsed from, so the writing thread can
 * cut the value out of the text instead of receiving a copy (see encode.ts). papaparse returns values,
 * not offsets; this walks the record's fields over the text again.
 *
 * Why the positions are exact: papaparse takes an unquoted field as the text from its start to the
 * next delimiter or line end, so its value is that text and the next field starts one delimiter later;
 * a quoted field without inner quotes is the text between its quotes (checked here character for
 * character). Callers walk only text papaparse parsed without a quote error. Each step also checks that
 * a delimiter (or line end) is where the walk expects one; if not, it gives up and the values travel as
 * strings. Fields with doubled quotes get no position (their text differs from their value).
 */

const QUOTE = 34;
const CR = 13;

/**
 * Fill `pos[j]` with the start of field j's value in `text` (or -1), walking from `at`, the record's
 * first character. Returns where the next record starts, or -1 when the walk lost its place.
 */
export function locateFields(rec: string[], text: string, at: number, delimiter: string, newline: number, pos: Int32Array): number {
  const last = rec.length - 1;
  const single = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  for (let j = 0; j <= last; j++) {
    const f = rec[j];
    if (text.charCodeAt(at) === QUOTE) {
      if (f.indexOf('"') < 0) {
        if (text.charCodeAt(at + 1 + f.length) !== QUOTE || !text.startsWith(f, at + 1)) return fail(pos, j, last);
        pos[j] = at + 1;
        at += f.length + 2;
      } else {
        // Doubled quotes inside: step over the raw field ("" for each quote in the value).
        let quotes = 0;
        for (let i = f.indexOf('"'); i >= 0; i = f.indexOf('"', i + 1)) quotes++;
        at += f.length + quotes + 2;
        if (text.charCodeAt(at - 1) !== QUOTE) return fail(pos, j, last);
        pos[j] = -1;
      }
    } else {
      pos[j] = at;
      at += f.length;
    }
    if (j < last) {
      if (single >= 0 ? text.charCodeAt(at) !== single : !text.startsWith(delimiter, at)) return fail(pos, j, last);
      at += delimiter.length;
    }
  }
  // CRLF: the CR was stripped from the last value (dialect.ts), the LF ends the record.
  if (newline !== CR && text.charCodeAt(at) === CR) at++;
  if (at >= text.length) return at;
  if (text.charCodeAt(at) === newline) return at + 1;
  pos[last] = -1;
  return -1;
}

function fail(pos: Int32Array, from: number, last: number): number {
  for (let j = from; j <= last; j++) pos[j] = -1;
  return -1;
}
