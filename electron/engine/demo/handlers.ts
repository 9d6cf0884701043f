import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Handlers } from '../../../shared/contract/api';
import { ParseOptionsSchema } from '../../../shared/contract/ns/datasets';
import type { EngineContext } from '../context';
import type { JobContext } from '../jobs/runner';
import { runImport } from '../import/run';
import { workspaceHandlers } from '../workspace/handlers';
import { DEMO_AS_OF, generateDemo } from './generate';

/** assets/demo beside the bundle (dist/) or the source tree; null when not shipped (then the files are generated). */
function shippedDemoDir(): string | null {
  // __dirname exists in the CommonJS bundles and under vitest; plain ESM runs (tsx scripts) fall back to generating.
  const here = typeof __dirname === 'string' ? __dirname : null;
  const candidates = here ? [path.resolve(here, '..', 'assets', 'demo'), path.resolve(here, '..', '..', '..', 'assets', 'demo')] : [];
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) candidates.unshift(path.join(resources, 'assets', 'demo'));
  return candidates.find((d) => fs.existsSync(path.join(d, 'customers.csv')) && fs.existsSync(path.join(d, 'orders.csv'))) ?? null;
}

/** The demo import runs inside a request, not as a job: the data is small (a second or two). */
const inline: JobContext = { signal: new AbortController().signal, report: () => undefined, checkpoint: async () => undefined };

export const demoHandlers = {
  create: async ({ path: file }, ctx) => {
    let dir = shippedDemoDir();
    let tmp: string | null = null;
    if (!dir) {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentdesk-demo-'));
      const files = generateDemo();
      fs.writeFileSync(path.join(tmp, 'customers.csv'), files.customers);
      fs.writeFileSync(path.join(tmp, 'orders.csv'), files.orders);
      dir = tmp;
    }
    try {
      workspaceHandlers.create({ path: file }, ctx);
      const ws = ctx.ws();
      ws.setMeta('as_of', DEMO_AS_OF);
      const options = ParseOptionsSchema.parse({});
      await runImport(ws, { path: path.join(dir, 'customers.csv'), name: 'customers', as: 'customers', options }, inline);
      await runImport(ws, { path: path.join(dir, 'orders.csv'), name: 'orders', as: 'transactions', link: 'customers', options }, inline);
      ctx.emit({ type: 'workspace', change: 'datasets', path: ws.file });
      return ws.info();
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
} satisfies Handlers<EngineContext>['demo'];
