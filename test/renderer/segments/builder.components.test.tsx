import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createAppStore, StoreProvider, type AppStore } from '../../../renderer/store';
import { BuilderPanel } from '../../../renderer/features/segments/BuilderPanel';
import { memoryClient } from '../helpers/memory-client';
import { describeRule, fieldsUsed, validateRule, type RuleNode } from '../../../shared/rules';
import type { FieldSummary } from '../../../shared/contract/ns/segments';

afterEach(cleanup);

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
};

const field = (name: string, type: FieldSummary['type'], role: FieldSummary['role'], extra: Partial<FieldSummary> = {}): FieldSummary => ({
  name, type, role, sensitive: false, missing: 0, min: null, max: null, histogram: [], categories: [], distinct: 10, ...extra,
});
// The ID column comes first, as in the demo workspace: new conditions used to start as "customer_id is C00006".
const fields: FieldSummary[] = [
  field('customer_id', 'text', 'id', { categories: [{ value: 'C00006', count: 1 }], distinct: 400 }),
  field('total_spend', 'number', 'behavioural', { min: 0, max: 1000, histogram: [5, 5] }),
  field('lifestyle', 'category', 'psychographic', { categories: [{ value: 'premium', count: 40 }, { value: 'eco-conscious', count: 60 }] }),
  field('last_order', 'date', 'behavioural', { min: '2024-01-01', max: '2024-06-30' }),
];

function setup() {
  const mc = memoryClient({
    'segments.list': () => [],
    'rfm.grid': () => ({ grid: [], check: { gaps: [], overlaps: [], problems: [] } }),
    'segments.fields': () => ({ dataset: 'customers', rows: 400, fields }),
    'segments.validate': ({ rule }: { rule: RuleNode }) => {
      const r = validateRule(rule, fields);
      return { ok: r.ok, issues: r.ok ? [] : r.issues, description: r.ok ? describeRule(r.rule) : '' };
    },
    // 400 customers; each condition used narrows it (enough to tell what was counted).
    'segments.count': ({ rule }: { rule: RuleNode }) => {
      const count = 400 - 100 * fieldsUsed(rule).length;
      return { count, total: 400, share: count / 400, ms: 1, description: describeRule(rule) };
    },
    'segments.save': () => {
      throw new Error('must not be called with an incomplete rule');
    },
  });
  const store = createAppStore(mc.client);
  const counted = () => mc.calls.filter((c) => c.name === 'segments.count').map((c) => (c.args as { rule: RuleNode }).rule);
  return { store, mc, counted };
}

/** The builder on the customers dataset, rendered once its view is loaded and `prepare` (a draft name, …) has run. */
async function openBuilder(store: AppStore, prepare?: () => void): Promise<void> {
  store.setState({ activeDataset: 'customers' });
  await act(() => store.getState().loadSegmentsView());
  prepare?.();
  render(
    <StoreProvider store={store}>
      <BuilderPanel />
    </StoreProvider>,
  );
}

describe('segment builder: new conditions start incomplete', () => {
  it('a new condition or group has no field, is flagged, is not counted, and blocks saving until completed', async () => {
    const { store, counted } = setup();
    await openBuilder(store);
    await until(() => screen.getByTestId('live-count-value').textContent === '400');

    // + Group: an ANY group holding one condition with no field chosen.
    await act(async () => {
      fireEvent.click(screen.getByTestId('groot-add-group'));
    });
    expect(store.getState().draft).toEqual({ all: [{ any: [{ field: '', op: 'eq' }] }] });
    const picker = screen.getByTestId('g0-0-field') as HTMLSelectElement;
    expect(picker.value).toBe('');
    expect(picker.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('g0-0-incomplete').textContent).toMatch(/Choose a field/);
    expect(screen.getByTestId('rule-incomplete').textContent).toMatch(/One condition or group is incomplete/);
    // The live count is not dropped: the unfinished group restricts nothing.
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(counted().at(-1)).toEqual({ all: [] });
    expect(screen.getByTestId('live-count-value').textContent).toBe('400');
    expect(screen.queryByTestId('rule-issues')).toBeNull();

    // Saving is refused, and says why.
    fireEvent.change(screen.getByTestId('seg-name'), { target: { value: 'Premium' } });
    expect((screen.getByTestId('seg-save') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('seg-save-blocked').textContent).toMatch(/incomplete: choose its field and value, or remove it, before saving/);
    let saved = true;
    await act(async () => {
      saved = await store.getState().saveDraft('Premium', null);
    });
    expect(saved).toBe(false);
    expect(store.getState().toasts.at(-1)?.message).toMatch(/incomplete/);

    // Choosing a field completes it (with a value from the data): now it is counted and can be saved.
    await act(async () => {
      fireEvent.change(picker, { target: { value: 'lifestyle' } });
    });
    expect(screen.queryByTestId('g0-0-incomplete')).toBeNull();
    expect(screen.queryByTestId('rule-incomplete')).toBeNull();
    await until(() => screen.getByTestId('live-count-value').textContent === '300');
    expect(counted().at(-1)).toEqual({ all: [{ any: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] }] });
    expect((screen.getByTestId('seg-save') as HTMLButtonElement).disabled).toBe(false);

    // Clearing the value makes it incomplete again ("needs a value").
    await act(async () => {
      fireEvent.change(screen.getByTestId('g0-0-text'), { target: { value: '' } });
    });
    expect(screen.getByTestId('g0-0-incomplete').textContent).toMatch(/Needs a value/);
    await until(() => screen.getByTestId('live-count-value').textContent === '400');
  });

  it('+ Condition in the root adds an unchosen condition, never the ID column with its first value', async () => {
    const { store } = setup();
    await openBuilder(store);
    await act(async () => {
      fireEvent.click(screen.getByTestId('groot-add-condition'));
    });
    expect(store.getState().draft).toEqual({ all: [{ field: '', op: 'eq' }] });
    expect(screen.queryByDisplayValue('C00006')).toBeNull();
    // No operator or value editor until a field is chosen.
    expect(screen.queryByTestId('groot-0-op')).toBeNull();
  });
});

describe('segment builder: number boxes', () => {
  async function withCondition() {
    const env = setup();
    await openBuilder(env.store);
    await act(async () => {
      fireEvent.click(screen.getByTestId('groot-add-condition'));
    });
    return env;
  }
  const type = async (testId: string, value: string) => {
    await act(async () => {
      fireEvent.change(screen.getByTestId(testId), { target: { value } });
    });
  };
  const cond = (store: ReturnType<typeof setup>['store']) => (store.getState().draft as { all: RuleNode[] }).all[0];

  it('a number field starts as "at least" with an empty value (not "is <midpoint>"): flagged, not counted', async () => {
    const { store, counted } = await withCondition();
    await type('groot-0-field', 'total_spend');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte' });
    expect((screen.getByTestId('groot-0-op') as HTMLSelectElement).value).toBe('gte');
    expect((screen.getByTestId('groot-0-value') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('groot-0-incomplete').textContent).toMatch(/Needs a value/);
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(counted().at(-1)).toEqual({ all: [] });
    expect(screen.getByTestId('live-count-value').textContent).toBe('400');

    await type('groot-0-value', '300');
    await until(() => screen.getByTestId('live-count-value').textContent === '300');
    expect(counted().at(-1)).toEqual({ all: [{ field: 'total_spend', op: 'gte', value: 300 }] });
    // Another comparison keeps the threshold.
    await type('groot-0-op', 'gt');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gt', value: 300 });
    expect((screen.getByTestId('groot-0-value') as HTMLInputElement).value).toBe('300');
  });

  it('an emptied box stays empty (no "0", no "050000") and the condition is incomplete; partial numbers are kept while typing', async () => {
    const { store, counted } = await withCondition();
    await type('groot-0-field', 'total_spend');
    await type('groot-0-value', '300');
    await until(() => screen.getByTestId('live-count-value').textContent === '300');
    const box = () => screen.getByTestId('groot-0-value') as HTMLInputElement;

    await type('groot-0-value', '');
    expect(box().value).toBe('');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte' });
    expect(screen.getByTestId('groot-0-incomplete').textContent).toMatch(/Needs a value/);
    await until(() => screen.getByTestId('live-count-value').textContent === '400');
    expect(counted().at(-1)).toEqual({ all: [] });
    expect((screen.getByTestId('seg-save') as HTMLButtonElement).disabled).toBe(true);

    await type('groot-0-value', '50000');
    expect(box().value).toBe('50000');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte', value: 50000 });

    await type('groot-0-value', '-');
    expect(box().value).toBe('-');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte' });
    await type('groot-0-value', '-5');
    expect(box().value).toBe('-5');
    expect(box().getAttribute('aria-invalid')).toBeNull();
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte', value: -5 });

    await type('groot-0-value', '1.');
    expect(box().value).toBe('1.');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte', value: 1 });
    await type('groot-0-value', '1.5');
    expect(box().value).toBe('1.5');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'gte', value: 1.5 });

    // Undo follows the draft back into the box.
    await act(async () => {
      fireEvent.click(screen.getByTestId('seg-undo'));
    });
    expect(box().value).toBe('1');
  });

  it('a range end or a relative-date amount emptied stays empty and makes the condition incomplete', async () => {
    const { store } = await withCondition();
    await type('groot-0-field', 'total_spend');
    await type('groot-0-op', 'between');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'between', value: [0, 1000] });
    await type('groot-0-lo', '');
    expect((screen.getByTestId('groot-0-lo') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('groot-0-hi') as HTMLInputElement).value).toBe('1000');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'between', value: ['', 1000] });
    expect(screen.getByTestId('groot-0-incomplete').textContent).toMatch(/Needs a value/);
    await type('groot-0-lo', '250');
    expect(cond(store)).toEqual({ field: 'total_spend', op: 'between', value: [250, 1000] });
    expect(screen.queryByTestId('groot-0-incomplete')).toBeNull();

    await type('groot-0-field', 'last_order');
    await type('groot-0-op', 'within_last');
    expect(cond(store)).toEqual({ field: 'last_order', op: 'within_last', value: { amount: 90, unit: 'days' } });
    await type('groot-0-amount', '');
    expect((screen.getByTestId('groot-0-amount') as HTMLInputElement).value).toBe('');
    expect(cond(store)).toEqual({ field: 'last_order', op: 'within_last', value: { amount: '', unit: 'days' } });
    expect(screen.getByTestId('groot-0-incomplete').textContent).toMatch(/Needs a value/);
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Unit'), { target: { value: 'weeks' } });
    });
    expect((screen.getByTestId('groot-0-amount') as HTMLInputElement).value).toBe('');
    await type('groot-0-amount', '6');
    expect(cond(store)).toEqual({ field: 'last_order', op: 'within_last', value: { amount: 6, unit: 'weeks' } });
    expect(screen.queryByTestId('groot-0-incomplete')).toBeNull();
  });
});

describe('segment builder: other segments in the field picker', () => {
  const info = (name: string, dataset: string, size: number) => ({
    name, dataset, rule: { field: 'lifestyle', op: 'eq', value: 'premium' }, description: '', justification: null, sensitiveFields: [],
    size, total: 400, share: size / 400, datasetVersion: 1, sizes: [], createdAt: '2026-01-01', updatedAt: '2026-01-01',
  });

  it('lists the dataset’s other saved segments (not those of other datasets, not the one being edited); picking one makes a segment reference that is counted', async () => {
    const { store, mc, counted } = setup();
    mc.handle({ 'segments.list': () => [info('VIP', 'customers', 40), info('Editing', 'customers', 10), info('Elsewhere', 'orders', 5)] });
    await openBuilder(store, () => store.setState({ draftName: 'Editing' }));
    await act(async () => {
      fireEvent.click(screen.getByTestId('groot-add-condition'));
    });
    const group = screen.getByTestId('groot-0-segment-group');
    expect(group.getAttribute('label')).toBe('other segments');
    expect([...group.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['VIP (40 customers)']);
    await act(async () => {
      fireEvent.change(screen.getByTestId('groot-0-field'), { target: { value: (group.querySelector('option') as HTMLOptionElement).value } });
    });
    expect(store.getState().draft).toEqual({ all: [{ segment: 'VIP' }] });
    expect(screen.getByTestId('groot-0-segment-ref').textContent).toMatch(/is a member/);
    await until(() => counted().some((r) => JSON.stringify(r) === JSON.stringify({ all: [{ segment: 'VIP' }] })));
    // The same picker turns it back into a field condition.
    await act(async () => {
      fireEvent.change(screen.getByTestId('groot-0-field'), { target: { value: 'lifestyle' } });
    });
    expect(store.getState().draft).toEqual({ all: [{ field: 'lifestyle', op: 'eq', value: 'premium' }] });
  });
});
