import type { AfterImport } from '../import/hooks';
import { invalidateMirror } from '../mirror';
import { refreshSegments } from './snapshot';

/**
 * A new dataset version: drop its mirrors and snapshot every saved segment on it, so history
 * has one entry per version. Failures per segment are reported, never undo the import.
 */
export const refreshAfterImport: AfterImport = (ws, { dataset }) => {
  invalidateMirror(ws, dataset);
  const { failed } = refreshSegments(ws, dataset);
  for (const f of failed) process.stderr.write(`segment "${f.name}" could not be re-evaluated on ${dataset}: ${f.message}\n`);
};
