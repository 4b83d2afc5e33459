// Ctrl+C in a terminal signals the whole process group. Workers must leave the decision to the
// supervisor (finish, or requeue with ENGINE_SHUTDOWN without spending an attempt) instead of dying
// and spending the attempt as WORKER_CRASHED.
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive, startEngine, waitFor, type TestEngine } from './helpers';

const SLEEP_THEN_OK = "export default async (input, ctx) => { await new Promise((r) => setTimeout(r, 600)); return 'ok'; };\n";

describe('terminal signals', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('a worker that receives SIGINT or SIGTERM keeps running its job', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'sleepy', code: SLEEP_THEN_OK });
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
});
