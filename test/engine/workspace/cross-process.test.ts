import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { exportedEmails, LYON, writeCustomers } from '../mirror/fixture';

const BIN = path.resolve(__dirname, '../../../bin/segmentdesk.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI writes a workspace another process holds open', () => {
  it('erase and import in a child process: the open engine counts and exports the file as it now is', async () => {
    const a = await engineWithWorkspace();
    const csv = writeCustomers(a.dir);
    expect((await runJob(a.engine, a.api, 'import', { path: csv, name: 'customers' })).status.state).toBe('done');
    await a.api.segments.save({ dataset: 'customers', name: 'lyon', rule: LYON });
    expect((await a.api.segments.count({ dataset: 'customers', rule: LYON })).count).toBe(20);

    const erased = cli(['erase', '--workspace', a.file, '--dataset', 'customers', '--id', 'C0003', '--json'], a.dir);
    expect(erased.stderr).toBe('');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout).erased).toBe(1);

    const afterErase = await a.api.segments.count({ dataset: 'customers', rule: LYON });
    expect([afterErase.count, afterErase.total]).toEqual([19, 59]);
    const out = path.join(a.dir, 'lyon.csv');
    expect((await runJob(a.engine, a.api, 'export', { dataset: 'customers', source: { kind: 'segment', name: 'lyon' }, columns: ['customer_id', 'email'], out })).status.state).toBe('done');
    const lyon = Array.from({ length: 20 }, (_, k) => `c${(k + 1) * 3}@example.org`);
    expect(exportedEmails(out)).toEqual(lyon.slice(1));

    // A second version with ten more customers, four of them in Lyon.
    const more = path.join(a.dir, 'more.csv');
    const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
    for (let i = 61; i <= 70; i++) lines.push(`C${String(i).padStart(4, '0')},c${i}@example.org,${i % 3 === 0 ? 'Lyon' : 'Paris'},${i * 10}`);
    fs.writeFileSync(more, `${lines.join('\n')}\n`);
    const imported = cli(['import', more, '--workspace', a.file, '--name', 'customers', '--json'], a.dir);
    expect(imported.code).toBe(0);
    const afterImport = await a.api.segments.count({ dataset: 'customers', rule: LYON });
    expect([afterImport.count, afterImport.total]).toEqual([23, 70]);
    const info = await a.api.workspace.info({});
    expect(info.datasets.find((d) => d.name === 'customers')?.rows).toBe(70);
    const cluster = await runJob(a.engine, a.api, 'cluster', { dataset: 'customers', features: ['spend'], k: 2, seed: 1 });
    expect(cluster.status.state).toBe('done');
    a.engine.close();
  });

  it('a job pinned to a dataset fails with a clear message when another process changed it meanwhile', async () => {
    const a = await engineWithWorkspace();
    expect((await runJob(a.engine, a.api, 'import', { path: writeCustomers(a.dir), name: 'customers' })).status.state).toBe('done');
    const ws = a.engine.ctx.ws();
    const pin = ws.pin('customers', 'it was being clustered');
    pin.check();
    const other = new Database(a.file);
    const table = other.prepare("SELECT table_name FROM dataset_versions WHERE dataset = 'customers'").pluck().get() as string;
    other.transaction(() => {
      other.prepare(`DELETE FROM "${table}" WHERE customer_id = 'C0010'`).run();
      other.prepare("UPDATE dataset_versions SET rows = rows - 1 WHERE dataset = 'customers'").run();
    })();
    other.close();
    expect(() => pin.check()).toThrow(/dataset "customers" changed while it was being clustered .*nothing was saved/);
    a.engine.close();
  });
});
