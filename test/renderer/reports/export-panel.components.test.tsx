import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider } from '../../../renderer/store';
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
  connectEvents(store, mc.client);
  store.setState({
    workspace: { workspace: '/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '', asOf: null, datasets: [] },
    activeDataset: 'customers',
  });
  render(
    <StoreProvider store={store}>
      <ExportPanel />
    </StoreProvider>,
  );
  return { mc, store };
}

describe('export panel', () => {
  it('writes one row per customer by default; "Write every row" asks for all rows, in the preview and the export', async () => {
    const { mc } = setup();
    await waitFor(() => expect(screen.getByTestId('export-counts').textContent).toMatch(/^7 rows will be exported \(one per customer\); 1 customer without marketing consent left out; 2 rows repeating a customer ID not written/));
    const box = screen.getByTestId('export-all-rows') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')?.textContent).toMatch(/Write every row \(a customer with several rows appears several times\)/);
    await act(async () => {
      fireEvent.click(box);
    });
    await waitFor(() => expect(screen.getByTestId('export-counts').textContent).toMatch(/^9 rows will be exported; 1 customer without/));
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

  it('once the export job is done, shows where the file went with a Copy path button (browser host)', async () => {
    const { mc, store } = setup();
    store.setState({ hostInfo: { kind: 'web', appVersion: '1', canPickFiles: false, locale: null } });
    await waitFor(() => expect(screen.getByTestId('export-counts').textContent).toMatch(/^7 rows/));
    fireEvent.change(screen.getByTestId('export-out'), { target: { value: '/tmp/out.csv' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-run'));
    });
    expect(screen.queryByTestId('export-saved')).toBeNull();
    const result = { rows: 7, excludedNoConsent: 1, duplicateRowsSkipped: 2, columns: ['customer_id'], file: '/tmp/out.csv', bytes: 40, format: 'csv', consentColumns: ['consent'], piiColumns: [] };
    await act(async () => {
      mc.emit({ type: 'job', job: { jobId: 'job-1', kind: 'export', label: 'Export', state: 'done', phase: 'done', done: 1, total: 1, startedAt: 1, result } });
    });
    expect(screen.getByTestId('export-saved-path').textContent).toBe('/tmp/out.csv');
    expect(screen.getByTestId('export-saved-copy').textContent).toBe('Copy path');
    expect(screen.queryByTestId('export-saved-open')).toBeNull();
  });

  it('in the desktop app, Open folder asks the host to show the file in its folder', async () => {
    const { mc, store } = setup();
    mc.handle({ 'host.showInFolder': () => ({ shown: true }) });
    store.setState({ hostInfo: { kind: 'electron', appVersion: '1', canPickFiles: true, locale: null } });
    await waitFor(() => expect(screen.getByTestId('export-counts').textContent).toMatch(/^7 rows/));
    fireEvent.change(screen.getByTestId('export-out'), { target: { value: '/tmp/out.csv' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-run'));
    });
    const result = { rows: 7, excludedNoConsent: 1, duplicateRowsSkipped: 2, columns: ['customer_id'], file: '/tmp/out.csv', bytes: 40, format: 'csv', consentColumns: ['consent'], piiColumns: [] };
    await act(async () => {
      mc.emit({ type: 'job', job: { jobId: 'job-1', kind: 'export', label: 'Export', state: 'done', phase: 'done', done: 1, total: 1, startedAt: 1, result } });
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('export-saved-open'));
    });
    expect(mc.calls.find((c) => c.name === 'host.showInFolder')?.args).toEqual({ path: '/tmp/out.csv' });
  });
});
