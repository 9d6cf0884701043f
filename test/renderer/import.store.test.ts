import { describe, expect, it } from 'vitest';
import { connectEvents, createAppStore } from '../../renderer/store';
import { FakeFailure, memoryClient, workspaceHandlers, type MemoryClient } from './helpers/memory-client';
import { fakeImportResult, fakePreview } from './helpers/data-fakes';
import type { ColumnSpec, ParseOptions } from '../../shared/contract/ns/datasets';

async function setup() {
  const ws = workspaceHandlers(() => mc);
  const mc: MemoryClient = memoryClient({
    ...ws.handlers,
    'datasets.preview': ({ path, options, columns }: { path: string; options?: ParseOptions; columns?: ColumnSpec[] }) => {
      if (path.endsWith('.zip')) throw new FakeFailure('BAD_INPUT', `${path}: not a delimited text file (row 1, column 1: binary data)`);
      return fakePreview(path, { delimiter: options?.delimiter === 'auto' ? ',' : options?.delimiter, columns });
    },
  });
  const store = createAppStore(mc.client);
  connectEvents(store, mc.client);
  await store.getState().createWorkspace('/tmp/w.sdw');
  return { store, mc };
}

const previews = (mc: MemoryClient) => mc.calls.filter((c) => c.name === 'datasets.preview').map((c) => c.args as { options?: ParseOptions; columns?: ColumnSpec[] });
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 50 && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
};

describe('import wizard slice', () => {
  it('previews a dropped file with automatic detection and takes the suggestions', async () => {
    const { store, mc } = await setup();
    await store.getState().importFile(new File(['x'], 'customers.csv'));
    await until(() => store.getState().wizard?.step === 'preview');
    const w = store.getState().wizard!;
    expect(w.path).toBe('/uploads/customers.csv');
    // The window's language goes along as the tie-breaker for decimal mark and day/month order.
    expect(previews(mc)[0].options).toEqual({ encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto', localeHint: 'en' });
    expect(previews(mc)[0].columns).toBeUndefined();
    expect(w).toMatchObject({ name: 'customers', kind: 'customers', idColumn: 'customer_id' });
    expect(w.columns.map((c) => c.type)).toEqual(['text', 'text', 'integer']);
    // "n/a" in an integer column is shown as a cell that will be rejected.
    expect(w.preview!.rows[1][2]).toBeNull();
  });

  it('sends the window language as the locale hint of the preview and the import (Polish: decimal comma, day first)', async () => {
    const { store, mc } = await setup();
    store.getState().setLocale('pl');
    try {
      store.getState().openImport('/data/c.csv');
      await until(() => store.getState().wizard?.step === 'preview');
      expect(previews(mc)[0].options?.localeHint).toBe('pl');
      // The user's own choices stay as chosen: the hint only breaks ties the file leaves open.
      expect(previews(mc)[0].options?.decimal).toBe('auto');
      await store.getState().runImport();
      const start = mc.calls.find((c) => c.name === 'jobs.start')?.args as { params?: { options?: ParseOptions } } | undefined;
      expect(start?.params?.options?.localeHint).toBe('pl');
      // The same wizard in the pseudo-locale asks as English.
      store.getState().setLocale('en-XA');
      await store.getState().setParseOption('header', true);
      expect(previews(mc).at(-1)?.options?.localeHint).toBe('en');
    } finally {
      store.getState().setLocale('en');
    }
  });

  it('re-previews with the edited column types, and starts over when the parse options change', async () => {
    const { store, mc } = await setup();
    store.getState().openImport('/data/c.csv');
    await until(() => store.getState().wizard?.step === 'preview');
    await store.getState().setColumn('age', { type: 'text' });
    const second = previews(mc)[1];
    expect(second.columns?.find((c) => c.name === 'age')?.type).toBe('text');
    expect(store.getState().wizard!.preview!.rows[1][2]).toBe('n/a');
    // Flags do not need a new preview.
    await store.getState().setColumn('first_name', { pii: false });
    expect(previews(mc)).toHaveLength(2);
    expect(store.getState().wizard!.columns[1].pii).toBe(false);

    await store.getState().setParseOption('delimiter', ';');
    const third = previews(mc)[2];
    expect(third.options?.delimiter).toBe(';');
    expect(third.columns).toBeUndefined();
    expect(store.getState().wizard!.preview!.detected.delimiter).toBe(';');
  });

  it('shows a preview failure in the wizard with the engine message', async () => {
    const { store } = await setup();
    store.getState().openImport('/data/archive.zip');
    await until(() => store.getState().wizard?.error !== null);
    expect(store.getState().wizard).toMatchObject({ step: 'path', error: '/data/archive.zip: not a delimited text file (row 1, column 1: binary data)' });
  });

  it('imports as a job with the chosen settings and shows the summary when the job is done', async () => {
    const { store, mc } = await setup();
    store.getState().openImport('/data/c.csv');
    await until(() => store.getState().wizard?.step === 'preview');
    store.getState().setImportMeta({ name: 'crm' });
    await store.getState().setColumn('age', { type: 'number' });
    await store.getState().runImport();
    const start = mc.calls.find((c) => c.name === 'jobs.start')!.args as { kind: string; params: Record<string, unknown> };
    expect(start.kind).toBe('import');
    expect(start.params).toMatchObject({ path: '/data/c.csv', name: 'crm', as: 'customers', id: 'customer_id' });
    expect((start.params.columns as ColumnSpec[])[2].type).toBe('number');
    const { jobId } = store.getState().wizard!;
    expect(store.getState().wizard!.step).toBe('running');
    mc.emit({ type: 'job', job: { jobId, kind: 'import', label: 'Import c.csv', state: 'running', phase: 'rows', done: 2, total: 3, startedAt: 1 } });
    expect(store.getState().wizard!.step).toBe('running');
    mc.emit({ type: 'job', job: { jobId, kind: 'import', label: 'Import c.csv', state: 'done', phase: 'done', done: 3, total: 3, startedAt: 1, result: fakeImportResult } });
    expect(store.getState().wizard).toMatchObject({ step: 'summary', result: { rows: 3, cellErrors: 1 } });
    expect(store.getState().activeDataset).toBe('customers');
  });

  it('imports orders linked to a customer dataset with the chosen order columns', async () => {
    const { store, mc } = await setup();
    store.getState().openImport('/data/orders.csv');
    await until(() => store.getState().wizard?.step === 'preview');
    store.getState().setImportMeta({ kind: 'transactions', link: 'customers', idColumn: 'customer_id', transactionColumns: { amount: 'age', order: null } });
    await store.getState().runImport();
    const start = mc.calls.find((c) => c.name === 'jobs.start')!.args as { params: Record<string, unknown> };
    expect(start.params).toMatchObject({ as: 'transactions', link: 'customers', id: 'customer_id', transactionColumns: { amount: 'age', order: null } });
  });

  it('an import refused for malformed quotes offers to import anyway, and sends acceptMalformed only when ticked', async () => {
    const { store, mc } = await setup();
    store.getState().openImport('/data/c.csv');
    await until(() => store.getState().wizard?.step === 'preview');
    await store.getState().runImport();
    const { jobId } = store.getState().wizard!;
    const message = '/data/c.csv: line 6, column 11: a quote opened here is never closed (seen: "x); Nothing was imported';
    const error = { code: 'BAD_INPUT' as const, message, details: { line: 6, column: 11, acceptable: 'acceptMalformed' } };
    mc.emit({ type: 'job', job: { jobId: jobId!, kind: 'import', label: 'Import c.csv', state: 'failed', phase: 'failed', done: 0, total: 0, startedAt: 1, error } });
    expect(store.getState().wizard).toMatchObject({ step: 'preview', error: message, malformed: true, acceptMalformed: false });
    await store.getState().runImport();
    const starts = () => mc.calls.filter((c) => c.name === 'jobs.start').map((c) => (c.args as { params: Record<string, unknown> }).params);
    expect(starts()[1].acceptMalformed).toBeUndefined();
    const second = store.getState().wizard!.jobId!;
    mc.emit({ type: 'job', job: { jobId: second, kind: 'import', label: 'Import c.csv', state: 'failed', phase: 'failed', done: 0, total: 0, startedAt: 1, error } });
    store.getState().setImportMeta({ acceptMalformed: true });
    await store.getState().runImport();
    expect(starts()[2].acceptMalformed).toBe(true);
  });

  it('returns to the preview with a message when the import is cancelled', async () => {
    const { store, mc } = await setup();
    store.getState().openImport('/data/c.csv');
    await until(() => store.getState().wizard?.step === 'preview');
    await store.getState().runImport();
    const { jobId } = store.getState().wizard!;
    await store.getState().cancelJob(jobId!);
    await until(() => store.getState().wizard?.step !== 'running');
    expect(store.getState().wizard).toMatchObject({ step: 'preview', jobId: null, error: 'Import cancelled; the workspace is unchanged.' });
    expect(mc.calls.some((c) => c.name === 'jobs.cancel')).toBe(true);
  });
});
