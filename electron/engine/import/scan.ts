/**
 * A fast path beside papaparse for well-formed text: where each field of each complete record starts
 * and ends, as offsets, without cutting a string per field or building an array per record.
 *
 * Why hand-written: on the 1M-row import benchmark the parsing thread was the one the writer waited
 * on, and papaparse (one substring per field, one array per record) plus walking its values back over
 * the text for their offsets (locate.ts) were half of that thread's time.
 *
 * papaparse stays the authority: the scanner answers only for text it reads exactly as papaparse does,
 * and returns null for anything else (a quote that does not close a field right before a delimiter or a
 * line end, a quote never closed, old-Mac CR line ends, a delimiter that is a quote or line end), and
 * the caller parses that text with papaparse. test/engine/import/scan.test.ts checks it against
 * papaparse on thousands of generated texts, clean and malformed.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface ScannedRecords {
  /** Complete records found (blank lines and a header included: callers skip them). */
  records: number;
  /** Per record: how many fields it has. */
  fieldCounts: Int32Array;
  /** Per field, flat in record order: where its value starts and ends in the text (end exclusive). */
  starts: Int32Array;
  ends: Int32Array;
  /** Per field: 1 when the value between starts and ends still has its doubled quotes ("" for "). */
  escaped: Uint8Array;
  /** Characters of the text the complete records took (the cut-off tail starts here). */
  consumed: number;
}

/** Whether the scanner can read text with this dialect at all. */
export function canScan(delimiter: string, newline: '\n' | '\r'): boolean {
  return newline === '\n' && delimiter.length === 1 && delimiter !== '"' && delimiter !== '\n' && delimiter !== '\r';
}

/**
 * Reusable output buffers: grown as needed, valid until the next scan. The import reads one chunk
 * at a time and is done with a chunk's offsets before it reads the next.
 */
export class RecordScanner {
  private fieldCounts = new Int32Array(1024);
  private starts = new Int32Array(8192);
  private ends = new Int32Array(8192);
  private escaped = new Uint8Array(8192);

  constructor(private readonly delimiter: string) {}

  /** Scan the complete records of `text` (all of it when `final`); null when papaparse must parse it. */
  scan(text: string, final: boolean): ScannedRecords | null {
    const d = this.delimiter;
    const dCode = d.charCodeAt(0);
    const n = text.length;
    let at = 0;
    let nf = 0;
    let nr = 0;
    let consumed = 0;
    // Next delimiter and next LF at or after `at` (-1: none), kept between fields so each is searched once.
    let nextD = -2;
    let nextLF = -2;
    records: while (at < n) {
      const recordFirst = nf;
      let recordEnd = -1;
      while (recordEnd < 0) {
        if (nf === this.starts.length) this.growFields();
        let start: number;
        let end: number;
        let esc = 0;
        const quoted = text.charCodeAt(at) === QUOTE;
        if (quoted) {
          // Quoted: up to the quote that is not doubled; then a delimiter, a line end or the end must follow.
          let i = at + 1;
          let close = -1;
          for (;;) {
            const q = text.indexOf('"', i);
            if (q < 0) {
              if (final) return null; // never closed: papaparse reports it
              break records;
            }
            if (q + 1 === n && !final) break records; // a doubled quote may be cut here
            if (text.charCodeAt(q + 1) === QUOTE) {
              esc = 1;
              i = q + 2;
              continue;
            }
            close = q;
            break;
          }
          start = at + 1;
          end = close;
          const after = close + 1;
          const c = text.charCodeAt(after);
          if (c === dCode) {
            at = after + 1;
          } else if (c === LF) {
            recordEnd = after + 1;
          } else if (c === CR && text.charCodeAt(after + 1) === LF) {
            recordEnd = after + 2;
          } else if (after === n) {
            if (!final) break records;
            recordEnd = n;
          } else if (c === CR && after + 1 === n && !final) {
            break records; // CRLF cut between its two characters
          } else {
            return null; // text after the closing quote: papaparse's recovery decides
          }
          if (nextD >= 0 && nextD < at) nextD = -2;
          if (nextLF >= 0 && nextLF < at) nextLF = -2;
        } else {
          if (nextD === -2 || (nextD >= 0 && nextD < at)) nextD = text.indexOf(d, at);
          if (nextLF === -2 || (nextLF >= 0 && nextLF < at)) nextLF = text.indexOf('\n', at);
          start = at;
          if (nextD >= 0 && (nextLF < 0 || nextD < nextLF)) {
            end = nextD;
            at = nextD + 1;
          } else if (nextLF >= 0) {
            end = nextLF;
            recordEnd = nextLF + 1;
          } else {
            if (!final) break records;
            end = n;
            recordEnd = n;
          }
        }
        // An unquoted last value ends before the CR of a CRLF line end; a quoted one keeps every CR it holds (dialect.ts).
        if (!quoted && recordEnd >= 0 && end > start && text.charCodeAt(end - 1) === CR) end--;
        this.starts[nf] = start;
        this.ends[nf] = end;
        this.escaped[nf] = esc;
        nf++;
        // A field ending right at the text's end after a delimiter: the record continues past this chunk.
        if (recordEnd < 0 && at >= n) {
          if (!final) break records;
          if (nf === this.starts.length) this.growFields();
          this.starts[nf] = n;
          this.ends[nf] = n;
          this.escaped[nf] = 0;
          nf++;
          recordEnd = n;
        }
      }
      if (nr === this.fieldCounts.length) this.fieldCounts = grow(this.fieldCounts);
      this.fieldCounts[nr++] = nf - recordFirst;
      consumed = recordEnd;
      at = recordEnd;
      continue;
    }
    // `break records` leaves a partial record's fields behind: they are past the last full record.
    return { records: nr, fieldCounts: this.fieldCounts, starts: this.starts, ends: this.ends, escaped: this.escaped, consumed: final ? n : consumed };
  }

  private growFields(): void {
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    const e = new Uint8Array(this.escaped.length * 2);
    e.set(this.escaped);
    this.escaped = e;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** A field's value: its text, with doubled quotes made single where it had them. */
export function fieldValue(text: string, s: ScannedRecords, f: number): string {
  const v = text.substring(s.starts[f], s.ends[f]);
  return s.escaped[f] === 1 ? v.replaceAll('""', '"') : v;
}
