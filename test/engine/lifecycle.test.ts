// Worker crashes, cancel, live concurrency changes and deleting a queue, with real processes.
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/domain';
import { HANG_FOREVER, pidAlive, startEngine, waitFor, type TestEngine } from './helpers';

const FAST_BACKOFF = { initialMs: 50, maxMs: 200, multiplier: 2 };
const SLEEP = (ms: number): string => `export default async (input) => { await new Promise((r) => setTimeout(r, ${ms})); return input; };\n`;

async function ended(t: TestEngine, id: number, timeoutMs = 15_000): Promise<Job> {
  return waitFor(async () => {
    const job = await t.engine.handlers['jobs.get']({ id });
    return job.status !== 'pending' && job.status !== 'running' ? job : null;
  }, timeoutMs, `job ${id} to end`);
}

async function runningOn(t: TestEngine, jobId: number): Promise<{ pid: number; id: string }> {
  return waitFor(async () => {
    const w = (await t.engine.handlers['workers.list']({})).find((x) => x.currentJobIds.includes(jobId) && x.pid);
    return w ? { pid: w.pid as number, id: w.id } : null;
  }, 10_000, `job ${jobId} on a worker`);
}

describe('supervised workers', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('a worker killed mid-job: the attempt ends WORKER_CRASHED, the job retries and succeeds, the worker restarts', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'slow', code: SLEEP(1000) });
    await h['queues.create']({ name: 'crash', flowId: flow.id, backoff: FAST_BACKOFF });
    const job = await h['queues.enqueue']({ name: 'crash', payload: 'p' });
    const { pid } = await runningOn(t, job.id);
    process.kill(pid, 'SIGKILL');
    const done = await ended(t, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toHaveLength(2);
    expect(done.attempts[0].error?.code).toBe('WORKER_CRASHED');
    expect(done.attempts[0].error?.message).toContain('SIGKILL');
    expect(done.attempts[1].outcome).toBe('succeeded');
    const workers = (await h['workers.list']({})).filter((w) => w.queue === 'crash');
    expect(workers).toHaveLength(1);
    expect(workers[0].pid).not.toBe(pid);
    expect(workers[0].restarts).toBeGreaterThanOrEqual(1);
  });

  it('cancel a running job: its process is gone when the cancel answers, CANCELLED_BY_USER', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'hang', code: HANG_FOREVER });
    await h['queues.create']({ name: 'cancel', flowId: flow.id });
    const job = await h['queues.enqueue']({ name: 'cancel' });
    const { pid } = await runningOn(t, job.id);
    const cancelled = await h['jobs.cancel']({ id: job.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED_BY_USER');
    expect(cancelled.error?.message).toMatch(/^Cancelled by user after \d/);
    expect(cancelled.attempts).toHaveLength(1);
    expect(pidAlive(pid)).toBe(false);
    await expect(h['jobs.cancel']({ id: job.id })).rejects.toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
    // The queue goes on with a fresh process.
    const next = await h['queues.enqueue']({ name: 'cancel' });
    await runningOn(t, next.id);
  });

  it('concurrency changes apply live without killing running jobs', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'sleepy', code: SLEEP(600) });
    await h['queues.create']({ name: 'conc', flowId: flow.id, concurrency: 1 });
    const jobs = [];
    for (let i = 0; i < 8; i++) jobs.push(await h['queues.enqueue']({ name: 'conc', payload: i }));
    await waitFor(async () => (await h['queues.jobs']({ name: 'conc', status: 'running' })).length === 1);
    await h['queues.update']({ name: 'conc', concurrency: 3 });
    let peak = 0;
    await waitFor(async () => {
      const running = (await h['queues.jobs']({ name: 'conc', status: 'running' })).length;
      peak = Math.max(peak, running);
      expect(running).toBeLessThanOrEqual(3);
      return peak >= 3;
    }, 10_000, 'three running at once');
    await h['queues.update']({ name: 'conc', concurrency: 1 });
    for (const j of jobs) {
      const done = await ended(t, j.id);
      expect(done.status).toBe('succeeded');
      expect(done.attempts).toHaveLength(1);
    }
    await waitFor(async () => (await h['workers.list']({})).filter((w) => w.queue === 'conc').length === 1, 10_000, 'pool shrunk to one');
  });

  it('deleting a queue stops its running job (QUEUE_DELETED), cancels pending ones and ends its processes', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'hang2', code: HANG_FOREVER });
    await h['queues.create']({ name: 'gone', flowId: flow.id });
    const running = await h['queues.enqueue']({ name: 'gone' });
    const pending = await h['queues.enqueue']({ name: 'gone' });
    const { pid } = await runningOn(t, running.id);
    await h['queues.delete']({ name: 'gone' });
    expect(pidAlive(pid)).toBe(false);
    const r = await h['jobs.get']({ id: running.id });
    expect(r.status).toBe('cancelled');
    expect(r.error?.code).toBe('QUEUE_DELETED');
    expect(r.error?.message).toContain('deleted while this attempt was running');
    const p = await h['jobs.get']({ id: pending.id });
    expect(p.status).toBe('cancelled');
    expect(p.error?.code).toBe('QUEUE_DELETED');
    expect(p.error?.message).not.toBe(r.error?.message);
    expect((await h['workers.list']({})).filter((w) => w.queue === 'gone')).toHaveLength(0);
    expect(t.events.some((e) => e.type === 'queue.deleted')).toBe(true);
  });

  it('items that shared a killed process go back to pending without losing an attempt', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const code = `export default async (input) => { if (input.hang) await new Promise(() => {}); await new Promise((r) => setTimeout(r, 4000)); return 'slept'; };\n`;
    const flow = await h['flows.create']({ name: 'shared', code });
    // Concurrency 4 over 2 processes: two slots per process.
    await h['queues.create']({ name: 'shared', flowId: flow.id, concurrency: 4, maxAttempts: 1 });
    const hang = await h['queues.enqueue']({ name: 'shared', payload: { hang: true } });
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await h['queues.enqueue']({ name: 'shared', payload: { hang: false } }));
    const worker = await waitFor(async () => {
      const w = (await h['workers.list']({})).find((x) => x.currentJobIds.includes(hang.id) && x.currentJobIds.length === 2);
      return w ?? null;
    }, 10_000, 'the hanging job sharing a process');
    const neighbour = worker.currentJobIds.find((id) => id !== hang.id)!;
    const cancelled = await h['jobs.cancel']({ id: hang.id });
    expect(cancelled.error?.code).toBe('CANCELLED_BY_USER');
    expect(pidAlive(worker.pid!)).toBe(false);
    const done = await ended(t, neighbour, 20_000);
    expect(done.status).toBe('succeeded');
    expect(done.attempts[0].error?.code).toBe('WORKER_CRASHED');
    expect(done.attempts[0].error?.message).toContain('stopped to end another item');
    expect(done.attempts.at(-1)?.outcome).toBe('succeeded');
  });

  it('failed attempts retry after the queue backoff until one succeeds', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const code = `export default async (input, ctx) => { if (ctx.job.attempt < 3) throw new Error('flaky ' + ctx.job.attempt); return ctx.job.attempt; };\n`;
    const flow = await h['flows.create']({ name: 'flaky', code });
    await h['queues.create']({ name: 'flaky', flowId: flow.id, maxAttempts: 3, backoff: { initialMs: 300, maxMs: 1000, multiplier: 2 } });
    const job = await h['queues.enqueue']({ name: 'flaky' });
    const done = await ended(t, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toBe(3);
    expect(done.attempts.map((a) => a.error?.code ?? null)).toEqual(['FLOW_THREW', 'FLOW_THREW', null]);
    const gap = (i: number): number => Date.parse(done.attempts[i].startedAt) - Date.parse(done.attempts[i - 1].finishedAt!);
    // Jitter shortens a delay by at most 20%: >= 240 ms, then >= 480 ms.
    expect(gap(1)).toBeGreaterThanOrEqual(230);
    expect(gap(2)).toBeGreaterThanOrEqual(470);
  });
});
