import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeApp, createWorkspace, inspectBridge, openApp, pathForFileInPage, type AppSession } from './harness';

let s: AppSession | null = null;
afterEach(async () => {
  const session = s;
  s = null;
  if (session) await closeApp(session);
});

describe('app shell in Chromium over the web host', () => {
  it('shows the start screen, creates a workspace, runs the demo job with progress and cancels it', async () => {
    s = await openApp();
    const { page } = s;
    await expect(page.getByTestId('start-screen').isVisible()).resolves.toBe(true);
    await s.screenshot('shell-start-screen');
    // The page names a favicon, and the host serves it (no 404 in the console).
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/favicon\.ico$/);
    const icon = await page.request.get(`${s.host.origin}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/x-icon');

    // The test job is a developer affordance: shown only with ?debug (or in a dev build).
    await page.goto(`${s.host.origin}/?debug=1`);
    await page.getByTestId('start-screen').waitFor({ timeout: 20_000 });
    await createWorkspace(s, 'shell.sdw');
    await s.screenshot('shell-workspace-open');

    await page.getByTestId('demo-job-start').click();
    const job = page.locator('[data-testid="job"][data-job-kind="demo"]').first();
    await job.waitFor();
    // Progress arrives as job events over SSE: wait until the bar has moved.
    const bar = job.getByTestId('job-progress');
    await expect.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await job.getAttribute('data-job-state')).toBe('running');
    await s.screenshot('shell-demo-job-progress');

    await job.getByTestId('job-cancel').click();
    // One notice for the outcome: the job leaves the tray and a toast says it was cancelled.
    await page.getByTestId('toast-info').filter({ hasText: /cancelled/ }).first().waitFor();
    expect(await page.locator('[data-testid="job"][data-job-kind="demo"]').count()).toBe(0);
    await s.screenshot('shell-demo-job-cancelled');
  });

  it('gives the page window.api with exactly invoke, onEvent and pathForFile; a dropped file becomes a private local copy', async () => {
    s = await openApp();
    const bridge = await inspectBridge(s);
    expect(bridge.keys).toEqual(['invoke', 'onEvent', 'pathForFile']);
    expect(bridge.hostInfo).toMatchObject({ ok: true, value: { kind: 'web', canPickFiles: false } });
    const p = await pathForFileInPage(s, 'dropped.csv', 'id,name\n1,Ann\n');
    expect(p).toMatch(/segmentdesk-upload-.*dropped\.csv$/);
    expect(fs.readFileSync(p, 'utf8')).toBe('id,name\n1,Ann\n');
  });
});
