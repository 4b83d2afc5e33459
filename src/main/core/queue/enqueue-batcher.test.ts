import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, type Fixture } from '../db/test-fixture';
import { LogSink } from '../workers/log-sink';
import { CompletionSink } from './dispatcher-completions';
import { EnqueueBatcher } from './enqueue-batcher';

let f: Fixture;
beforeEach(() => {
  f = fixture();
  const flow = f.store.flows.create({ name: 'f', code: 'export default async () => 1;' }, Date.now()).flow;
  f.store.queues.create({ name: 'q', flowId: flow.id, enabled: false }, Date.now());
});
afterEach(() => f.cleanup());

describe('EnqueueBatcher (group commit)', () => {
  it('commits enqueues of one turn together, and a bad one fails alone', async () => {
    const committed: Array<{ queues: string[]; ids: number[] }> = [];
    const b = new EnqueueBatcher(f.store, (queues, ids) => committed.push({ queues: [...queues], ids }));
    const results = await Promise.allSettled([
      b.enqueue('q', { payload: 1 }),
      b.enqueue('nope', { payload: 2 }),
      b.enqueue('q', { payload: 3, idempotencyKey: 'k' }),
      b.enqueue('q', { payload: 4, idempotencyKey: 'k' })
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'QUEUE_NOT_FOUND' });
    const third = (results[2] as PromiseFulfilledResult<{ job: { id: number }; created: boolean }>).value;
    const fourth = (results[3] as PromiseFulfilledResult<{ job: { id: number }; created: boolean }>).value;
    expect(third.created).toBe(true);
    expect(fourth).toMatchObject({ created: false, job: { id: third.job.id } });
    // One batch, one commit: both new jobs reported together.
    expect(committed).toHaveLength(1);
    expect(committed[0]).toEqual({ queues: ['q'], ids: [expect.any(Number), third.job.id] });
    expect(f.store.queues.stats('q', Date.now()).counts.pending).toBe(2);
  });

  it('claims inside the same transaction and hands the sends over after the commit', async () => {
    let claimedInside = 0;
    const b = new EnqueueBatcher(
      f.store,
      () => undefined,
      () => {
        // Runs inside the batch's transaction: the new jobs are visible to it.
        claimedInside = f.store.queues.stats('q', Date.now()).counts.pending;
        return [];
      }
    );
    await Promise.all([b.enqueue('q', { payload: 1 }), b.enqueue('q', { payload: 2 })]);
    expect(claimedInside).toBe(2);
  });

  it('flush() answers what is waiting at once (used on close)', async () => {
    const b = new EnqueueBatcher(f.store, () => undefined);
    const p = b.enqueue('q', { payload: 'now' });
    b.flush();
    await expect(p).resolves.toMatchObject({ created: true });
  });

  it('carries the completions of the turn in the same transaction, with one claim pass for both', async () => {
    f.store.queues.update('q', { enabled: true }, Date.now());
    const first = f.store.queues.enqueue('q', { payload: 'run me' }, Date.now()).job;
    const [claimed] = f.store.queues.claim('q', 'w1', 1, Date.now());
    const written: Array<{ ids: number[]; claimed: boolean }> = [];
    const passes: string[][] = [];
    const completions = new CompletionSink(
      f.store,
      new LogSink(f.store, (e) => { throw e; }),
      (_rows, ids, _queues, wasClaimed) => written.push({ ids, claimed: wasClaimed }),
      (e) => { throw e; }
    );
    const b = new EnqueueBatcher(
      f.store,
      () => undefined,
      (queues) => {
        passes.push([...queues]);
        return [];
      },
      completions
    );
    completions.carriedBy(b.schedule);
    completions.push({ jobId: claimed.jobId, attempt: claimed.attempt, ok: true, result: 'done', finishedAt: Date.now() }, 'q');
    expect(completions.has(first.id)).toBe(true);
    await b.enqueue('q', { payload: 'next' });
    expect(passes).toEqual([['q']]);
    expect(written).toEqual([{ ids: [first.id], claimed: true }]);
    expect(f.store.queues.getJob(first.id)).toMatchObject({ status: 'succeeded', result: 'done' });
    // Alone (no enqueue waiting), a completion still gets its own flush on the batcher's turn.
    const [again] = f.store.queues.claim('q', 'w1', 1, Date.now());
    completions.push({ jobId: again.jobId, attempt: again.attempt, ok: true, result: 2, finishedAt: Date.now() }, 'q');
    await new Promise((r) => setImmediate(r));
    expect(f.store.queues.getJob(again.jobId).status).toBe('succeeded');
    expect(written).toHaveLength(2);
  });
});
