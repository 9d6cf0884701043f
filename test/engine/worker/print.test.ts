import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../electron/engine/worker/client';
import type { Api } from '../../../shared/contract/api';
import { createApi } from '../../../shared/contract/client';
import { tmpDir } from '../../helpers/tmp';

const WORKER = path.resolve(__dirname, '../../../dist/engine-worker.cjs');

/** A workspace with a small customers dataset imported through the worker (a report needs a dataset). */
async function workspaceWithCustomers(api: Api): Promise<string> {
  const dir = tmpDir();
  await api.workspace.create({ path: path.join(dir, 'p.sdw') });
  const csv = path.join(tmpDir(), 'customers.csv');
  const rows = Array.from({ length: 60 }, (_, i) => `C${i},${20 + (i % 40)},${(i * 37) % 500}.5,${i % 3 === 0 ? 'north' : 'south'}`);
  fs.writeFileSync(csv, `id,age,total_spend,region\n${rows.join('\n')}\n`);
  const { jobId } = await api.jobs.start({ kind: 'import', params: { path: csv, name: 'customers' } });
  for (let i = 0; i < 300; i++) {
    const job = await api.jobs.get({ jobId });
    if (job.state === 'done') return dir;
    if (job.state !== 'running') throw new Error(`import ended ${job.state}: ${job.error?.message ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('report PDF printed by the host (the Electron printToPDF path, over the real worker protocol)', () => {
  it('asks the host to print the report HTML and writes exactly the bytes it returns, audited', async () => {
    // A FAKE printPdf provider standing in for Electron's webContents.printToPDF (Electron cannot run here):
    // it records the HTML it is given and returns bytes of its own, so the test can tell them apart on disk.
    const requests: string[] = [];
    const bytes = new Uint8Array(Buffer.from('%PDF-1.7\nfake bytes from the test host printer \u0000\u00ff\n%%EOF\n', 'latin1'));
    const client = new EngineClient({
      workerFile: WORKER,
      stateDir: tmpDir(),
      printPdf: (html) => {
        requests.push(html);
        return Promise.resolve(bytes);
      },
    });
    await client.ready;
    try {
      const api = createApi((r) => client.invoke(r));
      const dir = await workspaceWithCustomers(api);
      const htmlFile = path.join(dir, 'r.html');
      await api.reports.save({ out: htmlFile, title: 'Printed by the host', client: 'Test client' });
      const out = path.join(dir, 'r.pdf');
      const saved = await api.reports.save({ out, title: 'Printed by the host', client: 'Test client' });

      expect(requests).toHaveLength(1);
      // The host got the report HTML itself: the same document the .html save writes.
      expect(requests[0]).toBe(fs.readFileSync(htmlFile, 'utf8'));
      expect(requests[0]).toContain('Printed by the host');
      expect(Buffer.compare(fs.readFileSync(out), Buffer.from(bytes))).toBe(0);
      expect(saved).toMatchObject({ file: out, bytes: bytes.byteLength, format: 'pdf' });
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
      const audit = await api.audit.list({ action: 'report' });
      expect(audit.entries.some((e) => e.details.file === 'r.pdf' && e.details.format === 'pdf')).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("reports the host printer's failure as an error and leaves no file", async () => {
    const client = new EngineClient({ workerFile: WORKER, stateDir: tmpDir(), printPdf: () => Promise.reject(new Error('printing failed in the test host')) });
    await client.ready;
    try {
      const api = createApi((r) => client.invoke(r));
      const dir = await workspaceWithCustomers(api);
      const out = path.join(dir, 'r.pdf');
      await expect(api.reports.save({ out })).rejects.toThrow(/printing failed in the test host/);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('r.'))).toEqual([]);
      const audit = await api.audit.list({ action: 'report' });
      expect(audit.entries).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('reports a printer that never answers as an error after the timeout, and leaves no file', async () => {
    const client = new EngineClient({ workerFile: WORKER, stateDir: tmpDir(), printPdf: () => new Promise<Uint8Array>(() => {}), printTimeoutMs: 300 });
    await client.ready;
    try {
      const api = createApi((r) => client.invoke(r));
      const dir = await workspaceWithCustomers(api);
      const out = path.join(dir, 'r.pdf');
      await expect(api.reports.save({ out })).rejects.toThrow(/did not answer within/);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith('r.'))).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
