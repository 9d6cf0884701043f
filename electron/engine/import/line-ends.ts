/**
 * Files that mix bare-CR line ends with LF/CRLF ones are read with LF as the record separator, so their
 * bare CRs must become LFs first; a CR inside a quoted field is part of the value and stays as it is.
 * This follows papaparse's quoting (a quote opens a field only at its start, "" inside quotes is one
 * quote) across chunk boundaries. Only such files pay for it: the others are never rewritten.
 */

const QUOTE = 34;
const CR = 13;
const LF = 10;

const FIELD_START = 0;
const IN_FIELD = 1;
const IN_QUOTES = 2;
const AFTER_QUOTE = 3;

export class BareCrNormaliser {
  private state = FIELD_START;
  /** A CR that ended the previous chunk outside quotes: whether an LF follows is decided by the next chunk. */
  private heldCr = false;
  /** Bare CRs outside quotes read as line ends so far. */
  replaced = 0;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The chunk with its bare CRs outside quotes made LF (a CR at the very end waits for the next chunk unless `final`). */
  write(text: string, final = false): string {
    const input = this.heldCr ? `\r${text}` : text;
    this.heldCr = false;
    const d = this.delimiter;
    let out = '';
    let from = 0;
    let state = this.state;
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (state === IN_QUOTES) {
        if (c === QUOTE) state = AFTER_QUOTE;
        continue;
      }
      if (c === QUOTE) {
        // A quote opens a field only at its start, or doubles the quote just read inside one.
        state = state === FIELD_START || state === AFTER_QUOTE ? IN_QUOTES : IN_FIELD;
      } else if (c === d || c === LF) {
        state = FIELD_START;
      } else if (c === CR) {
        if (i === input.length - 1 && !final) {
          out += input.slice(from, i);
          from = input.length;
          this.heldCr = true;
          break;
        }
        state = FIELD_START;
        if (input.charCodeAt(i + 1) !== LF) {
          out += `${input.slice(from, i)}\n`;
          from = i + 1;
          this.replaced++;
        }
      } else {
        state = IN_FIELD;
      }
    }
    this.state = state;
    return from === 0 ? input : out + input.slice(from);
  }
}
