// Small helpers shared by the benchmark sections (bench/run.ts). Figures are printed, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine } from '../src/main/core/engine';
import type { Engine, EngineOptions } from '../src/main/core/engine-types';
import type { EventEnvelope, EventName, Events } from '../src/shared/contract';

/** The app's own worker build (electron-vite), next to this bundle in out/. */
export const WORKER_ENTRY = resolve(__dirname, '..', 'main', 'worker.js');

export async function withEngine<T>(fn: (engine: Engine, dataDir: string) => Promise<T>, options: Partial<EngineOptions> = {}): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowdesk-bench-'));
  const engine = await createEngine({ dataDir, workerEntry: WORKER_ENTRY, ...options });
  try {
    return await fn(engine, dataDir);
  } finally {
    await engine.close({ graceMs: 1000 });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function line(label: string, value: string, target?: string): void {
  console.log(`  ${label.padEnd(58)} ${value}${target ? `   (target ${target})` : ''}`);
}

/** Resolves with the first event of `type` that satisfies `match`, or rejects after timeoutMs. */
export function nextEvent<K extends EventName>(engine: Engine, type: K, match: (data: Events[K]) => boolean, timeoutMs = 30_000): Promise<{ data: Events[K]; at: number; wall: number }> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = engine.events.on((e: EventEnvelope) => {
      if (e.type !== type) return;
      const data = e.data as Events[K];
      if (!match(data)) return;
      clearTimeout(timer);
      off();
      resolvePromise({ data, at: performance.now(), wall: Date.now() });
    });
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, label: string, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
