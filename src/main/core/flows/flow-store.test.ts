import { afterEach, describe, expect, it } from 'vitest';
import { codeHash } from './compile';
import { fixture, T0, NOOP_FLOW, type Fixture } from '../db/test-fixture';

let f: Fixture;
afterEach(() => f?.cleanup());

const V2 = 'export default async (input) => ({ v: 2, input });\n';

describe('FlowStore', () => {
  it('creates at version 1 with one history row and a stored bundle', () => {
    f = fixture();
    const { flow, diagnostics } = f.store.flows.create({ name: 'hello', code: NOOP_FLOW }, T0);
    expect(flow).toMatchObject({ name: 'hello', language: 'javascript', version: 1, code: NOOP_FLOW });
    expect(flow.createdAt).toBe(new Date(T0).toISOString());
    expect(diagnostics).toEqual([]);
    expect(f.store.flows.versions(flow.id)).toEqual([{ version: 1, codeHash: codeHash(NOOP_FLOW), savedAt: new Date(T0).toISOString() }]);
    const bundle = f.store.flows.bundle(flow.id, 1);
    expect(bundle).toMatchObject({ flowId: flow.id, version: 1, codeHash: codeHash(NOOP_FLOW), syntaxError: null });
    expect(bundle.js).toContain('module.exports');
    expect(JSON.parse(bundle.map!).sourcesContent).toEqual([NOOP_FLOW]);
    expect(f.store.flows.list()).toEqual([{ id: flow.id, name: 'hello', language: 'javascript', version: 1, updatedAt: flow.updatedAt }]);
  });

  it('refuses a duplicate name with FLOW_EXISTS', () => {
    f = fixture();
    f.store.flows.create({ name: 'dup', code: NOOP_FLOW }, T0);
    expect(() => f.store.flows.create({ name: 'dup', code: V2 }, T0)).toThrow(expect.objectContaining({ code: 'FLOW_EXISTS' }));
    expect(f.store.flows.list()).toHaveLength(1);
  });

  it('bumps the version by one on changed code and keeps every version', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'bump', code: NOOP_FLOW }, T0);
    const saved = f.store.flows.save({ id: flow.id, code: V2, expectedVersion: 1 }, T0 + 1000);
    expect(saved.changed).toBe(true);
    expect(saved.flow).toMatchObject({ version: 2, code: V2, updatedAt: new Date(T0 + 1000).toISOString(), createdAt: flow.createdAt });
    const v3 = 'export default async () => 3;\n';
    expect(f.store.flows.save({ id: flow.id, code: v3 }, T0 + 2000).flow.version).toBe(3);
    expect(f.store.flows.versions(flow.id).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(f.store.flows.version(flow.id, 1)).toMatchObject({ version: 1, code: NOOP_FLOW, codeHash: codeHash(NOOP_FLOW) });
    expect(f.store.flows.version(flow.id, 2).code).toBe(V2);
    expect(f.store.flows.get(flow.id)).toMatchObject({ version: 3, code: v3 });
    expect(f.store.flows.bundle(flow.id, 2).codeHash).toBe(codeHash(V2));
    expect(() => f.store.flows.version(flow.id, 9)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
  });

  it('saving identical code changes nothing', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'same', code: NOOP_FLOW }, T0);
    const again = f.store.flows.save({ id: flow.id, code: NOOP_FLOW, expectedVersion: 1 }, T0 + 5000);
    expect(again.changed).toBe(false);
    expect(again.flow).toEqual(flow);
    expect(f.store.flows.versions(flow.id)).toHaveLength(1);
  });

  it('answers VERSION_CONFLICT with the current version when expectedVersion is stale', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'conflict', code: NOOP_FLOW }, T0);
    f.store.flows.save({ id: flow.id, code: V2 }, T0 + 1);
    expect(() => f.store.flows.save({ id: flow.id, code: 'export default async () => 0', expectedVersion: 1 }, T0 + 2)).toThrow(
      expect.objectContaining({ code: 'VERSION_CONFLICT', details: expect.objectContaining({ currentVersion: 2 }) })
    );
    expect(f.store.flows.get(flow.id)).toMatchObject({ version: 2, code: V2 });
    expect(() => f.store.flows.save({ id: 999, code: V2 }, T0)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
  });

  it('two connections saving from one base version: exactly one wins', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'race', code: NOOP_FLOW }, T0);
    const a = f.store;
    const b = f.open();
    const results = [a, b].map((s, i) => {
      try {
        return s.flows.save({ id: flow.id, code: `export default async () => ${i};\n`, expectedVersion: 1 }, T0 + 1);
      } catch (e) {
        return e as { code: string };
      }
    });
    const wins = results.filter((r) => 'changed' in r);
    const losses = results.filter((r) => !('changed' in r));
    expect(wins).toHaveLength(1);
    expect(losses).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
    expect(b.flows.versions(flow.id).map((v) => v.version)).toEqual([2, 1]);
    // Without expectedVersion both saves land, one after the other: nothing is lost.
    a.flows.save({ id: flow.id, code: 'export default async () => "a"' }, T0 + 2);
    b.flows.save({ id: flow.id, code: 'export default async () => "b"' }, T0 + 3);
    expect(a.flows.versions(flow.id).map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('renames, and a save may rename too', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'old', code: NOOP_FLOW }, T0);
    f.store.flows.create({ name: 'other', code: NOOP_FLOW }, T0);
    const renamed = f.store.flows.rename(flow.id, 'new', T0 + 10);
    expect(renamed).toMatchObject({ name: 'new', version: 1, updatedAt: new Date(T0 + 10).toISOString() });
    expect(() => f.store.flows.rename(flow.id, 'other', T0)).toThrow(expect.objectContaining({ code: 'FLOW_EXISTS' }));
    const saved = f.store.flows.save({ id: flow.id, code: NOOP_FLOW, name: 'newer' }, T0 + 20);
    expect(saved).toMatchObject({ changed: false, flow: { name: 'newer', version: 1 } });
    expect(() => f.store.flows.rename(404, 'x', T0)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
  });

  it('deletes a flow with its history and runs, but refuses while a queue is bound', () => {
    f = fixture();
    const { flow } = f.store.flows.create({ name: 'bound', code: NOOP_FLOW }, T0);
    f.store.queues.create({ name: 'q', flowId: flow.id }, T0);
    expect(() => f.store.flows.delete(flow.id)).toThrow(expect.objectContaining({ code: 'FLOW_IN_USE', details: expect.objectContaining({ queues: ['q'] }) }));
    expect(f.store.flows.get(flow.id).name).toBe('bound');
    f.store.queues.delete('q', T0);
    f.store.runs.create({ runId: 'r1', flowId: flow.id, flowVersion: 1, input: null }, T0);
    f.store.logs.append('run:r1', [{ ts: new Date(T0).toISOString(), level: 'info', message: 'hi' }]);
    f.store.flows.delete(flow.id);
    expect(() => f.store.flows.get(flow.id)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
    expect(() => f.store.runs.get('r1')).toThrow(expect.objectContaining({ code: 'RUN_NOT_FOUND' }));
    expect(f.store.logs.read('run:r1').lines).toEqual([]);
    expect(() => f.store.flows.delete(flow.id)).toThrow(expect.objectContaining({ code: 'FLOW_NOT_FOUND' }));
  });

  it('compiles TypeScript and keeps code that does not compile, with its syntax error', () => {
    f = fixture();
    const ts = f.store.flows.create({ name: 'typed', language: 'typescript', code: 'export default async (n: number): Promise<number> => n * 2;\n' }, T0);
    expect(ts.diagnostics).toEqual([]);
    expect(f.store.flows.bundle(ts.flow.id, 1).js).not.toContain(': number');

    const broken = f.store.flows.save({ id: ts.flow.id, code: 'export default async (n: number) => {\n  return n +;\n};\n' }, T0 + 1);
    expect(broken.changed).toBe(true);
    expect(broken.diagnostics[0]).toMatchObject({ severity: 'error', line: 2, column: 13 });
    const bundle = f.store.flows.bundle(ts.flow.id, 2);
    expect(bundle.syntaxError).toMatchObject({ code: 'FLOW_SYNTAX_ERROR', line: 2, column: 13 });

    const noDefault = f.store.flows.create({ name: 'nodefault', code: 'export const x = 1;\n' }, T0);
    expect(noDefault.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 1, column: 1 })]);
  });
});
