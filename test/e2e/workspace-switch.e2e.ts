import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, openApp, type AppSession } from './harness';
import { cli as runCli } from '../helpers/cli';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

function cli(args: string[], cwd: string): void {
  const r = runCli(args, cwd);
  if (r.code !== 0) throw new Error(`segmentdesk ${args.join(' ')} failed: ${r.stderr}`);
}

/**
 * Workspace A: customers in two regions with a campaign response, and two saved segments whose names
 * (alpha-north, alpha-south) and region values (north, south) appear nowhere in workspace B.
 */
function writeWorkspaceA(dir: string): string {
  const rows = ['customer_id,region,responded'];
  for (let i = 1; i <= 600; i++) rows.push(`A${String(i).padStart(4, '0')},${i % 3 === 0 ? 'north' : 'south'},${i % 4 === 0 ? 'yes' : 'no'}`);
  fs.writeFileSync(path.join(dir, 'a.csv'), `${rows.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'north.json'), JSON.stringify({ field: 'region', op: 'eq', value: 'north' }));
  fs.writeFileSync(path.join(dir, 'south.json'), JSON.stringify({ field: 'region', op: 'eq', value: 'south' }));
  const ws = path.join(dir, 'alpha.sdw');
  cli(['import', 'a.csv', '--workspace', ws, '--name', 'alpha_customers', '--json'], dir);
  cli(['segment', 'save', '--workspace', ws, '--dataset', 'alpha_customers', '--name', 'alpha-north', '--rule', 'north.json', '--json'], dir);
  cli(['segment', 'save', '--workspace', ws, '--dataset', 'alpha_customers', '--name', 'alpha-south', '--rule', 'south.json', '--json'], dir);
  return ws;
}

/** Workspace B: other customers, other columns, no segments. */
function writeWorkspaceB(dir: string): string {
  const rows = ['member_no,city,subscribed'];
  for (let i = 1; i <= 300; i++) rows.push(`B${i},${i % 2 ? 'Lyon' : 'Gdańsk'},${i % 5 === 0 ? 'yes' : 'no'}`);
  fs.writeFileSync(path.join(dir, 'b.csv'), `${rows.join('\n')}\n`);
  const ws = path.join(dir, 'beta.sdw');
  cli(['import', 'b.csv', '--workspace', ws, '--name', 'beta_members', '--json'], dir);
  return ws;
}

async function openWorkspace(session: AppSession, ws: string): Promise<void> {
  const { page } = session;
  await page.getByTestId('workspace-path').fill(ws);
  await page.getByTestId('workspace-open').click();
  await page.getByTestId('start-screen').waitFor({ state: 'detached', timeout: 20_000 });
}

describe('Switching workspaces in Chromium over the web host', () => {
  it('shows nothing of workspace A once workspace B is open (results, segments, dataset names)', async () => {
    s = await openApp();
    const { page, dir } = s;
    const a = writeWorkspaceA(dir);
    const b = writeWorkspaceB(dir);

    // In A: compare the two saved segments on the campaign response, so the outcomes view holds a result.
    await openWorkspace(s, a);
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await page.getByTestId('outcomes-dataset').selectOption('alpha_customers');
    await expect.poll(() => page.getByTestId('response-outcome').inputValue(), { timeout: 40_000 }).toBe('responded');
    await page.getByTestId('response-mode').selectOption('segments');
    await page.getByTestId('response-segments').selectOption(['alpha-north', 'alpha-south']);
    await page.getByTestId('response-run-button').click();
    await page.getByTestId('response-table').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('response-table').textContent()).toMatch(/alpha-north/);
    await s.screenshot('workspace-switch-a-outcomes');

    // Close A and open B, staying in the app (the same store, the same window).
    await page.getByTestId('workspace-close').click();
    await page.getByTestId('start-screen').waitFor({ timeout: 20_000 });
    await openWorkspace(s, b);
    await expect.poll(() => page.getByTestId('workspace-name').textContent(), { timeout: 20_000 }).toMatch(/beta/);

    // Outcomes in B: no result of A, and the dataset choice is B's.
    await page.getByTestId('nav-outcomes').click();
    await page.getByTestId('outcomes-view').waitFor({ timeout: 40_000 });
    await expect.poll(() => page.getByTestId('outcomes-dataset').inputValue(), { timeout: 20_000 }).toBe('beta_members');
    expect(await page.getByTestId('response-table').count()).toBe(0);
    const outcomesText = (await page.locator('main').textContent()) ?? '';
    expect(outcomesText).not.toMatch(/alpha|north|south/);
    await s.screenshot('workspace-switch-b-outcomes');

    // Every other view: no name, segment or value of A anywhere on the page.
    for (const view of ['data', 'segments', 'clusters', 'responsible', 'reports']) {
      const nav = page.getByTestId(`nav-${view}`);
      if ((await nav.count()) === 0) continue;
      await nav.click();
      await page.waitForTimeout(1500);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text, `view ${view} still shows workspace A`).not.toMatch(/alpha_customers|alpha-north|alpha-south/);
    }
    await s.screenshot('workspace-switch-b-last-view');
  }, 240_000);
});
