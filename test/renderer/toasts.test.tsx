import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { connectEvents, createAppStore, StoreProvider, type AppStore } from '../../renderer/store';
import { MAX_TOASTS } from '../../renderer/store/toasts';
import { FADE_MS, SHOWN_TOASTS, Toasts } from '../../renderer/app/Toasts';
import { ResponsePanel } from '../../renderer/features/outcomes/ResponsePanel';
import { defaultGroupBy, groupByChoices } from '../../renderer/lib/group-by';
import { FakeFailure, memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';

function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient(ws.handlers);
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  return { store, mc };
}

const TOO_MANY = 'customer_id has more than 100 distinct values: too many groups to compare (use a category column or a binned one)';

const result = {
  dataset: 'customers',
  outcome: 'responded',
  positive: 'yes',
  base: { n: 10, positives: 3, rate: 0.3 }, unit: 'customers',
  groups: [],
  excluded: 0,
  note: null,
  warnings: [],
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('toasts store', () => {
  it('keeps the error code out of the message, for support only', async () => {
    const { store } = setup();
    await store.getState().openWorkspace('/nope.sdw');
    const [t] = store.getState().toasts;
    expect(t).toMatchObject({ kind: 'error', code: 'NOT_FOUND' });
    expect(t.message).not.toMatch(/NOT_FOUND/);
    expect(t.detail).toBeUndefined();
  });

  it('shows an identical message once, as the newest', () => {
    const { store } = setup();
    store.getState().notify('error', 'A');
    store.getState().notify('info', 'B');
    store.getState().notify('error', 'A');
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['B', 'A']);
  });

  it('keeps at most MAX_TOASTS, dropping the oldest', () => {
    const { store } = setup();
    for (let i = 0; i < MAX_TOASTS + 4; i++) store.getState().notify('error', `E${i}`);
    const messages = store.getState().toasts.map((t) => t.message);
    expect(messages).toHaveLength(MAX_TOASTS);
    expect(messages.at(-1)).toBe(`E${MAX_TOASTS + 3}`);
    expect(messages[0]).toBe('E4');
  });

  it('a later result of the same action supersedes its earlier toast; other actions keep theirs', () => {
    const { store } = setup();
    store.getState().notifyError(new Error('first failure'), 'a');
    store.getState().notifyError(new Error('unrelated'), 'b');
    store.getState().notifyError(new Error('second failure'), 'a');
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['unrelated', 'second failure']);
    store.getState().clearToasts('a');
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['unrelated']);
  });

  it('a successful Compare clears the error of a failed one', async () => {
    const { store, mc } = setup();
    let fail = true;
    mc.handle({
      'outcomes.response': () => {
        if (fail) throw new FakeFailure('BAD_INPUT', TOO_MANY);
        return result;
      },
    });
    store.setState({ outcomeDataset: 'customers' });
    store.getState().notify('error', 'Something else failed');
    await store.getState().runResponse('responded', 'yes', { by: 'customer_id' });
    expect(store.getState().toasts.at(-1)).toMatchObject({ kind: 'error', message: TOO_MANY, code: 'BAD_INPUT', source: 'outcomes.response' });
    // Pressing Compare again with the same grouping shows the error once.
    await store.getState().runResponse('responded', 'yes', { by: 'customer_id' });
    expect(store.getState().toasts.filter((t) => t.message === TOO_MANY)).toHaveLength(1);
    fail = false;
    await store.getState().runResponse('responded', 'yes', { by: 'region' });
    expect(store.getState().responseResult).toMatchObject({ outcome: 'responded' });
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Something else failed']);
  });

  it('opening, creating or closing a workspace clears the previous context’s toasts', async () => {
    const { store, mc } = setup();
    await store.getState().openWorkspace('/nope.sdw');
    expect(await store.getState().createWorkspace('   ')).toBe(false);
    expect(store.getState().toasts.map((t) => t.code)).toEqual(['NOT_FOUND', 'BAD_REQUEST']);
    expect(await store.getState().createWorkspace('/tmp/a.sdw')).toBe(true);
    expect(store.getState().toasts).toEqual([]);

    store.getState().notify('error', 'about workspace a');
    await store.getState().closeWorkspace();
    expect(store.getState().toasts).toEqual([]);

    await store.getState().openWorkspace('/tmp/a.sdw');
    store.getState().notify('error', 'about workspace a again');
    mc.emit({ type: 'workspace', change: 'closed', path: null });
    expect(store.getState().toasts).toEqual([]);

    // A failed switch keeps the current context's messages and adds its own.
    await store.getState().openWorkspace('/tmp/a.sdw');
    store.getState().notify('error', 'still about a');
    expect(await store.getState().openWorkspace('/nope.sdw')).toBe(false);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['still about a', '/nope.sdw: no such workspace file']);
  });

  it('a job that finishes supersedes the failure of its previous run', () => {
    const { store, mc } = setup();
    const job = { jobId: 'j1', kind: 'demo', label: 'Import x.csv', phase: 'x', done: 0, total: 0, startedAt: 1 };
    mc.emit({ type: 'job', job: { ...job, state: 'failed', error: { code: 'BAD_INPUT', message: 'bad row' } } });
    expect(store.getState().toasts).toMatchObject([{ kind: 'error', code: 'BAD_INPUT' }]);
    expect(store.getState().toasts[0].message).not.toMatch(/BAD_INPUT/);
    mc.emit({ type: 'job', job: { ...job, jobId: 'j2', state: 'done' } });
    expect(store.getState().toasts).toMatchObject([{ kind: 'success', message: 'Import x.csv finished.' }]);
  });
});

describe('Toasts view', () => {
  function show(store: AppStore) {
    return render(
      <StoreProvider store={store}>
        <Toasts />
      </StoreProvider>,
    );
  }

  it('shows the newest few first, without codes in the text, and dismisses the rest on request', () => {
    const { store } = setup();
    show(store);
    act(() => {
      for (let i = 1; i <= 5; i++) store.getState().notify('error', `Problem ${i}`, { code: 'BAD_INPUT' });
    });
    const shown = screen.getAllByTestId('toast-error');
    expect(shown).toHaveLength(SHOWN_TOASTS);
    expect(shown.map((el) => el.textContent)).toEqual(['Problem 5×', 'Problem 4×', 'Problem 3×']);
    expect(screen.getByTestId('toasts').textContent).not.toMatch(/BAD_INPUT/);
    expect(shown[0].getAttribute('title')).toBe('Error code: BAD_INPUT');
    fireEvent.click(screen.getByTestId('toasts-clear'));
    expect(store.getState().toasts).toEqual([]);
    expect(screen.queryAllByTestId('toast-error')).toHaveLength(0);
  });

  it('errors stay; info and success fade, each on its own clock', () => {
    vi.useFakeTimers();
    const { store } = setup();
    show(store);
    act(() => {
      store.getState().notify('error', 'stays');
      store.getState().notify('success', 'fades');
    });
    act(() => vi.advanceTimersByTime(FADE_MS - 1000));
    // A newer toast does not restart the older one's clock.
    act(() => store.getState().notify('info', 'later'));
    act(() => vi.advanceTimersByTime(1500));
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['stays', 'later']);
    act(() => vi.advanceTimersByTime(FADE_MS));
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['stays']);
  });

  it('the close button is reachable by keyboard and Esc dismisses the focused toast', () => {
    const { store } = setup();
    show(store);
    act(() => {
      store.getState().notify('error', 'one');
      store.getState().notify('error', 'two');
    });
    const close = screen.getAllByRole('button', { name: 'Dismiss notification' });
    expect(close).toHaveLength(2);
    close[0].focus();
    fireEvent.keyDown(close[0], { key: 'Escape' });
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['one']);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(store.getState().toasts).toEqual([]);
  });
});

describe('Outcomes: the default Group by column', () => {
  const columns = [
    { name: 'customer_id', type: 'text' as const, role: 'id' as const, pii: false },
    { name: 'email', type: 'text' as const, role: 'contact' as const, pii: true },
    { name: 'city', type: 'text' as const, role: 'geographic' as const, pii: false },
    { name: 'age', type: 'integer' as const, role: 'demographic' as const, pii: false },
    { name: 'responded', type: 'category' as const, role: 'behavioural' as const, pii: false },
    { name: 'region', type: 'category' as const, role: 'geographic' as const, pii: false },
    { name: 'consent', type: 'boolean' as const, role: 'consent' as const, pii: false },
  ];

  it('offers category and yes/no columns first and never offers the ID or a contact column', () => {
    const choices = groupByChoices(columns);
    // The ID and the e-mail are not offered at all: about one group per customer.
    expect(choices.columns).toEqual(['responded', 'region', 'consent', 'city']);
    expect(choices.suggested).toEqual(['responded', 'region', 'consent']);
    expect(defaultGroupBy(choices, 'responded')).toBe('region');
    expect(defaultGroupBy(groupByChoices(columns.slice(0, 4)), 'responded')).toBe('');
  });

  it('the panel starts on a category column, not customer_id, and Compare groups by it', async () => {
    const { store, mc } = setup();
    mc.handle({ 'outcomes.response': () => result });
    store.setState({
      outcomeDataset: 'customers',
      outcomeColumns: [{ name: 'responded', values: ['no', 'yes'], suggestedPositive: 'yes' }],
      groupingChoices: { ...groupByChoices(columns), numeric: [], segments: [], runs: [], rfm: [], fields: [] },
    });
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    expect((screen.getByTestId('response-by') as HTMLSelectElement).value).toBe('region');
    await act(async () => {
      fireEvent.click(screen.getByTestId('response-run-button'));
    });
    expect(mc.calls.find((c) => c.name === 'outcomes.response')?.args).toMatchObject({ grouping: { by: 'region' } });
  });

  it('with only an ID to group by, nothing is preselected and Compare waits for a choice', () => {
    const { store } = setup();
    store.setState({
      outcomeDataset: 'customers',
      outcomeColumns: [{ name: 'responded', values: ['no', 'yes'], suggestedPositive: 'yes' }],
      groupingChoices: { ...groupByChoices(columns.slice(0, 1)), numeric: [], segments: [], runs: [], rfm: [], fields: [] },
    });
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    expect((screen.getByTestId('response-by') as HTMLSelectElement).value).toBe('');
    expect((screen.getByTestId('response-run-button') as HTMLButtonElement).disabled).toBe(true);
  });

  // As in the demo workspace: gender (a sensitive category) comes before the other categories.
  const demo = [
    { name: 'customer_id', type: 'text' as const, role: 'id' as const, pii: false, sensitive: false },
    { name: 'gender', type: 'category' as const, role: 'demographic' as const, pii: false, sensitive: true },
    { name: 'country', type: 'category' as const, role: 'geographic' as const, pii: false, sensitive: false },
    { name: 'marketing_consent', type: 'boolean' as const, role: 'consent' as const, pii: false, sensitive: false },
    { name: 'city', type: 'text' as const, role: 'geographic' as const, pii: false, sensitive: false },
  ];

  it('never suggests a sensitive column: it is offered after the other columns, and alone it is not preselected', () => {
    const choices = groupByChoices(demo);
    expect(choices.columns).toEqual(['country', 'marketing_consent', 'city', 'gender']);
    expect(choices.suggested).toEqual(['country', 'marketing_consent']);
    expect(defaultGroupBy(choices, 'marketing_consent')).toBe('country');
    const onlySensitive = groupByChoices(demo.slice(0, 2));
    expect(onlySensitive.columns).toEqual(['gender']);
    expect(onlySensitive.suggested).toEqual([]);
    expect(defaultGroupBy(onlySensitive, 'responded')).toBe('');
  });

  it('the panel starts on a non-sensitive column; with only a sensitive one it waits for the user to choose it', () => {
    const { store } = setup();
    const state = (cols: typeof demo) => ({
      outcomeDataset: 'customers',
      outcomeColumns: [{ name: 'responded', values: ['no', 'yes'], suggestedPositive: 'yes' }],
      groupingChoices: { ...groupByChoices(cols), numeric: [], segments: [], runs: [], rfm: [], fields: [] },
    });
    store.setState(state(demo));
    const view = render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    expect((screen.getByTestId('response-by') as HTMLSelectElement).value).toBe('country');
    view.unmount();
    store.setState(state(demo.slice(0, 2)));
    render(
      <StoreProvider store={store}>
        <ResponsePanel dataset="customers" />
      </StoreProvider>,
    );
    const by = screen.getByTestId('response-by') as HTMLSelectElement;
    expect(by.value).toBe('');
    expect([...by.options].map((o) => o.value)).toContain('gender');
    expect((screen.getByTestId('response-run-button') as HTMLButtonElement).disabled).toBe(true);
  });
});
