import { it } from 'vitest';
import { fixture } from '../engine/import/helpers';
import { sharedFiles } from './data';

/**
 * One check per import fixture and per customers file of ../shared/data (those present): the sweep the
 * columnar-copy specs (profile, exports, report counts) run to compare the copy with SQL over the table.
 */
export function itOnImportFiles(fixtures: readonly string[], check: (file: string) => Promise<void>): void {
  it.each(fixtures)('on the import fixture %s', (name) => check(fixture(name)), 60_000);
  it.each(sharedFiles())('on ../shared/data/%s', (_name, file) => check(file), 120_000);
}
