// Orderly close: running jobs get a grace period, then go back to pending without losing an attempt
// (ENGINE_SHUTDOWN); the next engine runs them. Close is idempotent. Attempt logs and events.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../paths';
import { HANG_FOREVER, pidAlive, startEngine, waitFor } from './helpers';

describe('engine close', () => {
  it('requeues what is still running after the grace period, and the next engine runs it', async () => {
    const temp = tempDir('flowdesk-close-');
    try {
      const first = await startEngine({ dir: temp.dir, warmRunWorkers: 0 });
      const h = first.engine.handlers;
      const flow = await h['flows.create']({ name: 'hang', code: HANG_FOREVER });
      await h['queues.create']({ name: 'q', flowId: flow.id, maxAttempts: 1 });
      const job = await h['queues.enqueue']({ name: 'q' });
      const pid = await waitFor(async () => (await h['workers.list']({})).find((w) => w.currentJobIds.includes(job.id))?.pid);
      await Promise.all([first.engine.close({ graceMs: 100 }), first.engine.close({ graceMs: 100 })]);
      await first.engine.close();
      expect(pidAlive(pid)).toBe(false);
      await expect(h['flows.list']({})).rejects.toMatchObject({ code: 'ENGINE_STOPPED' });

      const second = await startEngine({ dir: temp.dir, warmRunWorkers: 0 });
      const h2 = second.engine.handlers;
      const requeued = await h2['jobs.get']({ id: job.id });
      expect(requeued.attempts[0].error?.code).toBe('ENGINE_SHUTDOWN');
      // maxAttempts 1 and still allowed to run: the interrupted attempt did not count.
      await h2['flows.save']({ id: flow.id, code: 'export default async (input, ctx) => { ctx.log("hello"); ctx.log("world"); return "ok"; };\n' });
      const done = await waitFor(async () => {
        const j = await h2['jobs.get']({ id: job.id });
        return j.status === 'succeeded' ? j : null;
      });
      expect(done.attempts.at(-1)?.flowVersion).toBe(2);
      const logs = await h2['jobs.logs']({ id: job.id });
      expect(logs.attempt).toBe(done.attempts.at(-1)?.n);
      expect(logs.lines.map((l) => l.message)).toEqual(['hello', 'world']);
      await waitFor(() => second.events.some((e) => e.type === 'queue.stats'), 3000, 'queue.stats event');
      await second.engine.close({ graceMs: 100 });
    } finally {
      temp.cleanup();
    }
  });
});
