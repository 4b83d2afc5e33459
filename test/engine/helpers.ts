// Shared setup for engine integration tests: a real engine on a temp data folder, forking the real
// worker built by test/global-setup.ts, plus bounded polling (no fixed sleeps).
import type { EventEnvelope } from '../../src/shared/contract';
import { createEngine } from '../../src/main/core/engine';
import type { Engine, EngineTestHooks } from '../../src/main/core/engine-types';
import { TEST_WORKER_ENTRY, tempDir } from '../paths';
import { isProcessAlive } from '../../src/main/core/data-lock';

export const pidAlive = isProcessAlive;

export interface TestEngine {
  engine: Engine;
  dir: string;
  events: EventEnvelope[];
  stop(): Promise<void>;
}

export async function startEngine(opts: { dir?: string; testHooks?: EngineTestHooks; warmRunWorkers?: number } = {}): Promise<TestEngine> {
  const temp = opts.dir ? null : tempDir('flowdesk-engine-');
  const dir = opts.dir ?? temp!.dir;
  const engine = await createEngine({
    dataDir: dir,
    workerEntry: TEST_WORKER_ENTRY,
    testHooks: opts.testHooks,
    warmRunWorkers: opts.warmRunWorkers
  });
  const events: EventEnvelope[] = [];
  engine.events.on((e) => events.push(e));
  return {
    engine,
    dir,
    events,
    async stop() {
      await engine.close({ graceMs: 200 });
      temp?.cleanup();
    }
  };
}

/** Polls fn until it returns a truthy value or the deadline passes (then throws with the last value). */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}


export const HANG_FOREVER = 'export default async () => { await new Promise(() => {}); };\n';
export const RETURN_VERSION = (v: number): string => `export default async (input) => ({ v: ${v}, input });\n`;
