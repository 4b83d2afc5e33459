// Interruptions that are not the job's fault must never spend its attempts: a terminal's Ctrl+C
// reaching the workers, a graceful shutdown the flow honours through ctx.signal, and a neighbour in
// the same process that blocks the event loop. (Found by an outside review.)
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive, startEngine, waitFor, type TestEngine } from './helpers';

const SLEEP_THEN_OK = (ms: number): string =>
  `export default async (input, ctx) => { await new Promise((r) => setTimeout(r, ${ms})); return 'ok'; };\n`;
/** Gives up as soon as ctx.signal fires, as the authoring guide advises. */
const HONOURS_SIGNAL =
  'export default async (input, ctx) => { await new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))); };\n';

describe('interruptions', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('a worker that receives SIGINT or SIGTERM keeps running its job', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'sleepy', code: SLEEP_THEN_OK(600) });
    await h['queues.create']({ name: 'sig', flowId: flow.id });
    const job = await h['queues.enqueue']({ name: 'sig', payload: null });
    const worker = await waitFor(async () => (await h['workers.list']({})).find((w) => w.currentJobIds.includes(job.id) && w.pid), 10_000, 'the job to start');
    process.kill(worker.pid!, 'SIGINT');
    process.kill(worker.pid!, 'SIGTERM');
    const done = await waitFor(async () => {
      const j = await h['jobs.get']({ id: job.id });
      return j.status === 'succeeded' ? j : null;
    }, 10_000, 'the job to succeed');
    expect(done.attempts).toHaveLength(1);
    expect(done.result).toBe('ok');
    expect(pidAlive(worker.pid!)).toBe(true);
  });

  it('a graceful shutdown that the flow honours through ctx.signal requeues without spending the attempt', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const dir = t.dir;
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'polite', code: HONOURS_SIGNAL });
    await h['queues.create']({ name: 'polite', flowId: flow.id, maxAttempts: 1 });
    const job = await h['queues.enqueue']({ name: 'polite', payload: null });
    await waitFor(async () => (await h['jobs.get']({ id: job.id })).status === 'running', 10_000, 'the job to start');
    await t.engine.close({ graceMs: 100 });

    const again = await startEngine({ dir, warmRunWorkers: 0 });
    try {
      const after = await again.engine.handlers['jobs.get']({ id: job.id });
      expect(after.attempts[0].error?.code).toBe('ENGINE_SHUTDOWN');
      // maxAttempts 1, yet not failed: the interrupted attempt did not count.
      expect(['pending', 'running']).toContain(after.status);
    } finally {
      await again.engine.handlers['queues.update']({ name: 'polite', enabled: false });
      await again.stop();
    }
    t = null;
  });

  it('a job that shared a process with a blocked one is requeued, not failed; the blocker ends JOB_TIMEOUT', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const spin = await h['flows.create']({ name: 'spin', code: 'export default async (input) => { if (input === "spin") for (;;) {} await new Promise((r) => setTimeout(r, 300)); return "ok"; };\n' });
    await h['queues.create']({ name: 'shared', flowId: spin.id, concurrency: 8, maxAttempts: 1, visibilityTimeoutSec: 2 });
    await waitFor(async () => (await h['workers.list']({})).filter((w) => w.queue === 'shared' && w.state === 'idle').length >= 2, 10_000, 'workers ready');
    // One group commit: the first worker claims them together, so they share a process.
    const [blocker, ...others] = await Promise.all([
      h['queues.enqueue']({ name: 'shared', payload: 'spin' }),
      h['queues.enqueue']({ name: 'shared', payload: 'a' }),
      h['queues.enqueue']({ name: 'shared', payload: 'b' })
    ]);
    const ended = await waitFor(async () => {
      const jobs = await Promise.all([blocker, ...others].map((j) => h['jobs.get']({ id: j.id })));
      return jobs.every((j) => j.status === 'succeeded' || j.status === 'failed') ? jobs : null;
    }, 20_000, 'all three to end');
    const [b, ...rest] = ended;
    expect(b.status).toBe('failed');
    expect(b.error?.code).toBe('JOB_TIMEOUT');
    const sharedWithBlocker = rest.filter((j) => j.attempts[0].workerId === b.attempts[0].workerId);
    expect(sharedWithBlocker.length, 'precondition: a job shared the blocked process').toBeGreaterThan(0);
    for (const j of rest) {
      expect(j.status, `job ${j.id}`).toBe('succeeded');
    }
    for (const j of sharedWithBlocker) {
      expect(j.attempts[0].error?.code).toBe('WORKER_CRASHED');
      expect(j.attempts.length).toBe(2);
    }
  });
});
