// Queues: create one in the UI bound to a flow, enqueue jobs and watch them succeed; save a new
// version while jobs run and see workers load it and new attempts record it; bad input is refused
// in place.
import { test, expect } from '../fixtures/test';
import { MonitorPage } from '../pages/monitor.page';
import { QueuesPage } from '../pages/queues.page';

const QUICK = `export default async (input, ctx) => { ctx.log('hello ' + input.n); return { doubled: input.n * 2 }; };`;
const slow = (v: number): string =>
  `export default async (input, ctx) => { ctx.log('version ${v} got ' + input.n); await new Promise((r) => setTimeout(r, 1500)); return { v: ${v} }; };`;

test('create a queue bound to a flow, enqueue jobs and watch them succeed', async ({ page, server }) => {
  await server.api('flows.create', { name: 'double', code: QUICK });
  const queues = new QueuesPage(page);
  await queues.open();
  await expect(page.getByText('No queues yet — create one bound to a flow')).toBeVisible();

  await queues.create({ name: 'numbers', flow: 'double', concurrency: 2 });
  await queues.select('numbers');
  const monitor = new MonitorPage(page, 'numbers');

  const ids: number[] = [];
  for (let n = 1; n <= 3; n++) ids.push(await queues.enqueue({ n }));
  await expect.poll(() => monitor.count('Succeeded'), { timeout: 20_000 }).toBe(3);
  await expect.poll(() => monitor.count('Pending')).toBe(0);

  await expect(monitor.jobRow(ids[2])).toHaveAccessibleName(`Job #${ids[2]} succeeded`);
  const detail = await monitor.openJob(ids[2]);
  await expect(detail.getByLabel('Result')).toContainText('"doubled": 6');
  await expect(detail.getByLabel('Payload')).toContainText('"n": 3');
  await expect(monitor.attemptVersions(ids[2])).toHaveText(['v1']);
  await detail.getByRole('button', { name: 'Logs of attempt 1' }).click();
  await expect(detail.getByRole('log', { name: 'Attempt 1 log lines' })).toContainText('hello 3');

  // Edit an option and switch the queue off: both reach the engine.
  await page.getByRole('button', { name: 'Edit queue' }).click();
  await queues.fill({ concurrency: 3, hangAfterSec: 12 });
  await queues.form.getByRole('button', { name: 'Save queue' }).click();
  await expect(queues.form).toBeHidden();
  await queues.enabledSwitch.uncheck();
  await expect(queues.enabledSwitch).not.toBeChecked();
  await expect
    .poll(async () => {
      const q = await server.api('queues.get', { name: 'numbers' });
      return [q.concurrency, q.hangAfterSec, q.enabled];
    })
    .toEqual([3, 12, false]);
});

test('saving a new version while jobs run: workers load it and new attempts record it', async ({ page, server }) => {
  const flow = await server.api('flows.create', { name: 'slow', code: slow(1) });
  await server.api('queues.create', { name: 'slowq', flowId: flow.id, concurrency: 1 });
  const queues = new QueuesPage(page);
  await queues.open();
  await queues.select('slowq');
  const monitor = new MonitorPage(page, 'slowq');

  const first = await queues.enqueue({ n: 1 });
  await queues.enqueue({ n: 2 });
  await expect(monitor.runningRow(first)).toBeVisible({ timeout: 15_000 });
  await expect(monitor.workerVersions.first()).toHaveText('v1');

  const saved = await server.api('flows.save', { id: flow.id, code: slow(2) });
  expect(saved.version).toBe(2);
  // The worker reloads while its job runs; the table shows what it has loaded now.
  await expect(monitor.workerVersions.first()).toHaveText('v2', { timeout: 15_000 });
  await expect(monitor.workers).not.toContainText('behind');

  const after = await queues.enqueue({ n: 3 });
  await expect(monitor.jobRow(after)).toHaveAccessibleName(`Job #${after} succeeded`, { timeout: 20_000 });
  await monitor.openJob(after);
  await expect(monitor.attemptVersions(after)).toHaveText(['v2']);
  // The job that was already running when the save landed keeps the version it started with.
  await monitor.openJob(first);
  await expect(monitor.attemptVersions(first)).toHaveText(['v1']);
});

test('invalid queue input shows errors in place, and a taken name is refused', async ({ page, server }) => {
  const flow = await server.api('flows.create', { name: 'any', code: QUICK });
  await server.api('queues.create', { name: 'taken', flowId: flow.id });
  const queues = new QueuesPage(page);
  await queues.open();
  await queues.startCreate();
  await queues.fill({ name: 'Bad Name!', concurrency: 0, backoffInitialMs: 5000, backoffMaxMs: 100, connectTimeoutMs: '' });
  await queues.submitCreate();

  await expect(queues.field('Queue name')).toHaveAttribute('aria-invalid', 'true');
  await expect(queues.field('Queue name')).toHaveAccessibleDescription(/starts with a letter or digit; up to 64$/);
  await expect(queues.field('Concurrency')).toHaveAccessibleDescription(/>=1|at least|too small/i);
  await expect(queues.field('Backoff max delay')).toHaveAccessibleDescription(/Max delay must be at least the initial delay/);
  await expect(queues.field('Connect timeout')).toHaveAccessibleDescription(/Required/);
  await expect(queues.form).toBeVisible();

  await queues.fill({ name: 'taken', concurrency: 1, backoffInitialMs: 1000, backoffMaxMs: 60000, connectTimeoutMs: 0 });
  await queues.submitCreate();
  await expect(queues.field('Queue name')).toHaveAccessibleDescription(/already exists/);
  await expect(queues.form).toBeVisible();

  await queues.fill({ name: 'fresh' });
  await queues.submitCreate();
  await expect(queues.queueItem('fresh')).toBeVisible();
});
