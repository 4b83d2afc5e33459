// The preload's exposed surface equals the contract: one named function per request (no generic
// invoke), plus onEvent/onMenu and platform. Driven through the real IPC binding over a fake ipc pair.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../main/core/events';
import { FakeIpc } from '../main/electron/testing/fake-ipc';
import { bindIpc, forwardEvents } from '../main/electron/ipc';
import { sampleInputs } from '../main/electron/testing/sample-inputs';
import { IPC_EVENT_CHANNEL, REQUEST_NAMES, type Handlers } from '../shared/contract';
import { AppError } from '../shared/errors';
import { IPC_MENU_CHANNEL } from '../shared/preload-api';
import { buildPreloadApi } from './build-api';

function echoHandlers(): Handlers {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) out[name] = async (input) => ({ name, input });
  return out as unknown as Handlers;
}

describe('buildPreloadApi', () => {
  it('exposes exactly one function per contract request plus onEvent, onMenu and platform', () => {
    const api = buildPreloadApi(new FakeIpc().renderer, 'linux');
    const keys = Object.keys(api).sort();
    expect(keys).toEqual([...REQUEST_NAMES, 'onEvent', 'onMenu', 'platform'].sort());
    for (const name of REQUEST_NAMES) expect(typeof api[name], name).toBe('function');
    expect(api.platform).toBe('linux');
    expect(keys).not.toContain('invoke');
  });

  it('every named function reaches its own handler through the real binding', async () => {
    const ipc = new FakeIpc();
    bindIpc(ipc, echoHandlers());
    const api = buildPreloadApi(ipc.renderer, 'linux');
    const samples = sampleInputs({ flowId: 1, queue: 'q1', jobId: 1, runId: 'r1' });
    for (const name of REQUEST_NAMES) {
      const call = api[name] as (input: unknown) => Promise<{ name: string }>;
      expect((await call(samples[name])).name).toBe(name);
    }
    // Calls without parameters may omit the argument.
    expect(await (api['flows.list'] as unknown as () => Promise<{ name: string }>)()).toMatchObject({ name: 'flows.list' });
  });

  it('rejects with plain {name, code, message, details} data that survives the contextBridge', async () => {
    const ipc = new FakeIpc();
    const handlers = echoHandlers();
    handlers['flows.save'] = async () => {
      throw new AppError('VERSION_CONFLICT', 'Flow 1 is at version 3, not 2', { currentVersion: 3 });
    };
    bindIpc(ipc, handlers);
    const api = buildPreloadApi(ipc.renderer, 'linux');
    await expect(api['flows.save']({ id: 1, code: 'x', expectedVersion: 2 })).rejects.toEqual({
      name: 'ApiError',
      code: 'VERSION_CONFLICT',
      message: 'Flow 1 is at version 3, not 2',
      details: { currentVersion: 3 }
    });
    await expect(api['flows.get']({ id: -1 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // The rejection must be structured-cloneable whole, which is what the contextBridge copies.
    const rejection = await api['flows.get']({ id: -1 }).catch((e: unknown) => e);
    expect(structuredClone(rejection)).toEqual(rejection);
  });

  it('turns a malformed reply into INTERNAL rather than resolving with garbage', async () => {
    const api = buildPreloadApi({ invoke: async () => 'nonsense', on: () => undefined, removeListener: () => undefined }, 'linux');
    await expect(api['health.get']({})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('onEvent delivers envelopes (never the IPC event object) and unsubscribes', () => {
    const ipc = new FakeIpc();
    const bus = new EventBus();
    forwardEvents(bus, () => ipc.webContents);
    const api = buildPreloadApi(ipc.renderer, 'linux');
    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    bus.emit('queue.deleted', { name: 'q' });
    off();
    bus.emit('queue.deleted', { name: 'r' });
    expect(seen).toEqual([{ seq: 1, type: 'queue.deleted', data: { name: 'q' } }]);
    expect(ipc.renderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('onMenu passes known menu commands only', () => {
    const ipc = new FakeIpc();
    const api = buildPreloadApi(ipc.renderer, 'darwin');
    const seen: string[] = [];
    const off = api.onMenu!((c) => seen.push(c));
    ipc.webContents.send(IPC_MENU_CHANNEL, 'save');
    ipc.webContents.send(IPC_MENU_CHANNEL, 'rm -rf');
    ipc.webContents.send(IPC_MENU_CHANNEL, 'queue-monitor');
    off();
    ipc.webContents.send(IPC_MENU_CHANNEL, 'save');
    expect(seen).toEqual(['save', 'queue-monitor']);
  });
});
