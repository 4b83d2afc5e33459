// The IPC binding against an IpcMain-like fake: every contract request has a channel and is answered,
// bad input is refused with VALIDATION_FAILED before the handler runs, and errors cross as code data.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../core/events';
import { IPC_EVENT_CHANNEL, REQUEST_NAMES, ipcChannel, type Handlers, type RequestName } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { FakeIpc } from './testing/fake-ipc';
import { bindIpc, forwardEvents } from './ipc';
import { sampleInputs } from './testing/sample-inputs';

/** A handlers object that records the (validated) input and answers with its own name. */
function recordingHandlers(calls: Array<{ name: RequestName; input: unknown }>): Handlers {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) {
    out[name] = async (input) => {
      calls.push({ name, input });
      return { answeredBy: name };
    };
  }
  return out as unknown as Handlers;
}

const samples = sampleInputs({ flowId: 1, queue: 'q1', jobId: 1, runId: 'run_1' });

describe('bindIpc', () => {
  it('registers exactly one channel per contract request and removes them on unbind', () => {
    const ipc = new FakeIpc();
    const unbind = bindIpc(ipc, recordingHandlers([]));
    expect([...ipc.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(ipcChannel).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers every contract request through its channel with {ok: true, value}', async () => {
    const ipc = new FakeIpc();
    const calls: Array<{ name: RequestName; input: unknown }> = [];
    bindIpc(ipc, recordingHandlers(calls));
    for (const name of REQUEST_NAMES) {
      const reply = await ipc.invoke(ipcChannel(name), samples[name]);
      expect(reply, name).toEqual({ ok: true, value: { answeredBy: name } });
    }
    expect(calls.map((c) => c.name)).toEqual(REQUEST_NAMES);
  });

  it('treats a missing argument as {} for requests without parameters', async () => {
    const ipc = new FakeIpc();
    bindIpc(ipc, recordingHandlers([]));
    expect(await ipc.invoke(ipcChannel('flows.list'))).toEqual({ ok: true, value: { answeredBy: 'flows.list' } });
  });

  it('refuses invalid input with VALIDATION_FAILED and the issues, without calling the handler', async () => {
    const ipc = new FakeIpc();
    const calls: Array<{ name: RequestName; input: unknown }> = [];
    bindIpc(ipc, recordingHandlers(calls));
    const bad: Array<[RequestName, unknown]> = [
      ['flows.create', { code: 'x' }], // missing name
      ['flows.create', { name: 'a', code: 1 }], // wrong type
      ['flows.create', { name: 'a', code: '', language: 'cobol' }], // unknown language
      ['flows.get', { id: 'abc' }],
      ['flows.list', { extra: true }], // strict objects: unknown keys are refused
      ['queues.create', { name: 'Bad Name!', flowId: 1 }],
      ['jobs.get', null],
      ['flows.save', 'not an object']
    ];
    for (const [name, input] of bad) {
      const reply = (await ipc.invoke(ipcChannel(name), input)) as { ok: boolean; error: { code: string; message: string; details: { issues: unknown[] } } };
      expect(reply.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.message).toContain(name);
      expect(reply.error.details.issues.length).toBeGreaterThan(0);
    }
    expect(calls).toEqual([]);
  });

  it('passes the parsed input (coerced, trimmed) to the handler', async () => {
    const ipc = new FakeIpc();
    const calls: Array<{ name: RequestName; input: unknown }> = [];
    bindIpc(ipc, recordingHandlers(calls));
    await ipc.invoke(ipcChannel('flows.create'), { name: '  spaced  ', code: '' });
    expect(calls[0].input).toEqual({ name: 'spaced', code: '' });
  });

  it('sends an AppError across as {code, message, details} and unknown failures as INTERNAL', async () => {
    const ipc = new FakeIpc();
    const internal: unknown[] = [];
    const handlers = recordingHandlers([]);
    handlers['flows.get'] = async ({ id }) => {
      throw new AppError('FLOW_NOT_FOUND', `No flow ${id}`, { id });
    };
    handlers['flows.list'] = async () => {
      throw new TypeError('boom');
    };
    bindIpc(ipc, handlers, { onInternalError: (_name, e) => internal.push(e) });
    expect(await ipc.invoke(ipcChannel('flows.get'), { id: 7 })).toEqual({
      ok: false,
      error: { code: 'FLOW_NOT_FOUND', message: 'No flow 7', details: { id: 7 } }
    });
    const reply = (await ipc.invoke(ipcChannel('flows.list'), {})) as { ok: false; error: { code: string; message: string } };
    expect(reply.error.code).toBe('INTERNAL');
    expect(reply.error.message).toContain('boom');
    expect(internal).toHaveLength(1);
  });

  it('refuses calls from an untrusted frame when a sender check is given', async () => {
    const ipc = new FakeIpc();
    const calls: Array<{ name: RequestName; input: unknown }> = [];
    bindIpc(ipc, recordingHandlers(calls), { isTrustedSender: (url) => url.startsWith('app://flowdesk/') });
    expect(await ipc.invoke(ipcChannel('health.get'), {})).toMatchObject({ ok: true });
    ipc.senderUrl = 'https://evil.example/';
    expect(await ipc.invoke(ipcChannel('health.get'), {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toHaveLength(1);
  });
});

describe('forwardEvents', () => {
  it('sends each engine event envelope to the window on IPC_EVENT_CHANNEL until unsubscribed', () => {
    const ipc = new FakeIpc();
    const bus = new EventBus();
    const seen: unknown[] = [];
    ipc.renderer.on(IPC_EVENT_CHANNEL, (_e, envelope) => seen.push(envelope));
    const stop = forwardEvents(bus, () => ipc.webContents);
    bus.emit('flow.deleted', { id: 3 });
    stop();
    bus.emit('flow.deleted', { id: 4 });
    expect(seen).toEqual([{ seq: 1, type: 'flow.deleted', data: { id: 3 } }]);
  });

  it('drops events while there is no window or it is destroyed', () => {
    const bus = new EventBus();
    const sent: unknown[] = [];
    let destroyed = true;
    forwardEvents(bus, () => ({ send: (...a: unknown[]) => sent.push(a), isDestroyed: () => destroyed }));
    bus.emit('flow.deleted', { id: 1 });
    destroyed = false;
    bus.emit('flow.deleted', { id: 2 });
    expect(sent).toHaveLength(1);
  });
});
