import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider } from '../../../renderer/store';
import { BuilderPanel } from '../../../renderer/features/segments/BuilderPanel';
import { memoryClient } from '../helpers/memory-client';
import { describeRule, fieldsUsed, type RuleNode } from '../../../shared/rules';
import type { FieldSummary } from '../../../shared/contract/ns/segments';

const NBSP = /[\u00a0\u202f]/g;
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
};
const field = (name: string, type: FieldSummary['type'], extra: Partial<FieldSummary> = {}): FieldSummary => ({
  name, type, role: 'behavioural', sensitive: false, missing: 0, min: null, max: null, histogram: [], categories: [], distinct: 10, ...extra,
});
const fields = [field('total_spend', 'number', { min: 0, max: 50000 }), field('city', 'category', { categories: [{ value: 'Kraków', count: 3 }] })];

function mount(total: number) {
  const mc = memoryClient({
    'segments.list': () => [],
    'rfm.grid': () => ({ grid: [], check: { gaps: [], overlaps: [], problems: [] } }),
    'segments.fields': () => ({ dataset: 'customers', rows: total, fields }),
    'segments.validate': () => ({ ok: true, issues: [], description: '' }),
    // The engine describes in the process's message language, which the window's locale sets (as in the app).
    'segments.count': ({ rule }: { rule: RuleNode }) => {
      const count = total - fieldsUsed(rule).length;
      return { count, total, share: count / total, ms: 1, description: describeRule(rule) };
    },
    'i18n.setLocale': () => ({}),
  });
  const store = createAppStore(mc.client);
  return store;
}

describe('segment builder in Polish', () => {
  afterEach(() => cleanup());

  it('counts with Polish plural forms and describes the rule in Polish with Polish numbers', async () => {
    const seen: string[] = [];
    for (const total of [1, 2, 5, 22]) {
      const store = mount(total);
      store.getState().setLocale('pl');
      store.setState({ activeDataset: 'customers' });
      await act(() => store.getState().loadSegmentsView());
      render(
        <StoreProvider store={store}>
          <BuilderPanel />
        </StoreProvider>,
      );
      await until(() => /klient/.test(screen.getByTestId('live-count').textContent ?? ''));
      seen.push((screen.getByTestId('live-count').textContent ?? '').replace(NBSP, ' ').replace(/\(.*$/, '').trim());
      if (total === 22) {
        act(() =>
          store.getState().setDraft({ any: [{ field: 'total_spend', op: 'gt', value: 12345.5 }, { field: 'city', op: 'in', value: ['Kraków', 'Łódź'] }] }),
        );
        await until(() => /więcej niż/.test(screen.getByTestId('rule-description').textContent ?? ''));
        expect((screen.getByTestId('rule-description').textContent ?? '').replace(NBSP, ' ')).toBe('total spend to więcej niż 12 345,5 lub city to Kraków lub Łódź');
        expect(screen.getByTestId('seg-save').textContent).toBe('Zapisz segment');
      }
      store.getState().setLocale('en');
      cleanup();
    }
    expect(seen).toEqual(['1 z 1 klienta', '2 z 2 klientów', '5 z 5 klientów', '22 z 22 klientów']);
  });
});
