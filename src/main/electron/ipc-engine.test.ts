// Every contract request through the IPC binding, answered by the real engine (real SQLite file, real
// worker processes). Each answer is either a value or an error with a contract code; none is INTERNAL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WORKER_ENTRY, tempDir } from '../../../test/paths';
import { REQUEST_NAMES, ipcChannel, type RequestName } from '../../shared/contract';
import { API_ERROR_CODES, type ErrorData } from '../../shared/errors';
import type { IpcReply } from '../../shared/preload-api';
import { createEngine } from '../core/engine';
import type { Engine } from '../core/engine-types';
import { FakeIpc } from './testing/fake-ipc';
import { bindIpc } from './ipc';

describe('bindIpc with the real engine', () => {
  let engine: Engine;
  let cleanup: () => void;
  const ipc = new FakeIpc();
  const reached = new Set<RequestName>();

  beforeAll(async () => {
    const tmp = tempDir('flowdesk-ipc-');
    cleanup = tmp.cleanup;
    engine = await createEngine({ dataDir: tmp.dir, workerEntry: TEST_WORKER_ENTRY, warmRunWorkers: 1 });
    bindIpc(ipc, engine.handlers);
  });
  afterAll(async () => {
    await engine?.close({ graceMs: 500 });
    cleanup?.();
  });

  async function call(name: RequestName, input: unknown): Promise<IpcReply<unknown>> {
    reached.add(name);
    const reply = (await ipc.invoke(ipcChannel(name), input)) as IpcReply<unknown>;
    if (!reply.ok) {
      expect(reply.error.code, `${name}: ${reply.error.message}`).not.toBe('INTERNAL');
      expect(API_ERROR_CODES as readonly string[]).toContain(reply.error.code);
    }
    return reply;
  }
  async function value<T>(name: RequestName, input: unknown): Promise<T> {
    const reply = await call(name, input);
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  }
  async function failure(name: RequestName, input: unknown): Promise<ErrorData> {
    const reply = await call(name, input);
    if (reply.ok) throw new Error(`${name} unexpectedly succeeded`);
    return reply.error;
  }

  it('answers every contract request', async () => {
    expect(await value('health.get', {})).toMatchObject({ ok: true });
    expect(await value('flows.list', {})).toEqual([]);
    const flow = await value<{ id: number; version: number }>('flows.create', { name: 'ipc flow', code: 'export default async (i) => ({ got: i })' });
    expect(await value('flows.get', { id: flow.id })).toMatchObject({ id: flow.id, version: 1 });
    expect(await value('flows.save', { id: flow.id, code: 'export default async (i) => ({ got2: i })' })).toMatchObject({ version: 2, changed: true });
    expect(await value('flows.rename', { id: flow.id, name: 'ipc flow renamed' })).toMatchObject({ name: 'ipc flow renamed', version: 2 });
    expect(await value<Array<{ version: number }>>('flows.versions', { id: flow.id })).toHaveLength(2);
    expect(await value('flows.version', { id: flow.id, version: 1 })).toMatchObject({ version: 1 });

    const run = await value<{ runId: string; status: string; result: unknown }>('flows.run', { id: flow.id, input: { a: 1 } });
    expect(run).toMatchObject({ status: 'succeeded', result: { got2: { a: 1 } } });
    expect(await value<unknown[]>('flows.runs', { id: flow.id })).toHaveLength(1);
    expect(await value('runs.get', { runId: run.runId })).toMatchObject({ runId: run.runId, status: 'succeeded' });
    expect((await failure('runs.cancel', { runId: run.runId })).code).toBe('RUN_NOT_CANCELLABLE');

    expect(await value('queues.list', {})).toEqual([]);
    // Disabled, so the job stays pending and can be cancelled, retried and purged deterministically.
    expect(await value('queues.create', { name: 'ipc-q', flowId: flow.id, enabled: false })).toMatchObject({ name: 'ipc-q', enabled: false });
    expect(await value('queues.get', { name: 'ipc-q' })).toMatchObject({ name: 'ipc-q' });
    expect(await value('queues.update', { name: 'ipc-q', concurrency: 2 })).toMatchObject({ concurrency: 2 });
    const job = await value<{ id: number; status: string }>('queues.enqueue', { name: 'ipc-q', payload: { n: 1 } });
    expect(job.status).toBe('pending');
    expect(await value<unknown[]>('queues.jobs', { name: 'ipc-q' })).toHaveLength(1);
    expect(await value('queues.jobRows', { name: 'ipc-q' })).toMatchObject({ total: 1 });
    expect(await value('queues.stats', { name: 'ipc-q' })).toMatchObject({ counts: { pending: 1 } });
    expect(await value('jobs.get', { id: job.id })).toMatchObject({ id: job.id });
    expect(await value('jobs.logs', { id: job.id })).toMatchObject({ lines: [] });
    expect(await value('jobs.cancel', { id: job.id })).toMatchObject({ status: 'cancelled' });
    expect(await value('jobs.retry', { id: job.id })).toMatchObject({ status: 'pending' });
    expect(await value('queues.purge', { name: 'ipc-q' })).toEqual({ purged: 1 });
    expect(Array.isArray(await value('workers.list', {}))).toBe(true);
    expect((await failure('flows.delete', { id: flow.id })).code).toBe('FLOW_IN_USE');
    expect(await value('queues.delete', { name: 'ipc-q' })).toBeUndefined();
    expect(await value('flows.delete', { id: flow.id })).toBeUndefined();
    expect((await failure('flows.get', { id: flow.id })).code).toBe('FLOW_NOT_FOUND');

    expect([...reached].sort()).toEqual([...REQUEST_NAMES].sort());
  });

  it('refuses invalid input with VALIDATION_FAILED and writes nothing', async () => {
    const bad = (await ipc.invoke(ipcChannel('flows.create'), { name: '', code: 'x' })) as IpcReply<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const lang = (await ipc.invoke(ipcChannel('flows.create'), { name: 'n', code: 'x', language: 'ruby' })) as IpcReply<unknown>;
    expect(lang).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await engine.handlers['flows.list']({})).toEqual([]);
  });
});
