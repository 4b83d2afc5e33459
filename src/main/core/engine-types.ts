// The engine as the shells see it: typed handlers for every contract call, an event bus, and an
// orderly close. Both shells (HTTP server, Electron IPC) take an Engine and bind it; neither reaches
// further into the core.
import type { Handlers } from '../../shared/contract';
import type { EventBus } from './events';
import type { ProcessHost } from './workers/host';

export interface EngineOptions {
  /** Folder that holds flowdesk.db (created if missing). */
  dataDir: string;
  /** Absolute path of the built worker entry (out/main/worker.js). */
  workerEntry: string;
  /** How worker processes start; defaults to child_process.fork. */
  host?: ProcessHost;
  /**
   * Path of a better-sqlite3 native module built for this runtime, passed to better-sqlite3's
   * `nativeBinding` option. The Electron shell sets it (an Electron-ABI build in .electron-native/);
   * plain Node leaves it unset and uses node_modules/better-sqlite3's own build.
   */
  nativeBinding?: string;
  /** Warm Run Now workers kept idle (default 1). */
  warmRunWorkers?: number;
  /** Run Now items have no queue: they are flagged 'stalled' after this much inactivity (default 30000). */
  runHangAfterMs?: number;
  /** Test hooks: never set by the shells. */
  testHooks?: EngineTestHooks;
}

export interface EngineTestHooks {
  /** Drop the next reload message to this worker (proves the claim still fixes the version). */
  dropReloadFor?: (workerId: string) => boolean;
}

export interface CloseOptions {
  /** How long running jobs may finish before their workers are stopped (default 5000). */
  graceMs?: number;
}

export interface Engine {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly dataDir: string;
  close(options?: CloseOptions): Promise<void>;
}
