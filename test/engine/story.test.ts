// The incident from STORY.md, end to end: a queue stuck on hanging v1 code, a save of v2, and proof
// (the version each attempt recorded) that every attempt after the save ran v2.
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/domain';
import { HANG_FOREVER, RETURN_VERSION, startEngine, waitFor, type TestEngine } from './helpers';

const FAST_BACKOFF = { initialMs: 50, maxMs: 200, multiplier: 2 };

describe('the story: save reaches every worker and the claim fixes the version', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('jobs stuck on v1 end by their own limit; every attempt after the save runs v2', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'publish', code: HANG_FOREVER });
    await h['queues.create']({ name: 'story', flowId: flow.id, concurrency: 2, maxAttempts: 3, visibilityTimeoutSec: 2, backoff: FAST_BACKOFF });
    const jobs = await Promise.all([1, 2, 3, 4, 5].map((i) => h['queues.enqueue']({ name: 'story', payload: { i } })));
    await waitFor(async () => (await h['queues.jobs']({ name: 'story', status: 'running' })).length === 2, 10_000, 'two running');
    await waitFor(async () => (await h['workers.list']({})).filter((w) => w.queue === 'story' && w.state === 'busy').length === 2);

    const savedAt = Date.now();
    const saved = await h['flows.save']({ id: flow.id, code: RETURN_VERSION(2) });
    expect(saved.version).toBe(2);
    expect(saved.changed).toBe(true);
    expect(saved.reload.workers).toBe(2);
    expect(saved.reload.acked).toBe(2);
    expect(saved.reload.missing).toBeUndefined();
    expect(t.events.some((e) => e.type === 'workers.reloaded')).toBe(true);

    const done: Job[] = [];
    for (const j of jobs) {
      done.push(
        await waitFor(async () => {
          const job = await h['jobs.get']({ id: j.id });
          return job.status === 'succeeded' || job.status === 'failed' ? job : null;
        }, 15_000, `job ${j.id} to end`)
      );
    }
    let stuck = 0;
    for (const job of done) {
      expect(job.status).toBe('succeeded');
      expect(job.result).toMatchObject({ v: 2 });
      for (const a of job.attempts) {
        if (Date.parse(a.startedAt) > savedAt) expect(a.flowVersion).toBe(2);
        if (a.flowVersion === 1) {
          stuck++;
          expect(a.outcome).toBe('failed');
          expect(a.error?.code).toBe('JOB_TIMEOUT');
          expect(a.error?.message).toContain('Stopped after 2 s (queue visibility timeout)');
        } else {
          expect(a.outcome).toBe('succeeded');
          // Fast: nowhere near the 2 s limit the v1 attempts hit.
          expect(a.durationMs).toBeLessThan(1500);
        }
      }
    }
    expect(stuck).toBe(2);
  });

  it('a job enqueued right after a save runs the new version, even on a worker whose reload was dropped', async () => {
    const dropped = new Set<string>();
    t = await startEngine({ testHooks: { dropReloadFor: (id) => dropped.has(id) } });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'ver', code: RETURN_VERSION(1) });
    await h['queues.create']({ name: 'ver', flowId: flow.id });
    const first = await h['queues.enqueue']({ name: 'ver', payload: 1 });
    const ran = await waitFor(async () => {
      const job = await h['jobs.get']({ id: first.id });
      return job.status === 'succeeded' ? job : null;
    });
    expect(ran.attempts[0].flowVersion).toBe(1);
    const workerId = ran.attempts[0].workerId;
    dropped.add(workerId);

    // The save commits synchronously when called; the enqueue comes a moment later, before the
    // reload wait (2 s for the dropped worker) is over.
    const saving = h['flows.save']({ id: flow.id, code: RETURN_VERSION(2) });
    const second = await h['queues.enqueue']({ name: 'ver', payload: 2 });
    const after = await waitFor(async () => {
      const job = await h['jobs.get']({ id: second.id });
      return job.status === 'succeeded' ? job : null;
    });
    expect(after.result).toMatchObject({ v: 2 });
    expect(after.attempts[0].flowVersion).toBe(2);
    expect(after.attempts[0].workerId).toBe(workerId);
    const saved = await saving;
    expect(saved.reload.workers).toBe(1);
    expect(saved.reload.acked).toBe(0);
    expect(saved.reload.missing).toEqual([workerId]);
  });

  it('toggling enabled while saving leaves one consumer, runs the latest version and cancels nothing', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const slow = (v: number): string => `export default async () => { await new Promise((r) => setTimeout(r, 20)); return ${v}; };\n`;
    const flow = await h['flows.create']({ name: 'toggle', code: slow(1) });
    await h['queues.create']({ name: 'toggle', flowId: flow.id, concurrency: 1 });
    const jobs = [];
    for (let i = 0; i < 30; i++) jobs.push(await h['queues.enqueue']({ name: 'toggle', payload: i }));
    let version = 1;
    for (let round = 0; round < 6; round++) {
      await h['queues.update']({ name: 'toggle', enabled: false });
      version = (await h['flows.save']({ id: flow.id, code: slow(round + 2) })).version;
      await h['queues.update']({ name: 'toggle', enabled: true });
      await h['queues.update']({ name: 'toggle', enabled: false });
      await h['queues.update']({ name: 'toggle', enabled: true });
    }
    const last = await h['queues.enqueue']({ name: 'toggle', payload: 'last' });
    const all = [...jobs, last];
    const ended: Job[] = [];
    for (const j of all) {
      ended.push(
        await waitFor(async () => {
          const job = await h['jobs.get']({ id: j.id });
          return job.status !== 'pending' && job.status !== 'running' ? job : null;
        }, 20_000)
      );
    }
    for (const job of ended) {
      expect(job.status).toBe('succeeded');
      expect(job.attempts).toHaveLength(1);
    }
    expect(ended[ended.length - 1].result).toBe(version);
    expect(ended[ended.length - 1].attempts[0].flowVersion).toBe(version);
    // One consumer at concurrency 1: attempts never overlap in time, and versions never go back.
    const attempts = ended.map((j) => j.attempts[0]).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    for (let i = 1; i < attempts.length; i++) {
      expect(Date.parse(attempts[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(attempts[i - 1].finishedAt!));
      expect(attempts[i].flowVersion).toBeGreaterThanOrEqual(attempts[i - 1].flowVersion);
    }
    const workers = (await h['workers.list']({})).filter((w) => w.queue === 'toggle');
    expect(workers).toHaveLength(1);
  });

  it('under saves every few ms and a killed worker, every job ran exactly the version its attempt recorded', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const code = (v: number): string => `export default async () => { await new Promise((r) => setTimeout(r, 15)); return { v: ${v} }; };\n`;
    const flow = await h['flows.create']({ name: 'stress', code: code(1) });
    await h['queues.create']({ name: 'stress', flowId: flow.id, concurrency: 4, backoff: FAST_BACKOFF });
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) ids.push((await h['queues.enqueue']({ name: 'stress', payload: i })).id);
    let killed = false;
    for (let v = 2; v <= 40; v++) {
      await h['flows.save']({ id: flow.id, code: code(v) });
      if (v === 10) {
        const busy = (await h['workers.list']({})).find((w) => w.queue === 'stress' && w.currentJobIds.length > 0 && w.pid);
        if (busy) {
          process.kill(busy.pid!, 'SIGKILL');
          killed = true;
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const jobs = await waitFor(async () => {
      const all = await h['queues.jobs']({ name: 'stress', limit: 1000 });
      return all.length === 300 && all.every((j) => j.status === 'succeeded') ? all : null;
    }, 30_000, 'every stress job to succeed');
    for (const job of jobs) {
      const last = job.attempts.at(-1)!;
      expect((job.result as { v: number }).v).toBe(last.flowVersion);
      expect(job.attempts.filter((a) => a.outcome === 'succeeded')).toHaveLength(1);
      for (const a of job.attempts.slice(0, -1)) expect(a.error?.code).toBe('WORKER_CRASHED');
    }
    if (killed) expect(jobs.some((j) => j.attempts[0].error?.code === 'WORKER_CRASHED')).toBe(true);
    expect(new Set(jobs.map((j) => j.attempts.at(-1)!.flowVersion)).size).toBeGreaterThan(5);
  });
});
