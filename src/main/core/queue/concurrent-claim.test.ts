// Claim atomicity under real concurrency: threads on their own connections claim and complete from
// one queue at the same time while another saves the flow. No job is claimed twice, every job ends
// once, and every attempt ran a version at least as new as the one current when it was claimed.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, inThreads, NOOP_FLOW, STORE_MODULE, T0, type Fixture } from '../db/test-fixture';

let f: Fixture;
afterEach(() => f?.cleanup());

const CLAIMER = `
import { createStore } from ${JSON.stringify(STORE_MODULE)};
const store = createStore({ file: workerData.file, migrationsDir: workerData.migrationsDir });
release();
const seen = [];
for (;;) {
  const before = store.flows.get(workerData.id).version;
  const claimed = store.queues.claim('q', workerData.worker, 7, Date.now());
  if (claimed.length === 0) break;
  for (const c of claimed) seen.push([c.jobId, c.flowVersion, before]);
  store.queues.complete(claimed.map((c) => ({ jobId: c.jobId, attempt: c.attempt, ok: true, result: workerData.worker, finishedAt: Date.now() })), Date.now());
}
store.close();
parentPort.postMessage(seen);
`;

const SAVER = `
import { createStore } from ${JSON.stringify(STORE_MODULE)};
const store = createStore({ file: workerData.file, migrationsDir: workerData.migrationsDir });
release();
for (let i = 0; i < 30; i++) store.flows.save({ id: workerData.id, code: 'export default async () => ' + i }, Date.now());
store.close();
parentPort.postMessage([]);
`;

describe('concurrent claims', () => {
  it('threads claiming one queue never take a job twice; each attempt records the version it claimed', async () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'flow', code: NOOP_FLOW }, T0);
    f.store.queues.create({ name: 'q', flowId: flow.id }, T0);
    const ids = f.store.transaction(() => Array.from({ length: 600 }, (_, i) => f.store.queues.enqueue('q', { payload: i }, T0).job.id));
    const [[a, b]] = await Promise.all([
      inThreads<Array<[number, number, number]>>(f.dir, CLAIMER, [
        { file: f.file, worker: 'a', id: flow.id },
        { file: f.file, worker: 'b', id: flow.id }
      ]),
      inThreads(f.dir, SAVER, [{ file: f.file, id: flow.id }])
    ]);
    const claimed = [...a, ...b].map(([id]) => id);
    expect(claimed).toHaveLength(600);
    expect(new Set(claimed)).toEqual(new Set(ids));
    const s = f.store.queues.stats('q', Date.now());
    expect(s.counts).toMatchObject({ pending: 0, running: 0, succeeded: 600 });
    for (const [id, version, before] of [...a, ...b]) {
      // Never older than the version that was current just before the claim began.
      expect(version).toBeGreaterThanOrEqual(before);
      const job = f.store.queues.getJob(id);
      expect(job.attempts).toHaveLength(1);
      expect(job.attempts[0].flowVersion).toBe(version);
    }
    expect(f.store.flows.get(flow.id).version).toBe(31);
  });
});
