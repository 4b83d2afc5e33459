// A hanging job in the live monitor: a flow whose TCP connect to a SYN-dropping loopback listener
// never completes (connect timeout off). Its elapsed time ticks, the hang flag appears on its own
// with the pending host:port, and Cancel ends it with CANCELLED_BY_USER.
import { startBlackhole, type Blackhole } from '../../test/fixtures/blackhole';
import { test, expect } from '../fixtures/test';
import { MonitorPage } from '../pages/monitor.page';
import { QueuesPage } from '../pages/queues.page';

const hangingFlow = (port: number): string => `
import http from 'node:http';
export default async (input, ctx) => {
  ctx.log('publishing to 127.0.0.1:${port}');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: ${port}, path: '/publish', method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end('{}');
  });
};`;

let bh: Blackhole | undefined;
test.afterEach(() => {
  bh?.close();
  bh = undefined;
});

test('a hanging job ticks, gets flagged with its pending connect, and cancels', async ({ page, server }) => {
  bh = await startBlackhole();
  const flow = await server.api('flows.create', { name: 'publisher', code: hangingFlow(bh.port) });
  await server.api('queues.create', { name: 'publish', flowId: flow.id, connectTimeoutMs: 0, hangAfterSec: 1, visibilityTimeoutSec: 600 });
  const queues = new QueuesPage(page);
  await queues.open();
  await queues.select('publish');
  const monitor = new MonitorPage(page, 'publish');
  const job = await server.api('queues.enqueue', { name: 'publish', payload: { order: 42 } });

  await expect(monitor.runningRow(job.id)).toBeVisible({ timeout: 15_000 });
  const first = await monitor.elapsedMs(job.id);
  await expect.poll(() => monitor.elapsedMs(job.id), { timeout: 10_000 }).toBeGreaterThan(first);

  const flag = monitor.hangFlag(job.id);
  await expect(flag).toBeVisible({ timeout: 15_000 });
  await expect(flag).toContainText(`TCP connect to 127.0.0.1:${bh.port}`);
  await expect(flag).toContainText(/no activity for \d+ s/);
  await expect(monitor.running.getByRole('progressbar', { name: 'Share of timeout used' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/monitor-hang.png' });

  await monitor.cancelRunning(job.id);
  await expect(monitor.runningRow(job.id)).toBeHidden({ timeout: 15_000 });
  await expect(monitor.jobRow(job.id)).toHaveAccessibleName(`Job #${job.id} cancelled`);
  const detail = await monitor.openJob(job.id);
  await expect(detail.getByRole('group', { name: 'Job error' })).toContainText('CANCELLED_BY_USER');
  await expect(detail.getByLabel('Job status')).toHaveText('cancelled');
  await expect(detail.getByRole('button', { name: 'Retry job' })).toBeVisible();
  await expect.poll(() => monitor.count('Cancelled')).toBe(1);
});
