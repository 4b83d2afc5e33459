import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The worker entry built by test/global-setup.ts. */
export const TEST_WORKER_ENTRY = resolve(__dirname, '../out/test/worker.js');

/** A fresh data folder for one test; call the returned cleanup in afterEach/afterAll. */
export function tempDir(prefix = 'flowdesk-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
