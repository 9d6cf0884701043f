import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { EraseForm } from '../../../renderer/features/responsible/EraseForm';
import type { DatasetInfo } from '../../../shared/types/columns';
import type { ErasurePreview } from '../../../shared/contract/ns/erasure';
import { memoryClient } from '../helpers/memory-client';

afterEach(cleanup);

const customers: DatasetInfo = {
  name: 'customers', kind: 'customers', version: 1, versions: 1, rows: 10, cellErrors: 0, idColumn: 'customer_id', linkedTo: null, importedAt: '2026-01-01', sourceFile: '/c.csv', columns: [],
};

function setup(preview: ErasurePreview) {
  const mc = memoryClient({
    'erasure.preview': () => preview,
    'erasure.erase': () => ({ erased: preview.found, notFound: preview.notFound, places: preview.places, earlierFiles: preview.earlierFiles, scrubbed: true }),
    'segments.list': () => [],
    'clusters.list': () => [],
    'fairness.consent': () => ({ dataset: 'customers', columns: [], consenting: 0, notConsenting: 0, unknown: 0, total: 0 }),
    'audit.list': () => ({ total: 0, entries: [] }),
  });
  const store = createAppStore(mc.client);
  store.setState({ workspace: { workspace: '/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '', asOf: null, datasets: [customers] }, activeDataset: 'customers' });
  render(
    <StoreProvider store={store}>
      <EraseForm />
    </StoreProvider>,
  );
  fireEvent.change(screen.getByTestId('erase-ids'), { target: { value: 'C0007' } });
  fireEvent.click(screen.getByTestId('erase-start'));
  return mc;
}

describe('erase form', () => {
  it('shows where the customer is and the earlier files before confirming', async () => {
    const mc = setup({
      found: 1,
      notFound: 0,
      places: [
        { dataset: 'customers', place: 'dataset "customers" version 1', rows: 1 },
        { dataset: 'notes', place: 'dataset "notes" version 2', rows: 2 },
      ],
      earlierFiles: [{ path: '/exports/silver.csv', kind: 'export', at: '2026-03-01T10:00:00.000Z' }],
    });
    const places = await screen.findByTestId('erase-preview-places');
    expect(places.textContent).toMatch(/dataset "notes" version 2: 2 rows/);
    expect(screen.getByTestId('erase-preview-files').textContent).toMatch(/export \/exports\/silver\.csv/);
    expect(mc.calls.filter((c) => c.name === 'erasure.erase')).toEqual([]);
    fireEvent.change(screen.getByTestId('erase-confirm-text'), { target: { value: 'ERASE' } });
    fireEvent.click(screen.getByTestId('erase-confirm-run'));
    await waitFor(() => expect(screen.getByTestId('erase-result-files').textContent).toMatch(/silver\.csv/));
    expect(mc.calls.filter((c) => c.name === 'erasure.erase')).toHaveLength(1);
  });

  it('says so when the ID is nowhere, and offers no erasure', async () => {
    const mc = setup({ found: 0, notFound: 1, places: [], earlierFiles: [] });
    expect((await screen.findByTestId('erase-not-found')).textContent).toMatch(/anywhere in the workspace: nothing would be erased/);
    expect(screen.queryByTestId('erase-confirm-run')).toBeNull();
    expect(mc.calls.filter((c) => c.name === 'erasure.erase')).toEqual([]);
  });
});
