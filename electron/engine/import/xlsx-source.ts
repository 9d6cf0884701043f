import type { ParseOptions } from '../../../shared/contract/ns/datasets';
import { AppError } from '../../../shared/contract/result';
import type { TabularSample } from './tabular';

export async function sampleWorkbook(file: string, _options: ParseOptions, _max: number, _warnings: string[]): Promise<TabularSample> {
  throw new AppError('BAD_INPUT', `${file}: Excel workbooks are not read yet`, { file });
}

// eslint-disable-next-line require-yield
export async function* workbookRows(file: string, _sheet: string | null, _skip: number, _date1904: boolean): AsyncGenerator<string[][]> {
  throw new AppError('BAD_INPUT', `${file}: Excel workbooks are not read yet`, { file });
}
