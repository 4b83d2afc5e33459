import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_DEFAULTS } from '../../../shared/schemas';
import { fixture, NOOP_FLOW, T0, type Fixture } from '../db/test-fixture';

let f: Fixture;
afterEach(() => f?.cleanup());

function setup(options: Record<string, unknown> = {}) {
  f = fixture();
  const { flow } = f.store.flows.create({ name: 'flow', code: NOOP_FLOW }, T0);
  const queue = f.store.queues.create({ name: 'q', flowId: flow.id, ...options }, T0);
  return { flow, queue, q: f.store.queues };
}

describe('queue definitions', () => {
  it('applies defaults, patches, and refuses duplicates and unknown flows', () => {
    const { flow, queue, q } = setup();
    expect(queue).toMatchObject({ name: 'q', flowId: flow.id, ...QUEUE_DEFAULTS, createdAt: new Date(T0).toISOString() });
    expect(() => q.create({ name: 'q', flowId: flow.id }, T0)).toThrow(expect.objectContaining({ code: 'QUEUE_EXISTS' }));
    expect(() => q.create({ name: 'r', flowId: 99 }, T0)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
    const patched = q.update('q', { concurrency: 4, backoff: { initialMs: 10, maxMs: 100, multiplier: 3 }, enabled: false }, T0 + 5);
    expect(patched).toMatchObject({ concurrency: 4, backoff: { initialMs: 10, maxMs: 100, multiplier: 3 }, enabled: false, maxAttempts: 3 });
    expect(patched.updatedAt).toBe(new Date(T0 + 5).toISOString());
    expect(q.list().map((x) => x.name)).toEqual(['q']);
    expect(() => q.update('q', { flowId: 99 }, T0)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
    expect(() => q.get('nope')).toThrow(expect.objectContaining({ code: 'QUEUE_NOT_FOUND' }));
  });

  it('delete cancels pending jobs with QUEUE_DELETED and returns the running ones', () => {
    const { q } = setup();
    const a = q.enqueue('q', { payload: 1 }, T0).job;
    const b = q.enqueue('q', { payload: 2 }, T0).job;
    q.claim('q', 'w1', 1, T0);
    expect(q.delete('q', T0 + 1)).toEqual({ runningJobIds: [a.id] });
    expect(q.getJob(b.id)).toMatchObject({ status: 'cancelled', error: { code: 'QUEUE_DELETED' } });
    expect(() => q.get('q')).toThrow(expect.objectContaining({ code: 'QUEUE_NOT_FOUND' }));
    // The engine stops the running one and completes it QUEUE_DELETED: it ends cancelled.
    q.complete([{ jobId: a.id, attempt: 1, ok: false, error: { code: 'QUEUE_DELETED', message: 'gone' }, finishedAt: T0 + 2 }], T0 + 2);
    expect(q.getJob(a.id).status).toBe('cancelled');
  });
});

describe('claim', () => {
  it('takes due jobs by priority, then runAt, then id, and skips delayed ones', () => {
    const { q } = setup();
    const low = q.enqueue('q', { payload: 'low', priority: -1 }, T0).job;
    const first = q.enqueue('q', { payload: 'first' }, T0).job;
    const second = q.enqueue('q', { payload: 'second' }, T0).job;
    const urgent = q.enqueue('q', { payload: 'urgent', priority: 5 }, T0 + 1).job;
    const delayed = q.enqueue('q', { payload: 'delayed', delayMs: 10_000 }, T0).job;
    expect(q.nextRunAt('q')).toBe(T0);
    const claimed = q.claim('q', 'w1', 10, T0 + 100);
    expect(claimed.map((c) => c.payload)).toEqual(['urgent', 'first', 'second', 'low']);
    expect(claimed.map((c) => c.jobId)).toEqual([urgent.id, first.id, second.id, low.id]);
    expect(q.nextRunAt('q')).toBe(T0 + 10_000);
    expect(q.claim('q', 'w1', 10, T0 + 9_999)).toEqual([]);
    expect(q.claim('q', 'w1', 10, T0 + 10_000).map((c) => c.jobId)).toEqual([delayed.id]);
    expect(q.nextRunAt('q')).toBeNull();
  });

  it('marks running, counts the attempt, records worker, version and lease, and inserts the attempt row', () => {
    const { flow, q } = setup({ visibilityTimeoutSec: 7, connectTimeoutMs: 1234, maxAttempts: 5 });
    const job = q.enqueue('q', { payload: { x: 1 } }, T0).job;
    const [c] = q.claim('q', 'worker-a', 5, T0 + 50);
    expect(c).toEqual({
      jobId: job.id,
      queue: 'q',
      attempt: 1,
      maxAttempts: 5,
      flowId: flow.id,
      flowName: 'flow',
      flowVersion: 1,
      codeHash: f.store.flows.versions(flow.id)[0].codeHash,
      payload: { x: 1 },
      startedAt: T0 + 50,
      leaseExpiresAt: T0 + 50 + 7000,
      visibilityTimeoutSec: 7,
      connectTimeoutMs: 1234
    });
    const after = q.getJob(job.id);
    expect(after).toMatchObject({ status: 'running', startedAt: new Date(T0 + 50).toISOString() });
    expect(after.attempts).toEqual([
      { n: 1, flowVersion: 1, workerId: 'worker-a', startedAt: new Date(T0 + 50).toISOString(), finishedAt: null, durationMs: null, outcome: 'running', error: null }
    ]);
    expect(q.rows([job.id])[0]).toMatchObject({ status: 'running', attemptsMade: 1, lastFlowVersion: 1, leaseExpiresAt: new Date(T0 + 7050).toISOString() });
  });

  it('records the version current at claim time, not at enqueue time', () => {
    const { flow, q } = setup();
    const job = q.enqueue('q', {}, T0).job;
    f.store.flows.save({ id: flow.id, code: 'export default async () => 2' }, T0 + 1);
    const v3 = f.store.flows.save({ id: flow.id, code: 'export default async () => 3' }, T0 + 2);
    const [c] = q.claim('q', 'w', 1, T0 + 3);
    expect(c.flowVersion).toBe(3);
    expect(c.codeHash).toBe(f.store.flows.versions(flow.id)[0].codeHash);
    expect(v3.flow.version).toBe(3);
    expect(q.getJob(job.id).attempts[0].flowVersion).toBe(3);
  });

  it('claims nothing from a disabled or missing queue, and honours the limit', () => {
    const { q } = setup();
    for (let i = 0; i < 5; i++) q.enqueue('q', { payload: i }, T0);
    q.update('q', { enabled: false }, T0);
    expect(q.claim('q', 'w', 5, T0)).toEqual([]);
    q.update('q', { enabled: true }, T0);
    expect(q.claim('q', 'w', 2, T0)).toHaveLength(2);
    expect(q.claim('nope', 'w', 2, T0)).toEqual([]);
  });

  it('two connections claiming the same queue never take one job twice', () => {
    const { q } = setup();
    for (let i = 0; i < 200; i++) q.enqueue('q', { payload: i }, T0);
    const other = f.open().queues;
    const seen: number[] = [];
    for (let round = 0; round < 30; round++) {
      seen.push(...q.claim('q', 'a', 4, T0).map((c) => c.jobId));
      seen.push(...other.claim('q', 'b', 3, T0).map((c) => c.jobId));
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
    expect(q.stats('q', T0).counts.running).toBe(200);
  });
});
