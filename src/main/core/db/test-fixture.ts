// Test helper (not shipped code): a real store on a real file in its own temp folder.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { tempDir } from '../../../../test/paths';
import type { Store } from '../store-types';
import { findMigrationsDir } from './migrate';
import { createStore } from './store';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

export interface Fixture {
  dir: string;
  file: string;
  store: Store;
  /** Another store on the same file (a second connection). */
  open(random?: () => number): Store;
  cleanup(): void;
}

export function fixture(random?: () => number): Fixture {
  const { dir, cleanup } = tempDir('flowdesk-store-');
  const file = join(dir, 'flowdesk.db');
  const opened: Store[] = [];
  const open = (r?: () => number): Store => {
    const s = createStore({ file, random: r ?? random });
    opened.push(s);
    return s;
  };
  const store = open();
  return {
    dir,
    file,
    store,
    open,
    cleanup() {
      for (const s of opened) s.close();
      cleanup();
    }
  };
}

export const NOOP_FLOW = 'export default async (input) => input;\n';

/**
 * Runs `source` (a TypeScript module body that may import project files by absolute path) in one
 * worker thread per entry of `inputs`, all released at the same instant, and returns what each
 * posted. Real concurrency on one database file: each thread opens its own connection.
 */
export async function inThreads<T>(dir: string, source: string, inputs: Array<Record<string, unknown>>): Promise<T[]> {
  const entry = join(dir, `thread-${Math.random().toString(36).slice(2)}.ts`);
  const bundle = entry.replace(/\.ts$/, '.cjs');
  writeFileSync(
    entry,
    `import { parentPort, workerData } from 'node:worker_threads';\n` +
      `const release = () => { const g = new Int32Array(workerData.gate); Atomics.add(g, 1, 1); Atomics.wait(g, 0, 0); };\n` +
      source
  );
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    external: ['better-sqlite3', 'esbuild'],
    logLevel: 'silent',
    // The bundle lives in the temp folder; its native dependencies resolve from the project.
    banner: { js: `module.paths.unshift(${JSON.stringify(resolve(__dirname, '../../../../node_modules'))});` }
  });
  const gate = new SharedArrayBuffer(8);
  const counter = new Int32Array(gate);
  const migrationsDir = findMigrationsDir();
  const workers = inputs.map((input) => new Worker(bundle, { workerData: { ...input, gate, migrationsDir } }));
  let failed = false;
  const answers = workers.map(
    (w) =>
      new Promise<T>((res, rej) => {
        w.once('message', res);
        w.once('error', (e) => ((failed = true), rej(e)));
      })
  );
  try {
    // Release every thread only once all have opened their store and are waiting at the gate.
    const deadline = Date.now() + 20_000;
    while (Atomics.load(counter, 1) < inputs.length && !failed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    Atomics.store(counter, 0, 1);
    Atomics.notify(counter, 0);
    return await Promise.all(answers);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export const STORE_MODULE = resolve(__dirname, 'store.ts');
