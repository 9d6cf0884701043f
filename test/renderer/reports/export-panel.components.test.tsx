import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { ExportPanel } from '../../../renderer/features/reports/ExportPanel';
import { memoryClient } from '../helpers/memory-client';

afterEach(cleanup);

/** A dataset whose 10 rows hold 8 customers; 1 customer has no consent. The fake answers as the engine would. */
function setup() {
  const mc = memoryClient({
    'segments.list': () => [],
    'clusters.list': () => [],
    'rfm.list': () => [],
    'exports.columns': () => ({ columns: [{ name: 'customer_id', type: 'text', role: 'id', pii: false, sensitive: false, selected: true }], consentColumns: ['consent'] }),
    'exports.preview': ({ allRows }: { allRows: boolean }) => ({
      columns: ['customer_id'],
      rows: [['C1']],
      total: allRows ? 9 : 7,
      excludedNoConsent: 1,
      duplicateRowsSkipped: allRows ? 0 : 2,
      consentColumns: ['consent'],
    }),
    'jobs.start': () => ({ jobId: 'job-1' }),
  });
  const store = createAppStore(mc.client);
  store.setState({
    workspace: { workspace: '/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '', asOf: null, datasets: [] },
    activeDataset: 'customers',
  });
  render(
    <StoreProvider store={store}>
      <ExportPanel />
    </StoreProvider>,
  );
  return mc;
}

describe('export panel', () => {
  it('writes one row per customer by default; "Write every row" asks for all rows, in the preview and the export', async () => {
    const mc = setup();
    await waitFor(() => expect(screen.getByTestId('export-counts').textContent).toMatch(/^7 rows will be exported \(one per customer\); 1 customers without marketing consent left out; 2 rows repeating a customer ID not written/));
    const box = screen.getByTestId('export-all-rows') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')?.textContent).toMatch(/Write every row \(a customer with several rows appears several times\)/);
    await act(async () => {
      fireEvent.click(box);
    });
    await waitFor(() => expect(screen.getByTestId('export-counts').textContent).toMatch(/^9 rows will be exported; 1 customers without/));
    const previews = mc.calls.filter((c) => c.name === 'exports.preview').map((c) => (c.args as { allRows: boolean }).allRows);
    expect(previews[0]).toBe(false);
    expect(previews[previews.length - 1]).toBe(true);
    fireEvent.change(screen.getByTestId('export-out'), { target: { value: '/tmp/out.csv' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-run'));
    });
    const start = mc.calls.find((c) => c.name === 'jobs.start')!;
    expect(start.args).toMatchObject({ kind: 'export', params: { dataset: 'customers', allRows: true } });
  });
});
