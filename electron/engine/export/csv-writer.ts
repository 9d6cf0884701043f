import fs from 'node:fs';
import { once } from 'node:events';
import { neutraliseCell, type ExportValue } from './neutralise';

export interface CsvOptions {
  /** Field delimiter: one character (",", ";", "\t", "|"). */
  delimiter: string;
  /** Start the file with a UTF-8 byte-order mark so Excel reads it as UTF-8. */
  bom: boolean;
  /** Writes numbers (unquoted) in a locale's way; default: machine form (String(x), point decimals). */
  number?: (x: number) => string;
}

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

/** Every text field is quoted (OWASP: quote fields as well as prefixing formula triggers). */
export function csvField(value: ExportValue, number: (x: number) => string = String): string {
  // The common cases first, without neutraliseCell's allocation: this runs once per cell of a
  // million-row export (npm run bench -- export).
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return number(value);
  const v = neutraliseCell(value) as string;
  return v.indexOf('"') < 0 ? `"${v}"` : `"${v.replace(/"/g, '""')}"`;
}

/**
 * Streams rows to a CSV file with bounded memory: lines are batched and written
 * with back-pressure, so a million-row export never holds the file in memory.
 */
export class CsvWriter {
  private readonly out: fs.WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private failed: Error | null = null;

  constructor(
    file: string,
    private readonly opts: CsvOptions,
  ) {
    if (opts.delimiter.length !== 1 || opts.delimiter === '"' || opts.delimiter === '\n' || opts.delimiter === '\r') {
      throw new Error(`unusable CSV delimiter ${JSON.stringify(opts.delimiter)}`);
    }
    this.out = fs.createWriteStream(file, { encoding: 'utf8' });
    this.out.on('error', (e) => {
      this.failed = e;
    });
    if (opts.bom) this.buffer.push('\uFEFF');
  }

  async header(names: string[]): Promise<void> {
    // Header cells come from the user's file too, so they get the same treatment.
    await this.row(names);
  }

  async row(values: ExportValue[]): Promise<void> {
    if (this.add(values)) await this.flush();
  }

  /**
   * Buffers one row (its cells from `from` on) and says whether the buffer is full, so the caller
   * awaits flush() only then: an await per row cost a fifth of a million-row export.
   */
  add(values: readonly ExportValue[], from = 0): boolean {
    const n = this.opts.number;
    let line = from < values.length ? csvField(values[from], n) : '';
    for (let i = from + 1; i < values.length; i++) line += this.opts.delimiter + csvField(values[i], n);
    line += '\r\n';
    this.buffer.push(line);
    this.bufferedChars += line.length;
    return this.bufferedChars > 1 << 16;
  }

  /** One cell as this writer writes it (its number format, quoting and neutralising). */
  field(value: ExportValue): string {
    return csvField(value, this.opts.number);
  }

  /** Buffers whole lines made with field() and this writer's delimiter (each ending in CRLF); says whether the buffer is full. */
  addText(lines: string): boolean {
    this.buffer.push(lines);
    this.bufferedChars += lines.length;
    return this.bufferedChars > 1 << 16;
  }

  async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Appends a file of whole lines written elsewhere (a second thread's half of the export), byte for byte. */
  async appendFile(file: string): Promise<void> {
    await this.flush();
    for await (const bytes of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      if (this.failed) throw this.failed;
      if (!this.out.write(bytes as Buffer)) await once(this.out, 'drain');
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
  }

  /** Stop writing (on error or cancel); the caller removes the partial file. */
  destroy(): void {
    this.out.destroy();
  }
}
