import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { EraseForm } from '../../../renderer/features/responsible/EraseForm';
import { ConsentSummary } from '../../../renderer/features/responsible/ConsentAndLog';
import type { DatasetInfo } from '../../../shared/types/columns';
import { memoryClient } from '../helpers/memory-client';
import { setMessageLocale } from '../../../shared/i18n/current';

afterEach(() => {
  cleanup();
  setMessageLocale('en');
});

const customers: DatasetInfo = {
  name: 'customers', kind: 'customers', version: 1, versions: 1, rows: 10, cellErrors: 0, idColumn: 'customer_id', linkedTo: null, importedAt: '2026-01-01', sourceFile: '/c.csv', columns: [],
};

function mount(ui: React.ReactElement, consent = { dataset: 'customers', columns: ['marketing_consent'], consenting: 12345, notConsenting: 22, unknown: 0, total: 12367 }) {
  const mc = memoryClient({
    'erasure.preview': () => ({ found: 0, notFound: 1, places: [], earlierFiles: [] }),
    'segments.list': () => [],
    'clusters.list': () => [],
    'fairness.consent': () => consent,
    'audit.list': () => ({ total: 0, entries: [] }),
  });
  const store = createAppStore(mc.client);
  store.setState({ workspace: { workspace: '/w.sdw', schemaVersion: 1, sizeBytes: 1, createdAt: '', asOf: null, datasets: [customers] }, activeDataset: 'customers', consentSummary: consent });
  store.getState().setLocale('pl');
  render(<StoreProvider store={store}>{ui}</StoreProvider>);
  return store;
}

describe('responsible use in Polish', () => {
  it('names RODO and counts customers with Polish plural forms (1, 2, 5, 22)', () => {
    mount(<EraseForm />);
    expect(screen.getByTestId('erase-law').textContent).toBe('Prawo do usunięcia danych (art. 17 RODO).');
    const button = screen.getByTestId('erase-start');
    const say = (ids: string) => {
      fireEvent.change(screen.getByTestId('erase-ids'), { target: { value: ids } });
      return button.textContent;
    };
    expect(say('A1')).toBe('Usuń dane 1 klienta…');
    expect(say('A1 A2')).toBe('Usuń dane 2 klientów…');
    expect(say('A1 A2 A3 A4 A5')).toBe('Usuń dane 5 klientów…');
    expect(say(Array.from({ length: 22 }, (_, i) => `A${i}`).join(','))).toBe('Usuń dane 22 klientów…');
  });

  it('writes the consent summary with Polish number formats', () => {
    mount(<ConsentSummary />);
    const text = screen.getByTestId('consent-summary').textContent ?? '';
    // Polish groups thousands (from five digits) with a no-break space and writes the share with a decimal comma.
    expect(text).toMatch(/12\u00a0345 z 12\u00a0367 klientów \(99,8%\) zgodziło się na marketing/);
    expect(screen.getByTestId('consent-no').textContent).toBe('22');
  });
});
