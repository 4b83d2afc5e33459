// createStore: open the database file, migrate it, and wire the repositories the engine uses.
// The one entry point to SQLite for the engine (engine.ts) and tests.
import type { Store } from '../store-types';
import { createFlowStore } from '../flows/flow-store';
import { createQueueStore } from '../queue/queue-store';
import { createLogStore } from './logs';
import { openDatabase } from './open';
import { createRunStore } from './runs';

export interface StoreOptions {
  /** The database file (created if missing). */
  file: string;
  /** Defaults to findMigrationsDir(). */
  migrationsDir?: string;
  /** Backoff jitter source (tests inject a fixed one). */
  random?: () => number;
  /** better-sqlite3 native module for this runtime (EngineOptions.nativeBinding). */
  nativeBinding?: string;
}

export function createStore(options: StoreOptions): Store {
  const { sqlite, db } = openDatabase({ file: options.file, migrationsDir: options.migrationsDir, nativeBinding: options.nativeBinding });
  let closed = false;
  return {
    flows: createFlowStore(db, sqlite),
    queues: createQueueStore(db, sqlite, options.random),
    runs: createRunStore(sqlite),
    logs: createLogStore(sqlite),
    // Nested calls (a repository's own transaction inside) become savepoints: better-sqlite3 handles it.
    transaction: <T>(fn: () => T): T => sqlite.transaction(fn).immediate(),
    close() {
      if (closed) return;
      closed = true;
      sqlite.close();
    }
  };
}
