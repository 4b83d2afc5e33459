// The real desktop app under Playwright's Electron launcher, each test on its own temp data folder:
// write and save a flow, Run Now, bind a queue and watch a job finish, quit, relaunch and find it all
// persisted; the window is locked down; a broken database gets a readable error screen.
// Without an Electron binary every test here reports itself skipped, with the reason.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REQUEST_NAMES } from '../../src/shared/contract';
import { DesktopApp, electronUnavailable, tempDataDir } from './desktop-app';

const DOUBLER = `export default async (input, ctx) => {
  ctx.log('doubling ' + input.n);
  return { doubled: input.n * 2 };
};
`;

let unavailable: string | null = null;
test.beforeAll(async () => {
  unavailable = await electronUnavailable();
  // The list reporter does not print skip reasons; say it once, plainly.
  if (unavailable) console.log(`[electron e2e] skipping every Electron spec: ${unavailable}`);
});

let apps: DesktopApp[] = [];
let cleanups: Array<() => void> = [];
test.beforeEach(() => {
  test.skip(unavailable !== null, unavailable ?? '');
});
test.afterEach(async () => {
  for (const a of apps) {
    await a.quit().catch(() => a.kill());
    a.kill();
  }
  apps = [];
  for (const c of cleanups.splice(0)) c();
});

async function launch(dataDir: string): Promise<DesktopApp> {
  const app = await DesktopApp.launch(dataDir);
  apps.push(app);
  return app;
}

function dataDir(): string {
  const t = tempDataDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

test('write, save, run now, queue a job, quit, relaunch: everything persisted', async () => {
  test.setTimeout(180_000);
  const dir = dataDir();
  let desk = await launch(dir);
  await desk.ready();

  // Write and save a flow: version 2 (creation is version 1).
  await desk.app.createFlow('doubler');
  await desk.editor.setCode(DOUBLER);
  await desk.editor.saveWithKeyboard();
  await desk.editor.expectVersion(2);
  await expect(desk.editor.dirty).toHaveCount(0);

  // Run Now, through the same runtime the queues use.
  await desk.run.runWith('{"n": 21}');
  await expect(desk.run.result).toContainText('"doubled": 42', { timeout: 30_000 });
  await expect(desk.run.ranVersion).toHaveText('v2');
  await expect(desk.run.log).toContainText('doubling 21');

  // Bind a queue and watch a job finish in a utilityProcess worker.
  await desk.queues.open();
  await desk.queues.create({ name: 'numbers', flow: 'doubler' });
  await desk.queues.select('numbers');
  const jobId = await desk.queues.enqueue({ n: 5 });
  const monitor = desk.monitor('numbers');
  await expect(monitor.jobRow(jobId)).toHaveAccessibleName(`Job #${jobId} succeeded`, { timeout: 30_000 });
  await monitor.openJob(jobId);
  await expect(monitor.attemptVersions(jobId)).toHaveText(['v2']);

  // Remember a window size, then quit in order and come back.
  await desk.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].setBounds({ width: 1100, height: 760 }));
  expect(await desk.quit()).toBe(0);
  apps = [];

  desk = await launch(dir);
  await desk.ready();
  const bounds = await desk.electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getBounds());
  expect([bounds.width, bounds.height]).toEqual([1100, 760]);
  await desk.app.selectFlow('doubler');
  await desk.editor.expectVersion(2);
  await expect(desk.editor.line('doubling')).toBeVisible();
  await desk.queues.open();
  await desk.queues.select('numbers');
  await expect(desk.monitor('numbers').jobRow(jobId)).toHaveAccessibleName(`Job #${jobId} succeeded`);
});

test('the window is locked down: isolated, sandboxed, contract-only preload, no navigation or popups', async () => {
  const desk = await launch(dataDir());
  await desk.ready();
  const page = desk.page;

  // The page sees the contract's named functions and nothing of Node or Electron.
  const surface = await page.evaluate(() => ({
    keys: Object.keys((window as unknown as { flowdesk: object }).flowdesk).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process
  }));
  expect(surface.keys).toEqual([...REQUEST_NAMES, 'onEvent', 'onMenu', 'platform'].sort());
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');

  // Errors reach the page with their code.
  const code = await page.evaluate(() =>
    (window as unknown as { flowdesk: Record<string, (i: unknown) => Promise<unknown>> }).flowdesk['flows.get']({ id: 999999 }).catch((e: { code: string }) => e.code)
  );
  expect(code).toBe('FLOW_NOT_FOUND');

  const prefs = await desk.electron.evaluate(({ BrowserWindow }) => {
    // getLastWebPreferences is public API but missing from some versions' typings.
    const wc = BrowserWindow.getAllWindows()[0].webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
    const p = wc.getLastWebPreferences();
    return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });

  // The CSP header is on the app's responses.
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(csp).toContain("default-src 'self'");

  // window.open and navigation away are refused.
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  const before = page.url();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await expect.poll(() => desk.electron.windows().length).toBe(1);
  expect(page.url()).toBe(before);
});

test('a data folder whose database cannot be opened shows a readable error screen', async () => {
  const dir = dataDir();
  writeFileSync(join(dir, 'flowdesk.db'), 'not a database '.repeat(200));
  const desk = await launch(dir);
  await expect(desk.page.getByRole('heading', { name: 'Flowdesk could not open its database' })).toBeVisible({ timeout: 30_000 });
  await expect(desk.page.getByText(/DB_OPEN_FAILED/)).toBeVisible();
  await expect(desk.page.getByText(/FLOWDESK_DATA_DIR/)).toBeVisible();
});
