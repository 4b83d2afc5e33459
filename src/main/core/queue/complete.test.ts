import { afterEach, describe, expect, it } from 'vitest';
import { fixture, NOOP_FLOW, T0, type Fixture } from '../db/test-fixture';
import type { JobError } from '../../../shared/domain';
import { backoffDelay } from './backoff';

let f: Fixture;
afterEach(() => f?.cleanup());

const THREW: JobError = { code: 'FLOW_THREW', message: 'boom', stack: 'Error: boom\n    at flow.js:1:1', line: 1, column: 7 };

/** random() = 0 gives the smallest jitter factor (0.8): delays are exact. */
function setup(options: Record<string, unknown> = {}, random: () => number = () => 0) {
  f = fixture(random);
  const { flow } = f.store.flows.create({ name: 'flow', code: NOOP_FLOW }, T0);
  f.store.queues.create({ name: 'q', flowId: flow.id, ...options }, T0);
  return { flow, q: f.store.queues };
}

describe('backoffDelay', () => {
  it('grows exponentially, caps at maxMs and jitters within [0.8, 1.0]', () => {
    const b = { initialMs: 1000, maxMs: 60_000, multiplier: 2 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(b, n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3].map((n) => backoffDelay(b, n, () => 0))).toEqual([800, 1600, 3200]);
    expect(backoffDelay(b, 10, () => 1)).toBe(60_000);
    expect(backoffDelay(b, 5000, () => 1)).toBe(60_000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(b, 3, Math.random);
      expect(d).toBeGreaterThanOrEqual(3200);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
});

describe('complete', () => {
  it('succeeds: result stored, attempt finished with its duration', () => {
    const { q } = setup();
    const job = q.enqueue('q', { payload: 1 }, T0).job;
    q.claim('q', 'w', 1, T0 + 10);
    const rows = q.complete([{ jobId: job.id, attempt: 1, ok: true, result: { ok: 1 }, finishedAt: T0 + 35 }], T0 + 36);
    expect(rows).toEqual([expect.objectContaining({ id: job.id, status: 'succeeded', durationMs: 25, leaseExpiresAt: null, errorCode: null })]);
    const done = q.getJob(job.id);
    expect(done).toMatchObject({ status: 'succeeded', result: { ok: 1 }, error: null, durationMs: 25, finishedAt: new Date(T0 + 35).toISOString() });
    expect(done.attempts[0]).toMatchObject({ outcome: 'succeeded', durationMs: 25, finishedAt: new Date(T0 + 35).toISOString() });
  });

  it('ignores a stale or repeated completion (never double-completes)', () => {
    const { q } = setup();
    const job = q.enqueue('q', {}, T0).job;
    q.claim('q', 'w', 1, T0);
    expect(q.complete([{ jobId: job.id, attempt: 2, ok: true, finishedAt: T0 + 1 }], T0 + 1)).toEqual([]);
    expect(q.complete([{ jobId: job.id, attempt: 1, ok: false, error: THREW, finishedAt: T0 + 1 }], T0 + 1)).toHaveLength(1);
    // Attempt 1 already ended; its late "success" must not touch the job.
    expect(q.complete([{ jobId: job.id, attempt: 1, ok: true, result: 'late', finishedAt: T0 + 2 }], T0 + 2)).toEqual([]);
    expect(q.getJob(job.id)).toMatchObject({ status: 'pending', result: null, error: { code: 'FLOW_THREW' } });
    expect(q.complete([{ jobId: 424242, attempt: 1, ok: true, finishedAt: T0 }], T0)).toEqual([]);
  });

  it('retries with the queue backoff until maxAttempts, then fails', () => {
    const backoff = { initialMs: 1000, maxMs: 3000, multiplier: 2 };
    const { q } = setup({ maxAttempts: 4, backoff });
    const job = q.enqueue('q', {}, T0).job;
    let now = T0;
    const delays: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const [c] = q.claim('q', 'w', 1, now);
      expect(c.attempt).toBe(n);
      const [row] = q.complete([{ jobId: job.id, attempt: n, ok: false, error: THREW, finishedAt: now + 5 }], now + 5);
      if (n < 4) {
        expect(row.status).toBe('pending');
        const runAt = Date.parse(row.runAt);
        delays.push(runAt - (now + 5));
        // Not claimable before its backoff is over.
        expect(q.claim('q', 'w', 1, runAt - 1)).toEqual([]);
        now = runAt;
      } else {
        expect(row.status).toBe('failed');
      }
    }
    // random() = 0 -> factor 0.8 of min(3000, 1000 * 2^(n-1)).
    expect(delays).toEqual([800, 1600, 2400]);
    const failed = q.getJob(job.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'FLOW_THREW', message: 'boom', line: 1, column: 7 } });
    expect(failed.attempts.map((a) => [a.n, a.outcome, a.error?.code])).toEqual([
      [1, 'failed', 'FLOW_THREW'],
      [2, 'failed', 'FLOW_THREW'],
      [3, 'failed', 'FLOW_THREW'],
      [4, 'failed', 'FLOW_THREW']
    ]);
    expect(failed.attempts[0].error?.stack).toContain('boom');
  });

  it('jitter uses the injected random source, within [0.8, 1.0] of the delay', () => {
    const { q } = setup({ backoff: { initialMs: 10_000, maxMs: 60_000, multiplier: 2 } }, () => 1);
    const job = q.enqueue('q', {}, T0).job;
    q.claim('q', 'w', 1, T0);
    const [row] = q.complete([{ jobId: job.id, attempt: 1, ok: false, error: THREW, finishedAt: T0 }], T0);
    expect(Date.parse(row.runAt) - T0).toBe(10_000);
  });

  it('requeue sends the job back at once without consuming an attempt', () => {
    const { q } = setup({ maxAttempts: 1 });
    const job = q.enqueue('q', {}, T0).job;
    q.claim('q', 'w', 1, T0);
    const [row] = q.complete(
      [{ jobId: job.id, attempt: 1, ok: false, requeue: true, error: { code: 'WORKER_CRASHED', message: 'shared process was killed' }, finishedAt: T0 + 5 }],
      T0 + 5
    );
    expect(row).toMatchObject({ status: 'pending', runAt: new Date(T0 + 5).toISOString() });
    // maxAttempts is 1, yet the job runs again, as attempt 2, and its failure is final.
    const [c] = q.claim('q', 'w', 1, T0 + 5);
    expect(c.attempt).toBe(2);
    const [end] = q.complete([{ jobId: job.id, attempt: 2, ok: false, error: THREW, finishedAt: T0 + 6 }], T0 + 6);
    expect(end.status).toBe('failed');
    expect(q.getJob(job.id).attempts.map((a) => a.error?.code)).toEqual(['WORKER_CRASHED', 'FLOW_THREW']);
  });

  it('CANCELLED_BY_USER ends cancelled without retry', () => {
    const { q } = setup({ maxAttempts: 5 });
    const job = q.enqueue('q', {}, T0).job;
    q.claim('q', 'w', 1, T0);
    const [row] = q.complete([{ jobId: job.id, attempt: 1, ok: false, error: { code: 'CANCELLED_BY_USER', message: 'Cancelled' }, finishedAt: T0 + 1 }], T0 + 1);
    expect(row).toMatchObject({ status: 'cancelled', errorCode: 'CANCELLED_BY_USER' });
  });

  it('a result that cannot be stored fails that attempt only, not the batch', () => {
    const { q } = setup({ maxAttempts: 1 });
    const a = q.enqueue('q', {}, T0).job;
    const b = q.enqueue('q', {}, T0).job;
    q.claim('q', 'w', 2, T0);
    const rows = q.complete(
      [
        { jobId: a.id, attempt: 1, ok: true, result: { big: 1n }, finishedAt: T0 + 1 },
        { jobId: b.id, attempt: 1, ok: true, result: 'fine', finishedAt: T0 + 1 }
      ],
      T0 + 1
    );
    expect(rows.map((r) => [r.id, r.status, r.errorCode])).toEqual([
      [a.id, 'failed', 'RESULT_NOT_SERIALIZABLE'],
      [b.id, 'succeeded', null]
    ]);
  });

  it('completes a batch in one call', () => {
    const { q } = setup();
    for (let i = 0; i < 20; i++) q.enqueue('q', { payload: i }, T0);
    const claimed = q.claim('q', 'w', 20, T0);
    const rows = q.complete(
      claimed.map((c) => ({ jobId: c.jobId, attempt: c.attempt, ok: true, result: c.payload, finishedAt: T0 + 1 })),
      T0 + 1
    );
    expect(rows).toHaveLength(20);
    expect(q.stats('q', T0 + 1).counts.succeeded).toBe(20);
  });
});

describe('expired leases and orphan recovery', () => {
  it('lists running jobs past their lease', () => {
    const { q } = setup({ visibilityTimeoutSec: 10 });
    const job = q.enqueue('q', {}, T0).job;
    q.claim('q', 'w9', 1, T0);
    expect(q.expiredLeases(T0 + 9_999)).toEqual([]);
    expect(q.expiredLeases(T0 + 10_000)).toEqual([{ jobId: job.id, attempt: 1, queue: 'q', workerId: 'w9' }]);
  });

  it('after an abandoned store, ends running attempts LEASE_EXPIRED and retries; completed jobs stay completed', () => {
    const { q } = setup({ maxAttempts: 2 });
    const done = q.enqueue('q', { payload: 'done' }, T0).job;
    const busy = q.enqueue('q', { payload: 'busy' }, T0).job;
    const last = q.enqueue('q', { payload: 'last' }, T0).job;
    q.claim('q', 'w', 1, T0);
    q.complete([{ jobId: done.id, attempt: 1, ok: true, result: 'r', finishedAt: T0 + 1 }], T0 + 1);
    // `last` already used one attempt; the orphaned one is its second and final.
    q.claim('q', 'w', 2, T0 + 2);
    q.complete([{ jobId: last.id, attempt: 1, ok: false, error: THREW, finishedAt: T0 + 3 }], T0 + 3);
    q.claim('q', 'w', 1, T0 + 10_000);
    expect(q.stats('q', T0 + 10_000).counts.running).toBe(2);

    // The first store is never closed: the "engine" died. A new one opens the same file.
    const next = f.open().queues;
    const recovered = next.recoverOrphans(T0 + 60_000);
    expect(recovered.map((r) => [r.id, r.status]).sort()).toEqual([
      [busy.id, 'pending'],
      [last.id, 'failed']
    ].sort());
    const b = next.getJob(busy.id);
    expect(b.attempts[0]).toMatchObject({ outcome: 'failed', error: { code: 'LEASE_EXPIRED' } });
    expect(b.attempts[0].error!.message).toMatch(/engine stopped while this attempt ran/);
    expect(b.attempts[0].error!.message).toContain(new Date(T0 + 2).toISOString());
    expect(next.getJob(last.id)).toMatchObject({ status: 'failed', error: { code: 'LEASE_EXPIRED' } });
    expect(next.getJob(done.id)).toMatchObject({ status: 'succeeded', result: 'r' });
    expect(next.recoverOrphans(T0 + 70_000)).toEqual([]);
    // The retried job runs again.
    expect(next.claim('q', 'w2', 5, T0 + 120_000).map((c) => [c.jobId, c.attempt])).toEqual([[busy.id, 2]]);
  });
});
