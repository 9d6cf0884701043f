import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportParams } from '../../../shared/contract/ns/datasets';
import { engineWithWorkspace } from '../../helpers/engine';
import { tmpDir } from '../../helpers/tmp';
import { importFile } from './helpers';

/**
 * The parsing thread runs under a heap limit (batch-source.ts: parserHeapMb). A file that would need more
 * (here: one 40 MB cell under a 32 MB limit) stops the import with a clear error naming the file, and the
 * workspace keeps what it had; a normal file imports under the same limit.
 */
const saved = { threads: process.env.SEGMENTDESK_IMPORT_THREADS, heap: process.env.SEGMENTDESK_PARSER_HEAP_MB };
afterEach(() => {
  for (const [k, v] of [['SEGMENTDESK_IMPORT_THREADS', saved.threads], ['SEGMENTDESK_PARSER_HEAP_MB', saved.heap]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const options = { encoding: 'auto', delimiter: 'auto', decimal: 'auto', dateOrder: 'auto', header: 'auto' } as const;

describe('import parser heap limit', () => {
  it('stops with an error naming the file when a record needs more memory than the reader may use, keeping the workspace as it was', async () => {
    process.env.SEGMENTDESK_IMPORT_THREADS = '2';
    process.env.SEGMENTDESK_PARSER_HEAP_MB = '32';
    const dir = tmpDir();
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, 'id,name\n1,Ann\n2,Bo\n');
    const huge = path.join(dir, 'huge.csv');
    const fd = fs.openSync(huge, 'w');
    fs.writeSync(fd, 'id,doc\n1,"');
    const chunk = 'x'.repeat(1 << 20);
    for (let i = 0; i < 40; i++) fs.writeSync(fd, chunk);
    fs.writeSync(fd, '"\n2,b\n');
    fs.closeSync(fd);

    const { engine, api } = await engineWithWorkspace();
    const first = await importFile(engine, api, { path: small, name: 'customers', options } as ImportParams);
    expect(first.status.state).toBe('done');
    const failed = await importFile(engine, api, { path: huge, name: 'customers', options } as ImportParams);
    expect(failed.status.state).toBe('failed');
    expect(failed.status.error?.code).toBe('IO');
    expect(failed.status.error?.message).toContain('huge.csv');
    expect(failed.status.error?.message).toMatch(/more than the 32 MB of memory.*nothing was stored/);
    // The dataset is still its first version, whole.
    const info = await api.workspace.info({});
    const ds = info.datasets.find((d) => d.name === 'customers');
    expect(ds?.rows).toBe(2);
    expect(ds?.version).toBe(1);
    await api.workspace.close({});
  }, 60_000);
});
