import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider } from '../../renderer/store';
import { ResponsePanel } from '../../renderer/features/outcomes/ResponsePanel';
import { groupByChoices, viewFieldChoices } from '../../renderer/lib/group-by';
import { memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

afterEach(cleanup);

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient(ws.handlers);
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc };
}

const columns = [
  { name: 'customer_id', type: 'text' as const, role: 'id' as const, pii: false },
  { name: 'education', type: 'category' as const, role: 'demographic' as const, pii: false },
  { name: 'responded', type: 'category' as const, role: 'behavioural' as const, pii: false },
];
/** The engine answers with the detected positive value ("yes"), which the panel did not send. */
const result = { dataset: 'customers', outcome: 'responded', positive: 'yes', base: { n: 10, positives: 3, rate: 0.3 }, unit: 'customers', groups: [], excluded: 0, note: null, warnings: [] };

describe('Outcomes → Response: Add to report', () => {
  it('stores the comparison that is shown (with the detected positive value) and says so once', async () => {
    const { store, mc } = setup();
    let stored = 0;
    mc.handle({ 'outcomes.response': () => result, 'reports.addComparison': () => ({ count: ++stored }) });
    store.setState({
      outcomeDataset: 'customers',
      outcomeColumns: [{ name: 'responded', values: ['no', 'yes'], suggestedPositive: '' }],
      groupingChoices: { ...groupByChoices(columns), numeric: [], segments: [], runs: [], rfm: [], fields: [] },
    });
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    // No result yet: nothing to add.
    expect(screen.queryByTestId('response-add-to-report')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId('response-run-button'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('response-add-to-report'));
    });
    const call = mc.calls.find((c) => c.name === 'reports.addComparison');
    expect(call?.args).toEqual({ dataset: 'customers', outcome: 'responded', positive: 'yes', grouping: { by: 'education' } });
    const toasts = store.getState().toasts.filter((t) => t.source === 'reports.addComparison');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ kind: 'success', message: expect.stringMatching(/Added to the report.*1 comparison in the report/) });
  });
});

describe('Outcomes → Response: group by a customer-view field', () => {
  it('offers customer-view fields under their source, numbers in bands, and sends the bands asked for', async () => {
    const { store, mc } = setup();
    const convention = 'predicted_clv has many different values, so it is compared in 3 bands of about equal size';
    mc.handle({
      'outcomes.response': () => ({
        ...result,
        groups: [],
        warnings: [convention, 'another warning'],
        bands: { field: 'predicted_clv', asked: 3, edges: [10, 20], convention },
      }),
    });
    store.setState({
      outcomeDataset: 'customers',
      outcomeColumns: [{ name: 'responded', values: ['no', 'yes'], suggestedPositive: '' }],
      groupingChoices: {
        ...groupByChoices(columns),
        numeric: [],
        segments: [],
        runs: [],
        rfm: [],
        fields: viewFieldChoices(
          [
            { name: 'predicted_clv', type: 'number', role: 'behavioural', distinct: 900, source: 'clv' },
            { name: 'rfm_segment', type: 'category', role: 'behavioural', distinct: 10, source: 'rfm' },
            { name: 'last_order_date', type: 'date', role: 'behavioural', distinct: 300, source: 'orders:orders' },
            { name: 'education', type: 'category', role: 'demographic', distinct: 5, source: 'customers' },
          ],
          new Set(['education', 'responded']),
        ),
      },
    });
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    const groups = screen.getAllByTestId('response-by-group').map((g) => [g.getAttribute('label'), [...g.querySelectorAll('option')].map((o) => o.textContent)]);
    // Dates cannot be compared; a column already listed is not offered twice.
    expect(groups).toEqual([
      ['lifetime value', ['predicted_clv (in bands)']],
      ['RFM', ['rfm_segment']],
    ]);
    expect(screen.queryByTestId('response-bands')).toBeNull();
    fireEvent.change(screen.getByTestId('response-by'), { target: { value: 'predicted_clv' } });
    fireEvent.change(screen.getByTestId('response-bands'), { target: { value: '3' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('response-run-button'));
    });
    expect(mc.calls.find((c) => c.name === 'outcomes.response')?.args).toMatchObject({ grouping: { by: 'predicted_clv', bands: 3 } });
    // The convention is said once, as a note next to the numbers, not as a warning.
    expect(screen.getByTestId('response-bands-convention').textContent).toBe(convention);
    expect(screen.getAllByText(convention)).toHaveLength(1);
    expect(screen.getByText('another warning')).toBeTruthy();
  });
});
