// Hang diagnosis while a job runs, and stopping code that will not stop: a synchronous loop is
// flagged 'blocked', a never-resolving promise 'stalled', and both end by their limit, named.
import { afterEach, describe, expect, it } from 'vitest';
import type { Hang, Job } from '../../src/shared/domain';
import { HANG_FOREVER, pidAlive, startEngine, waitFor, type TestEngine } from './helpers';

async function ended(t: TestEngine, id: number): Promise<Job> {
  return waitFor(async () => {
    const job = await t.engine.handlers['jobs.get']({ id });
    return job.status !== 'pending' && job.status !== 'running' ? job : null;
  }, 15_000, `job ${id} to end`);
}

describe('hang diagnosis and limits', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('while(true) is flagged blocked within about a second and stopped by its limit', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'spin', code: 'export default async () => { while (true) {} };\n' });
    await h['queues.create']({ name: 'spin', flowId: flow.id, maxAttempts: 1, visibilityTimeoutSec: 3 });
    const job = await h['queues.enqueue']({ name: 'spin' });
    const flagged = await waitFor(async () => {
      const j = await h['jobs.get']({ id: job.id });
      return j.live?.hang?.kind === 'blocked' ? j : null;
    }, 10_000, 'blocked flag');
    // Order of magnitude only: flagged well before the 3 s limit.
    expect(flagged.live!.elapsedMs).toBeLessThan(2900);
    expect(flagged.live!.hang!.reason).toContain('event loop is blocked');
    const workers = await h['workers.list']({});
    const w = workers.find((x) => x.currentJobIds.includes(job.id))!;
    expect(w.hang?.kind).toBe('blocked');
    const hangEvent = t.events.find((e) => e.type === 'job.hang' && (e.data as { hang: Hang | null }).hang?.kind === 'blocked');
    expect(hangEvent).toBeDefined();
    const done = await ended(t, job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('JOB_TIMEOUT');
    expect(done.error?.message).toContain('Stopped after 3 s (queue visibility timeout)');
    expect(done.error?.message).toContain('event loop blocked');
    expect(pidAlive(w.pid!)).toBe(false);
  });

  it('a never-resolving promise is flagged stalled after hangAfterSec and stopped by its limit', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'stall', code: HANG_FOREVER });
    await h['queues.create']({ name: 'stall', flowId: flow.id, maxAttempts: 1, visibilityTimeoutSec: 3, hangAfterSec: 1 });
    const job = await h['queues.enqueue']({ name: 'stall' });
    const flagged = await waitFor(async () => {
      const j = await h['jobs.get']({ id: job.id });
      return j.live?.hang?.kind === 'stalled' ? j : null;
    }, 10_000, 'stalled flag');
    expect(flagged.live!.hang!.reason).toMatch(/^no activity for \d/);
    expect(flagged.live!.timeoutShare).toBeGreaterThan(0);
    expect(flagged.live!.timeoutShare).toBeLessThanOrEqual(1);
    const rows = await h['queues.jobs']({ name: 'stall', status: 'running' });
    expect(rows[0].live?.hang?.kind).toBe('stalled');
    const done = await ended(t, job.id);
    expect(done.error?.code).toBe('JOB_TIMEOUT');
    expect(done.error?.message).toMatch(/^Stopped after 3 s \(queue visibility timeout\)/);
    expect(t.events.some((e) => e.type === 'job.hang' && (e.data as { hang: Hang | null }).hang?.kind === 'stalled')).toBe(true);
  });

  it('Run Now: a hanging run stops at its timeoutMs, and a cancel ends it CANCELLED_BY_USER', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'runhang', code: HANG_FOREVER });
    const timed = await h['flows.run']({ id: flow.id, timeoutMs: 500 });
    expect(timed.status).toBe('failed');
    expect(timed.error?.code).toBe('JOB_TIMEOUT');
    expect(timed.error?.message).toContain('Stopped after 0.5 s (run time limit)');
    const started = await h['flows.run']({ id: flow.id, wait: false });
    await waitFor(async () => (await h['runs.get']({ runId: started.runId })).live !== null, 10_000, 'run live');
    const cancelled = await h['runs.cancel']({ runId: started.runId });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED_BY_USER');
    expect(cancelled.error?.message).not.toBe(timed.error?.message);
    await expect(h['runs.cancel']({ runId: started.runId })).rejects.toMatchObject({ code: 'RUN_NOT_CANCELLABLE' });
  });
});
