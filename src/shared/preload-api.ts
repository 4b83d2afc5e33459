// What the preload exposes on window.flowdesk: one named function per contract request (no generic
// invoke), plus an event subscription. The renderer's api module uses this type; the preload
// `satisfies` it, so a request added to the contract without a preload function fails the build.
import type { Api, EventEnvelope } from './contract';
import type { ErrorData } from './errors';

export type PreloadApi = Api & {
  onEvent(listener: (event: EventEnvelope) => void): () => void;
  /** Menu commands from the application menu (New Flow, Save, Run Now, Queue Monitor). */
  onMenu?(listener: (command: MenuCommand) => void): () => void;
  readonly platform: string;
};

export type MenuCommand = 'new-flow' | 'save' | 'run-now' | 'queue-monitor';

/** Where the preload puts it. */
export const PRELOAD_GLOBAL = 'flowdesk';

/** The channel the application menu's commands travel on (main -> renderer). */
export const IPC_MENU_CHANNEL = 'flowdesk:menu';
export const MENU_COMMANDS: readonly MenuCommand[] = ['new-flow', 'save', 'run-now', 'queue-monitor'];

/**
 * What every IPC call answers. Errors travel as plain data with a code because Electron rebuilds a
 * thrown Error from its message alone, both over ipcMain.handle and over the contextBridge.
 */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
