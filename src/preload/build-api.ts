// The preload's logic as a pure function of an ipcRenderer-like object, so a plain-Node test can check
// the exposed surface without Electron. One named function per contract request, generated from
// REQUEST_NAMES; there is deliberately no generic invoke: the renderer can reach exactly the contract.
import { IPC_EVENT_CHANNEL, REQUEST_NAMES, ipcChannel, type Api, type EventEnvelope } from '../shared/contract';
import { isErrorData, type ErrorData } from '../shared/errors';
import { IPC_MENU_CHANNEL, MENU_COMMANDS, type IpcReply, type MenuCommand, type PreloadApi } from '../shared/preload-api';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * What a failed call rejects with: plain data with the code. Not an Error instance on purpose: the
 * contextBridge rebuilds Errors from their message and drops every other property, while a plain
 * object crosses whole, so the renderer can branch on `code`.
 */
export interface PreloadRejection extends ErrorData {
  name: 'ApiError';
}

export function buildPreloadApi(ipc: IpcRendererLike, platform: string): PreloadApi {
  return { ...buildCalls(ipc), onEvent: subscribe(ipc), onMenu: subscribeMenu(ipc), platform } satisfies PreloadApi;
}

function buildCalls(ipc: IpcRendererLike): Api {
  const calls: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) {
    const channel = ipcChannel(name);
    calls[name] = async (input?: unknown) => unwrap(await ipc.invoke(channel, input ?? {}));
  }
  return calls as unknown as Api;
}

function unwrap(reply: unknown): unknown {
  const r = reply as IpcReply<unknown> | undefined;
  if (r && r.ok === true) return r.value;
  const error: ErrorData =
    r && r.ok === false && isErrorData(r.error) ? r.error : { code: 'INTERNAL', message: 'Malformed reply from the main process' };
  const rejection: PreloadRejection = { name: 'ApiError', code: error.code, message: error.message };
  if (error.details !== undefined) rejection.details = error.details;
  throw rejection;
}

function subscribe(ipc: IpcRendererLike): PreloadApi['onEvent'] {
  return (listener) => {
    // The IpcRendererEvent (with its sender) never reaches the page: only the envelope does.
    const wrapped = (_event: unknown, envelope: unknown) => listener(envelope as EventEnvelope);
    ipc.on(IPC_EVENT_CHANNEL, wrapped);
    return () => void ipc.removeListener(IPC_EVENT_CHANNEL, wrapped);
  };
}

function subscribeMenu(ipc: IpcRendererLike): NonNullable<PreloadApi['onMenu']> {
  return (listener) => {
    const wrapped = (_event: unknown, command: unknown) => {
      if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
    };
    ipc.on(IPC_MENU_CHANNEL, wrapped);
    return () => void ipc.removeListener(IPC_MENU_CHANNEL, wrapped);
  };
}
