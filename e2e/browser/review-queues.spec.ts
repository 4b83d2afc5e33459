// Regressions from the outside UI review, queues side: switching queues keeps one enqueue form bound
// to the selected queue; cancel feedback and outcome labels; dark-mode charts; focus and words.
import { test, expect } from '../fixtures/test';
import { AppPage } from '../pages/app.page';
import { MonitorPage } from '../pages/monitor.page';
import { QueuesPage } from '../pages/queues.page';

const QUICK = `export default async (input, ctx) => { return input; };`;

test('switching among queues leaves one enqueue form, bound to the selected queue', async ({ page, server }) => {
  const flow = await server.api('flows.create', { name: 'echo', code: QUICK });
  for (const name of ['alpha-q', 'beta-q', 'gamma-q']) await server.api('queues.create', { name, flowId: flow.id });
  const queues = new QueuesPage(page);
  await queues.open();
  for (const name of ['alpha-q', 'beta-q', 'gamma-q', 'alpha-q', 'gamma-q', 'beta-q']) {
    await queues.select(name);
    await expect(queues.enqueueForm).toHaveCount(1);
  }
  await page.screenshot({ path: 'test-results/screenshots/queues-switched.png' });
  const id = await queues.enqueue({ which: 'form0' });
  const jobs = await server.api('queues.jobs', { name: 'beta-q' });
  expect(jobs.find((j) => j.id === id)?.payload).toEqual({ which: 'form0' });
  for (const other of ['alpha-q', 'gamma-q']) expect(await server.api('queues.jobs', { name: other })).toEqual([]);

  await page.reload();
  await queues.open();
  await queues.select('gamma-q');
  await expect(queues.enqueueForm).toHaveCount(1);
});

const HANG = `export default async (input, ctx) => { ctx.log('waiting'); await new Promise((r) => setTimeout(r, 120000)); };`;

test('cancel shows "Cancelling…" until the answer; the attempt reads "cancelled", not "failed"', async ({ page, server }) => {
  const flow = await server.api('flows.create', { name: 'sleepy', code: HANG });
  await server.api('queues.create', { name: 'hang-q', flowId: flow.id, visibilityTimeoutSec: 300 });
  const job = await server.api('queues.enqueue', { name: 'hang-q', payload: { n: 1 } });
  await page.setViewportSize({ width: 1280, height: 720 });
  const queues = new QueuesPage(page);
  await queues.open();
  await queues.select('hang-q');
  const monitor = new MonitorPage(page, 'hang-q');
  await expect(monitor.runningRow(job.id)).toBeVisible({ timeout: 20_000 });
  const bar = monitor.runningRow(job.id).getByRole('progressbar', { name: 'Share of timeout used' });
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ s of 300 s$/);
  // The jobs heading's name is just "Jobs …" (it used to read "Jobs Jobs in list").
  await expect(monitor.root.getByRole('heading', { name: /^Jobs\b/ })).not.toHaveAccessibleName(/in list/);
  await monitor.openJob(job.id);
  await page.screenshot({ path: 'test-results/screenshots/monitor-720p.png' });

  // Hold the cancel request so the in-between state can be seen, then let it through.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/jobs/*/cancel', async (route) => {
    await held;
    await route.continue();
  });
  await monitor.cancelRunning(job.id);
  const button = monitor.runningRow(job.id).getByRole('button', { name: `Cancel job #${job.id}` });
  await expect(button).toHaveText('Cancelling…');
  await expect(button).toBeDisabled();
  release();
  await expect(monitor.runningRow(job.id)).toHaveCount(0, { timeout: 20_000 });
  await expect(monitor.jobRow(job.id)).toHaveAccessibleName(`Job #${job.id} cancelled`);
  const detail = monitor.detail(job.id);
  await expect(detail.getByRole('list', { name: 'Attempts timeline' }).getByLabel('Outcome')).toHaveText(['cancelled']);
});

test('dark mode: charts and the timeout bar stand out from the page', async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const flow = await server.api('flows.create', { name: 'sleepy', code: HANG });
  await server.api('queues.create', { name: 'dark-q', flowId: flow.id });
  const job = await server.api('queues.enqueue', { name: 'dark-q', payload: {} });
  const queues = new QueuesPage(page);
  await queues.open();
  await queues.select('dark-q');
  const monitor = new MonitorPage(page, 'dark-q');
  await expect(monitor.runningRow(job.id)).toBeVisible({ timeout: 20_000 });
  const colours = await page.evaluate(() => {
    const svg = document.querySelector('.mon-chart svg')!;
    const bar = document.querySelector('.mon-bar')!;
    return { page: getComputedStyle(document.body).backgroundColor, chart: getComputedStyle(svg).backgroundColor, bar: getComputedStyle(bar).backgroundColor };
  });
  expect(colours.chart).not.toBe(colours.page);
  expect(colours.bar).not.toBe(colours.page);
  await page.screenshot({ path: 'test-results/screenshots/monitor-dark.png' });
  await server.api('jobs.cancel', { id: job.id });
});

test('keyboard and focus: delete asks with Cancel focused, Escape closes; focus lands after create and enqueue', async ({ page, server }) => {
  const app = new AppPage(page);
  await app.createFlow('keeper');
  await expect(page.getByText('Ctrl+M: Tab moves focus')).toBeVisible();
  // No empty alerts in the app (Monaco keeps its own live regions outside it, for screen readers).
  await expect(app.sidebar.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('main', { name: 'Editor' }).getByRole('alert')).toHaveCount(0);

  await app.flow('keeper').hover();
  await app.sidebar.getByRole('button', { name: 'Delete keeper' }).click();
  const dialog = app.sidebar.getByRole('alertdialog', { name: 'Delete keeper?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(app.flow('keeper')).toBeVisible();

  // Run from the button: the button turns disabled, so focus moves to the run's log.
  await page.getByRole('button', { name: /Run saved/ }).click();
  await expect(page.getByRole('log', { name: 'Run log' })).toBeFocused();

  const queues = new QueuesPage(page);
  await queues.open();
  await queues.create({ name: 'focus-q', flow: 'keeper' });
  await expect(page.getByRole('heading', { name: 'focus-q' })).toBeFocused();
  await queues.enqueue({ n: 1 });
  await expect(queues.enqueueForm.getByRole('status')).toBeFocused();

  // Plain words instead of validator text.
  await queues.enqueueForm.getByLabel('Priority').fill('1.5');
  await expect(queues.enqueueForm).toContainText('Must be a whole number');
  await queues.enqueueForm.getByLabel('Delay (ms)').fill('-1');
  await expect(queues.enqueueForm).toContainText('Must be at least 0');
  expect((await server.api('queues.jobs', { name: 'focus-q' })).length).toBe(1);
});
