// Worker processes cost ~45 MB each: a disabled queue holds none once its running jobs finish, and
// a hang flag raised while a job ran is cleared when it ends (found by an outside review).
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive, RETURN_VERSION, startEngine, waitFor, type TestEngine } from './helpers';

describe('queue worker pools', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('disabling lets the running job finish, then its processes exit; enabling brings fresh ones on the current version', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'slowish', code: "export default async () => { await new Promise((r) => setTimeout(r, 500)); return 'done'; };\n" });
    await h['queues.create']({ name: 'pool', flowId: flow.id, concurrency: 2 });
    const job = await h['queues.enqueue']({ name: 'pool', payload: null });
    await waitFor(async () => (await h['jobs.get']({ id: job.id })).status === 'running', 10_000, 'the job to start');
    const pids = (await h['workers.list']({})).filter((w) => w.queue === 'pool').map((w) => w.pid!);
    expect(pids.length).toBeGreaterThan(0);

    await h['queues.update']({ name: 'pool', enabled: false });
    const finished = await waitFor(async () => {
      const j = await h['jobs.get']({ id: job.id });
      return j.status === 'succeeded' ? j : null;
    }, 10_000, 'the running job to finish');
    expect(finished.result).toBe('done');
    await waitFor(async () => (await h['workers.list']({})).filter((w) => w.queue === 'pool').length === 0, 10_000, 'the pool to empty');
    await waitFor(() => pids.every((pid) => !pidAlive(pid)), 10_000, 'the processes to exit');

    await h['flows.save']({ id: flow.id, code: RETURN_VERSION(2) });
    await h['queues.update']({ name: 'pool', enabled: true });
    const next = await h['queues.enqueue']({ name: 'pool', payload: null });
    const done = await waitFor(async () => {
      const j = await h['jobs.get']({ id: next.id });
      return j.status === 'succeeded' ? j : null;
    }, 10_000, 'a job after re-enabling');
    expect(done.attempts[0].flowVersion).toBe(2);
    expect(done.result).toMatchObject({ v: 2 });
  });

  it('clears a hang flag when the flagged job ends', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'quiet', code: "export default async () => { await new Promise((r) => setTimeout(r, 1800)); return 'ok'; };\n" });
    await h['queues.create']({ name: 'quiet', flowId: flow.id, hangAfterSec: 1 });
    const job = await h['queues.enqueue']({ name: 'quiet', payload: null });
    await waitFor(() => t!.events.some((e) => e.type === 'job.hang' && (e.data as { jobId: number; hang: unknown }).jobId === job.id && (e.data as { hang: unknown }).hang), 10_000, 'the stalled flag');
    await waitFor(async () => (await h['jobs.get']({ id: job.id })).status === 'succeeded', 10_000, 'the job to end');
    await waitFor(
      () => t!.events.some((e) => e.type === 'job.hang' && (e.data as { jobId: number }).jobId === job.id && (e.data as { hang: unknown }).hang === null),
      5_000,
      'the flag to be cleared'
    );
  });
});

describe('Run Now pool', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('a burst of runs waits for one of at most 4 processes instead of forking one each', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'nap', code: 'export default async (n) => { await new Promise((r) => setTimeout(r, 400)); return n; };\n' });
    let most = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        most = Math.max(most, (await h['workers.list']({})).filter((w) => w.queue === null).length);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => h['flows.run']({ id: flow.id, input: i })));
    sampling = false;
    await sampler;
    expect(results.map((r) => r.status)).toEqual(Array(7).fill('succeeded'));
    expect(results.map((r) => r.result)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
  });
});
