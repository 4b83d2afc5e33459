// Binds the contract to Electron IPC. Takes an IpcMain-like object instead of importing Electron, so
// plain-Node tests run the real binding against the real engine. Every input passes validateInput, the
// door the HTTP routes use too; every answer is an IpcReply, because Electron rebuilds a thrown
// Error from its message alone and the renderer must branch on the code.
import { IPC_EVENT_CHANNEL, REQUEST_NAMES, ipcChannel, type EventEnvelope, type Handlers, type RequestName } from '../../shared/contract';
import { AppError, toErrorData, type ErrorData } from '../../shared/errors';
import type { IpcReply } from '../../shared/preload-api';
import { validateInput } from '../../shared/validate';

/** The part of Electron's IpcMainInvokeEvent we read. */
export interface IpcInvokeEventLike {
  senderFrame?: { url: string } | null;
}

/** The part of Electron's ipcMain we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface BindIpcOptions {
  /** Refuse calls from frames whose URL this rejects (a navigated or injected frame). Default: trust all. */
  isTrustedSender?: (url: string) => boolean;
  /** Called with unexpected (INTERNAL) failures, for the main-process log. */
  onInternalError?: (name: RequestName, error: unknown) => void;
}

/** Registers one handler per contract request; returns a function that removes them all. */
export function bindIpc(ipcMain: IpcMainLike, handlers: Handlers, options: BindIpcOptions = {}): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, raw) => dispatch(name, handlers, event, raw, options));
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

async function dispatch(
  name: RequestName,
  handlers: Handlers,
  event: IpcInvokeEventLike,
  raw: unknown,
  options: BindIpcOptions
): Promise<IpcReply<unknown>> {
  const url = event?.senderFrame?.url ?? '';
  if (options.isTrustedSender && !options.isTrustedSender(url)) {
    return fail(new AppError('UNAUTHORIZED', `${name}: refused a call from an untrusted frame`, { url }));
  }
  try {
    // The same door as HTTP: a bad input is VALIDATION_FAILED with the issues, and nothing runs.
    const input = validateInput(name, raw);
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(input) };
  } catch (e) {
    const error = toErrorData(e);
    if (error.code === 'INTERNAL') options.onInternalError?.(name, e);
    return { ok: false, error };
  }
}

function fail(e: AppError): { ok: false; error: ErrorData } {
  return { ok: false, error: e.toData() };
}

/** The part of an Electron WebContents the event bridge needs. */
export interface EventTargetLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Forwards every engine event to the window as it is; returns the unsubscribe. */
export function forwardEvents(
  events: { on(listener: (event: EventEnvelope) => void): () => void },
  target: () => EventTargetLike | null
): () => void {
  return events.on((envelope) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, envelope);
  });
}
