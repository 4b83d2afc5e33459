// The enqueue hand-off (direct-claim.ts) must be indistinguishable from enqueue + claim in one
// transaction: same attempt facts and version, and never ahead of a due job the claim would pick first.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, NOOP_FLOW, T0, type Fixture } from '../db/test-fixture';
import { EnqueueBatcher } from './enqueue-batcher';

let f: Fixture;
afterEach(() => f?.cleanup());

function setup(options: Record<string, unknown> = {}) {
  f = fixture();
  const { flow } = f.store.flows.create({ name: 'flow', code: NOOP_FLOW }, T0);
  f.store.queues.create({ name: 'q', flowId: flow.id, ...options }, T0);
  return { flow, q: f.store.queues };
}

describe('enqueueClaimed (hand-off at enqueue)', () => {
  it('writes the job running with attempt 1 at the current version, answered as enqueued', () => {
    const { flow, q } = setup({ visibilityTimeoutSec: 30 });
    const saved = f.store.flows.save({ id: flow.id, code: 'export default async () => 2;\n' }, T0 + 1).flow;
    const r = q.enqueueClaimed!('q', { payload: { a: 1 }, priority: 3 }, 'w1', T0 + 2)!;
    expect(r.job).toMatchObject({ status: 'pending', payload: { a: 1 }, priority: 3, attempts: [] });
    expect(r.claimed).toMatchObject({ jobId: r.job.id, attempt: 1, flowVersion: saved.version, payload: { a: 1 }, startedAt: T0 + 2, leaseExpiresAt: T0 + 2 + 30_000 });
    const job = q.getJob(r.job.id);
    expect(job.status).toBe('running');
    expect(q.rows([r.job.id])[0]).toMatchObject({ status: 'running', attemptsMade: 1, lastFlowVersion: saved.version });
    expect(job.attempts).toEqual([expect.objectContaining({ n: 1, flowVersion: saved.version, workerId: 'w1', outcome: 'running' })]);
    // It completes like any claimed job, and only once.
    expect(q.complete([{ jobId: r.job.id, attempt: 1, ok: true, result: 'r', finishedAt: T0 + 7 }], T0 + 7)).toHaveLength(1);
    expect(q.complete([{ jobId: r.job.id, attempt: 1, ok: true, result: 'again', finishedAt: T0 + 8 }], T0 + 8)).toEqual([]);
    expect(q.getJob(r.job.id)).toMatchObject({ status: 'succeeded', result: 'r', durationMs: 5, attempts: [expect.objectContaining({ outcome: 'succeeded', durationMs: 5 })] });
  });

  it('declines when a due job waits, the queue is disabled, or the enqueue is delayed or keyed', () => {
    const { q } = setup();
    const waiting = q.enqueue('q', { payload: 'first' }, T0).job;
    expect(q.enqueueClaimed!('q', { payload: 'second' }, 'w1', T0 + 1)).toBeNull();
    q.claim('q', 'w1', 1, T0 + 1);
    expect(q.getJob(waiting.id).status).toBe('running');
    expect(q.enqueueClaimed!('q', { payload: 'later', delayMs: 1000 }, 'w1', T0 + 2)).toBeNull();
    expect(q.enqueueClaimed!('q', { payload: 'keyed', idempotencyKey: 'k' }, 'w1', T0 + 2)).toBeNull();
    // A job delayed into the future is not due: it does not block the hand-off.
    q.enqueue('q', { payload: 'future', delayMs: 60_000 }, T0 + 2);
    expect(q.enqueueClaimed!('q', { payload: 'now' }, 'w1', T0 + 3)).not.toBeNull();
    q.update('q', { enabled: false }, T0 + 4);
    expect(q.enqueueClaimed!('q', { payload: 'off' }, 'w1', T0 + 5)).toBeNull();
    expect(q.enqueueClaimed!('nope', { payload: 'x' }, 'w1', T0 + 5)).toBeNull();
  });

  it('the batcher hands off only enqueues that no later one of the batch outranks', async () => {
    const { q } = setup();
    const handed: string[] = [];
    const b = new EnqueueBatcher(f.store, () => undefined, () => [], null, (name, input, now) => {
      const r = q.enqueueClaimed!(name, input, 'w1', now);
      if (r) handed.push(String(input.payload));
      return r ? { job: r.job, created: true } : null;
    });
    const [low, high, same] = await Promise.all([
      b.enqueue('q', { payload: 'low', priority: 0 }),
      b.enqueue('q', { payload: 'high', priority: 5 }),
      b.enqueue('q', { payload: 'same', priority: 5 })
    ]);
    // 'low' is outranked by a later enqueue: it waits, so 'high' and 'same' see a due job and wait too;
    // the claim then takes them by priority, as if the batch had been written first.
    expect(handed).toEqual([]);
    expect(q.claim('q', 'w1', 3, Date.now() + 1).map((c) => c.jobId)).toEqual([high.job.id, same.job.id, low.job.id]);
    const [a, c] = await Promise.all([b.enqueue('q', { payload: 'a', priority: 5 }), b.enqueue('q', { payload: 'c', priority: 1 })]);
    expect(handed).toEqual(['a', 'c']);
    expect([q.getJob(a.job.id).status, q.getJob(c.job.id).status]).toEqual(['running', 'running']);
  });
});
