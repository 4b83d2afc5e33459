import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, waitFor, RETURN_VERSION, type TestEngine } from './helpers';

describe('engine basics', () => {
  let t: TestEngine | null = null;
  afterEach(async () => {
    await t?.stop();
    t = null;
  });

  it('runs enqueued jobs in a worker process and records the version', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const flow = await h['flows.create']({ name: 'echo', code: RETURN_VERSION(1) });
    await h['queues.create']({ name: 'q1', flowId: flow.id, concurrency: 2 });
    const jobs = await Promise.all([1, 2, 3, 4].map((i) => h['queues.enqueue']({ name: 'q1', payload: { i } })));
    for (const j of jobs) {
      const done = await waitFor(async () => {
        const job = await h['jobs.get']({ id: j.id });
        return job.status === 'succeeded' ? job : null;
      });
      expect(done.result).toMatchObject({ v: 1 });
      expect(done.attempts).toHaveLength(1);
      expect(done.attempts[0].flowVersion).toBe(1);
    }
    const workers = await h['workers.list']({});
    expect(workers.filter((w) => w.queue === 'q1').length).toBeGreaterThanOrEqual(1);
    await waitFor(() => t!.events.some((e) => e.type === 'job.updated'), 2000, 'job.updated');
  });

  it('Run Now runs the saved version and a draft, with logs in order', async () => {
    t = await startEngine();
    const h = t.engine.handlers;
    const code = `export default async (input, ctx) => { for (let i = 0; i < 5; i++) ctx.log('line ' + i); return input.x * 2; };\n`;
    const flow = await h['flows.create']({ name: 'runner', code });
    const saved = await h['flows.run']({ id: flow.id, input: { x: 21 } });
    expect(saved.status).toBe('succeeded');
    expect(saved.result).toBe(42);
    expect(saved.flowVersion).toBe(1);
    expect(saved.logs.map((l) => l.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    const draft = await h['flows.run']({ id: flow.id, input: { x: 1 }, code: `export default async (input) => 'draft ' + input.x;\n` });
    expect(draft.status).toBe('succeeded');
    expect(draft.result).toBe('draft 1');
    expect(draft.flowVersion).toBeNull();
    const streamed = t.events.filter((e) => e.type === 'run.log' && (e.data as { runId: string }).runId === saved.runId);
    expect(streamed.length).toBeGreaterThan(0);
    const broken = await h['flows.run']({ id: flow.id, code: 'export default async () => { return 1 +; };\n' });
    expect(broken.status).toBe('failed');
    expect(broken.error?.code).toBe('FLOW_SYNTAX_ERROR');
    const runs = await h['flows.runs']({ id: flow.id });
    expect(runs.map((r) => r.runId)).toContain(saved.runId);
    const later = await h['flows.run']({ id: flow.id, input: { x: 2 }, wait: false });
    expect(later.status).toBe('running');
    const fin = await waitFor(async () => {
      const r = await h['runs.get']({ runId: later.runId });
      return r.status !== 'running' ? r : null;
    });
    expect(fin.result).toBe(4);
  });

  it('PATCH flowId rebinds from the next pickup, and saves of the new flow reload the queue', async () => {
    t = await startEngine({ warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const a = await h['flows.create']({ name: 'a', code: `export default async () => 'a';\n` });
    const b = await h['flows.create']({ name: 'b', code: `export default async () => 'b1';\n` });
    await h['queues.create']({ name: 'bind', flowId: a.id });
    const first = await h['queues.enqueue']({ name: 'bind' });
    await waitFor(async () => (await h['jobs.get']({ id: first.id })).result === 'a');
    await expect(h['flows.delete']({ id: a.id })).rejects.toMatchObject({ code: 'FLOW_IN_USE' });
    await h['queues.update']({ name: 'bind', flowId: b.id });
    const second = await h['queues.enqueue']({ name: 'bind' });
    await waitFor(async () => (await h['jobs.get']({ id: second.id })).result === 'b1');
    const saved = await h['flows.save']({ id: b.id, code: `export default async () => 'b2';\n` });
    expect(saved.reload).toMatchObject({ workers: 1, acked: 1 });
    const unrelated = await h['flows.save']({ id: a.id, code: `export default async () => 'a2';\n` });
    expect(unrelated.reload).toMatchObject({ workers: 0, acked: 0 });
    const third = await h['queues.enqueue']({ name: 'bind' });
    await waitFor(async () => (await h['jobs.get']({ id: third.id })).result === 'b2');
    const workers = (await h['workers.list']({})).filter((w) => w.queue === 'bind');
    expect(workers[0]).toMatchObject({ flowId: b.id, loadedFlowVersion: 2 });
    await h['flows.delete']({ id: a.id });
    expect(t.events.some((e) => e.type === 'flow.deleted')).toBe(true);
  });
});
