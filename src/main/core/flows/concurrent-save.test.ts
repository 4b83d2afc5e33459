// Two savers at the same instant, each on its own connection in its own thread, from one base
// version: the IMMEDIATE transaction serialises them, so exactly one wins and the other is told.
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, inThreads, NOOP_FLOW, STORE_MODULE, T0, type Fixture } from '../db/test-fixture';

let f: Fixture;
afterEach(() => f?.cleanup());

const SAVER = `
import { createStore } from ${JSON.stringify(STORE_MODULE)};
const store = createStore({ file: workerData.file, migrationsDir: workerData.migrationsDir });
release();
let answer;
try {
  const r = store.flows.save({ id: workerData.id, code: workerData.code, expectedVersion: 1 }, Date.now());
  answer = { ok: true, version: r.flow.version };
} catch (e) {
  answer = { ok: false, code: e.code, details: e.details };
}
store.close();
parentPort.postMessage(answer);
`;

describe('concurrent saves', () => {
  it('two threads saving from version 1 at once: exactly one wins, the other gets VERSION_CONFLICT', async () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'race', code: NOOP_FLOW }, T0);
    const results = await inThreads<{ ok: boolean; version?: number; code?: string }>(f.dir, SAVER, [
      { file: f.file, id: flow.id, code: 'export default async () => 0;\n' },
      { file: f.file, id: flow.id, code: 'export default async () => 1;\n' }
    ]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, version: 2 }]);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ ok: false, code: 'VERSION_CONFLICT' })]);
    expect(f.store.flows.versions(flow.id).map((v) => v.version)).toEqual([2, 1]);
  });
});
