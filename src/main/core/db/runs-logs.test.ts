import { afterEach, describe, expect, it } from 'vitest';
import { fixture, NOOP_FLOW, T0, type Fixture } from './test-fixture';

let f: Fixture;
afterEach(() => f?.cleanup());

const line = (ms: number, message: string, level: 'info' | 'warn' = 'info') => ({ ts: new Date(ms).toISOString(), level, message });

describe('RunStore', () => {
  it('creates, finishes, reads and lists runs', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'f', code: NOOP_FLOW }, T0);
    const started = f.store.runs.create({ runId: 'r1', flowId: flow.id, flowVersion: 1, input: { a: 1 } }, T0);
    expect(started).toEqual({ runId: 'r1', flowId: flow.id, status: 'running', flowVersion: 1, startedAt: new Date(T0).toISOString(), finishedAt: null, durationMs: null, error: null });
    f.store.runs.create({ runId: 'r2', flowId: flow.id, flowVersion: null, input: null }, T0 + 10);
    const done = f.store.runs.finish('r1', { status: 'succeeded', result: { b: 2 } }, T0 + 40);
    expect(done).toMatchObject({ status: 'succeeded', durationMs: 40, finishedAt: new Date(T0 + 40).toISOString() });
    // A second finish (a cancel racing the result) keeps the first outcome.
    expect(f.store.runs.finish('r1', { status: 'cancelled', error: { code: 'CANCELLED_BY_USER', message: 'x' } }, T0 + 50).status).toBe('succeeded');
    expect(f.store.runs.get('r1')).toMatchObject({ input: { a: 1 }, result: { b: 2 }, error: null });
    f.store.runs.finish('r2', { status: 'failed', error: { code: 'FLOW_THREW', message: 'bad', line: 3 } }, T0 + 20);
    expect(f.store.runs.get('r2')).toMatchObject({ flowVersion: null, status: 'failed', error: { code: 'FLOW_THREW', message: 'bad', line: 3 } });
    expect(f.store.runs.list(flow.id, 10).map((r) => r.runId)).toEqual(['r2', 'r1']);
    expect(f.store.runs.list(flow.id, 1)).toHaveLength(1);
    expect(() => f.store.runs.get('nope')).toThrow(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
    expect(() => f.store.runs.create({ runId: 'r3', flowId: 999, flowVersion: 1, input: null }, T0)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
  });

  it('recoverOrphans ends runs left running as failed LEASE_EXPIRED', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'f', code: NOOP_FLOW }, T0);
    f.store.runs.create({ runId: 'a', flowId: flow.id, flowVersion: 1, input: null }, T0);
    f.store.runs.create({ runId: 'b', flowId: flow.id, flowVersion: 1, input: null }, T0);
    f.store.runs.finish('b', { status: 'succeeded', result: 1 }, T0 + 1);
    const next = f.open();
    expect(next.runs.recoverOrphans(T0 + 100)).toBe(1);
    expect(next.runs.get('a')).toMatchObject({ status: 'failed', durationMs: 100, error: { code: 'LEASE_EXPIRED' } });
    expect(next.runs.get('b').status).toBe('succeeded');
  });
});

describe('LogStore', () => {
  it('appends in order across batches and reads back with the truncated marker', () => {
    f = fixture();
    f.store.logs.append('job:1:1', [line(T0, 'one'), line(T0, 'two', 'warn')]);
    f.store.logs.append('job:1:1', [line(T0 + 1, 'three')]);
    f.store.logs.append('job:1:2', [line(T0, 'other attempt')]);
    expect(f.store.logs.read('job:1:1')).toEqual({ lines: [line(T0, 'one'), line(T0, 'two', 'warn'), line(T0 + 1, 'three')], truncated: false });
    f.store.logs.append('job:1:1', [line(T0 + 2, 'last')], true);
    f.store.logs.append('job:1:1', [], true);
    const read = f.store.logs.read('job:1:1');
    expect(read.truncated).toBe(true);
    expect(read.lines.map((l) => l.message)).toEqual(['one', 'two', 'three', 'last']);
    expect(f.store.logs.read('run:none')).toEqual({ lines: [], truncated: false });
  });
});

describe('Store.transaction', () => {
  it('rolls back everything when the function throws', () => {
    f = fixture();
    expect(() =>
      f.store.transaction(() => {
        f.store.flows.create({ name: 'ghost', code: NOOP_FLOW }, T0);
        throw new Error('abort');
      })
    ).toThrow('abort');
    expect(f.store.flows.list()).toEqual([]);
  });
});
