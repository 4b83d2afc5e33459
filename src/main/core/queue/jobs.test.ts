import { afterEach, describe, expect, it } from 'vitest';
import { fixture, NOOP_FLOW, T0, type Fixture } from '../db/test-fixture';
import { percentile } from './stats';

let f: Fixture;
afterEach(() => f?.cleanup());

function setup(options: Record<string, unknown> = {}) {
  f = fixture(() => 0);
  const { flow } = f.store.flows.create({ name: 'flow', code: NOOP_FLOW }, T0);
  f.store.queues.create({ name: 'q', flowId: flow.id, ...options }, T0);
  return { flow, q: f.store.queues };
}

describe('jobs', () => {
  it('enqueue stores payload, priority, delay; idempotency keys deduplicate per queue', () => {
    const { flow, q } = setup();
    f.store.queues.create({ name: 'other', flowId: flow.id }, T0);
    const a = q.enqueue('q', { payload: { n: 1 }, idempotencyKey: 'k1', priority: 3, delayMs: 500 }, T0);
    expect(a.created).toBe(true);
    expect(a.job).toMatchObject({ queue: 'q', status: 'pending', payload: { n: 1 }, priority: 3, idempotencyKey: 'k1', attempts: [], runAt: new Date(T0 + 500).toISOString() });
    const again = q.enqueue('q', { payload: { n: 2 }, idempotencyKey: 'k1' }, T0 + 1);
    expect(again).toMatchObject({ created: false, job: { id: a.job.id, payload: { n: 1 } } });
    expect(q.enqueue('other', { idempotencyKey: 'k1' }, T0).created).toBe(true);
    expect(q.enqueue('q', {}, T0).job.payload).toBeNull();
    expect(() => q.enqueue('nope', {}, T0)).toThrow(expect.objectContaining({ code: 'QUEUE_NOT_FOUND' }));
  });

  it('purge cancels pending jobs only', () => {
    const { q } = setup();
    const running = q.enqueue('q', { payload: 'r' }, T0).job;
    const done = q.enqueue('q', { payload: 'd' }, T0).job;
    q.claim('q', 'w', 2, T0);
    q.complete([{ jobId: done.id, attempt: 1, ok: true, finishedAt: T0 + 1 }], T0 + 1);
    const pending = [q.enqueue('q', {}, T0).job, q.enqueue('q', { delayMs: 99_999 }, T0).job];
    expect(q.purge('q', T0 + 2)).toBe(2);
    for (const p of pending) expect(q.getJob(p.id)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED_BY_USER' } });
    expect(q.getJob(running.id).status).toBe('running');
    expect(q.getJob(done.id).status).toBe('succeeded');
    expect(q.purge('q', T0 + 3)).toBe(0);
  });

  it('cancel: pending at once, running left to the engine, finished refused', () => {
    const { q } = setup();
    const pending = q.enqueue('q', {}, T0).job;
    const running = q.enqueue('q', {}, T0 - 1).job;
    q.claim('q', 'w', 1, T0);
    expect(q.cancel(pending.id, T0 + 1)).toMatchObject({ wasRunning: false, job: { status: 'cancelled', error: { code: 'CANCELLED_BY_USER' } } });
    expect(q.cancel(running.id, T0 + 1)).toMatchObject({ wasRunning: true, job: { status: 'running' } });
    expect(() => q.cancel(pending.id, T0 + 2)).toThrow(expect.objectContaining({ code: 'JOB_NOT_CANCELLABLE' }));
    expect(() => q.cancel(9999, T0)).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
  });

  it('retry: failed or cancelled only, fresh budget, runs the current version', () => {
    const { flow, q } = setup({ maxAttempts: 1 });
    const job = q.enqueue('q', {}, T0).job;
    expect(() => q.retry(job.id, T0)).toThrow(expect.objectContaining({ code: 'JOB_NOT_RETRYABLE' }));
    q.claim('q', 'w', 1, T0);
    expect(() => q.retry(job.id, T0)).toThrow(expect.objectContaining({ code: 'JOB_NOT_RETRYABLE' }));
    q.complete([{ jobId: job.id, attempt: 1, ok: false, error: { code: 'FLOW_THREW', message: 'x' }, finishedAt: T0 + 1 }], T0 + 1);
    expect(q.getJob(job.id).status).toBe('failed');
    f.store.flows.save({ id: flow.id, code: 'export default async () => "fixed"' }, T0 + 2);
    const retried = q.retry(job.id, T0 + 3);
    expect(retried).toMatchObject({ status: 'pending', error: null, finishedAt: null, runAt: new Date(T0 + 3).toISOString() });
    const [c] = q.claim('q', 'w', 1, T0 + 3);
    expect(c).toMatchObject({ attempt: 2, flowVersion: 2 });
    q.complete([{ jobId: job.id, attempt: 2, ok: true, result: 'fixed', finishedAt: T0 + 4 }], T0 + 4);
    expect(() => q.retry(job.id, T0 + 5)).toThrow(expect.objectContaining({ code: 'JOB_NOT_RETRYABLE' }));
    expect(q.getJob(job.id).attempts.map((a) => a.flowVersion)).toEqual([1, 2]);
  });

  it('lists newest first with status filter and keyset paging; jobRows pages by offset', () => {
    const { q } = setup();
    const ids = Array.from({ length: 12 }, (_, i) => q.enqueue('q', { payload: i }, T0 + i).job.id);
    q.claim('q', 'w', 3, T0 + 100);
    expect(q.listJobs('q', { limit: 5 }).map((j) => j.id)).toEqual(ids.slice(-5).reverse());
    expect(q.listJobs('q', { limit: 5, before: ids[7] }).map((j) => j.id)).toEqual(ids.slice(2, 7).reverse());
    expect(q.listJobs('q', { status: 'running' }).map((j) => j.id)).toEqual(ids.slice(0, 3).reverse());
    expect(q.jobRows('q', { offset: 10, limit: 5 })).toEqual({ total: 12, rows: q.rows([ids[1], ids[0]]) });
    expect(q.jobRows('q', { status: 'pending', offset: 0, limit: 2 }).rows.map((r) => r.id)).toEqual([ids[11], ids[10]]);
    expect(q.jobRows('q', { status: 'pending' }).total).toBe(9);
    expect(() => q.jobRows('nope', {})).toThrow(expect.objectContaining({ code: 'QUEUE_NOT_FOUND' }));
  });
});

describe('stats', () => {
  it('figures on a known data set', () => {
    const { q } = setup({ maxAttempts: 1 });
    const now = T0 + 1_000_000;
    // Ten jobs finish with durations 10..100 ms; two of them more than a minute ago.
    for (let i = 1; i <= 10; i++) {
      const job = q.enqueue('q', {}, T0).job;
      const start = i <= 2 ? now - 120_000 : now - 30_000;
      q.claim('q', 'w', 1, start);
      q.complete([{ jobId: job.id, attempt: 1, ok: i !== 5, error: { code: 'FLOW_THREW', message: 'x' }, finishedAt: start + i * 10 }], start + i * 10);
    }
    q.enqueue('q', {}, now - 5000);
    q.claim('q', 'w', 1, now);
    q.enqueue('q', {}, now - 1000);
    q.enqueue('q', {}, now - 100);
    q.cancel(q.enqueue('q', {}, now).job.id, now);
    const s = q.stats('q', now);
    expect(s.counts).toEqual({ pending: 2, running: 1, succeeded: 9, failed: 1, cancelled: 1 });
    expect(s.throughputPerMin).toBe(8);
    expect(s.durationMs).toEqual({ p50: 50, p95: 100 });
    expect(s.oldestPendingAgeMs).toBe(1000);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
});
