// In-memory stand-ins for Electron's ipcMain and ipcRenderer, wired to each other the way Electron
// wires them: invoke() reaches the handler registered for the channel; main's send reaches renderer
// listeners. Only tests use this (the Electron binary cannot run here); the binding under test is real.
import type { IpcInvokeEventLike, IpcMainLike } from '../ipc';
import type { IpcRendererLike } from '../../../preload/build-api';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpc implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<RendererListener>>();
  /** The URL of the frame the fake renderer calls from. */
  senderUrl = 'app://flowdesk/index.html';

  handle(channel: string, listener: Handler): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke does: structured-clone in and out, like Electron's IPC. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    const result = await handler({ senderFrame: { url: this.senderUrl } }, ...structuredClone(args));
    return structuredClone(result);
  }

  /** webContents.send from main. */
  readonly webContents = {
    send: (channel: string, ...args: unknown[]) => {
      for (const l of this.listeners.get(channel) ?? []) l({ sender: 'not for the page' }, ...structuredClone(args));
    },
    isDestroyed: () => false
  };

  readonly renderer: IpcRendererLike & { listenerCount(channel: string): number } = {
    invoke: (channel, ...args) => this.invoke(channel, ...args),
    on: (channel, listener) => {
      const set = this.listeners.get(channel) ?? new Set();
      set.add(listener);
      this.listeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      this.listeners.get(channel)?.delete(listener);
    },
    listenerCount: (channel) => this.listeners.get(channel)?.size ?? 0
  };
}
