import type ExcelJS from 'exceljs';
import { lazyRequire } from '../lazy-require';
import { neutraliseCell, type ExportValue } from './neutralise';

/**
 * Streams rows into an .xlsx file with exceljs' streaming writer (rows are committed
 * and flushed as they come, so memory stays flat). Text is always written as a plain
 * string cell, never as a formula object, and still gets OWASP's quote prefix so that
 * re-editing the cell in a spreadsheet cannot turn it into a formula either.
 */
export class XlsxWriter {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(file: string, sheetName = 'Export') {
    this.wb = new (lazyRequire<typeof ExcelJS>('exceljs')).stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    // Fixed metadata keeps the file free of the author's account name and the clock.
    this.wb.creator = 'SegmentDesk';
    this.wb.created = new Date(0);
    this.wb.modified = new Date(0);
    this.sheet = this.wb.addWorksheet(sheetName.slice(0, 31));
  }

  async header(names: string[]): Promise<void> {
    await this.row(names);
  }

  async row(values: ExportValue[]): Promise<void> {
    this.add(values);
  }

  /** Same shape as CsvWriter.add; the streaming writer flushes by itself, so never asks for flush(). */
  add(values: readonly ExportValue[], from = 0): boolean {
    const cells: (string | number | null)[] = [];
    for (let i = from; i < values.length; i++) cells.push(neutraliseCell(values[i]));
    this.sheet.addRow(cells).commit();
    return false;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.sheet.commit();
    await this.wb.commit();
  }

  destroy(): void {
    /* the streaming writer has no abort; the caller removes the partial file */
  }
}
