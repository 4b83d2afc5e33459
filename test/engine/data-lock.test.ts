// One engine per data folder: a second one would recover the first one's running jobs and run them
// twice at once (found by an outside review).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/main/core/engine';
import { LOCK_FILE } from '../../src/main/core/data-lock';
import { TEST_WORKER_ENTRY, tempDir } from '../paths';

describe('data folder lock', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it('refuses a second engine on the same folder, with the holder pid, and frees the folder on close', async () => {
    const { dir, cleanup } = tempDir('flowdesk-lock-');
    cleanups.push(cleanup);
    const first = await createEngine({ dataDir: dir, workerEntry: TEST_WORKER_ENTRY, warmRunWorkers: 0 });
    await expect(createEngine({ dataDir: dir, workerEntry: TEST_WORKER_ENTRY, warmRunWorkers: 0 })).rejects.toMatchObject({
      code: 'DATA_DIR_IN_USE',
      details: { pid: process.pid, dataDir: dir }
    });
    // The refused engine wrote nothing and the first one still works.
    const flow = await first.handlers['flows.create']({ name: 'still-mine', code: 'export default async () => 1;' });
    expect(flow.version).toBe(1);
    await first.close({ graceMs: 100 });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const second = await createEngine({ dataDir: dir, workerEntry: TEST_WORKER_ENTRY, warmRunWorkers: 0 });
    expect((await second.handlers['flows.list']({})).map((f) => f.name)).toEqual(['still-mine']);
    await second.close({ graceMs: 100 });
  });

  it('takes over a stale lock whose process is gone', async () => {
    const { dir, cleanup } = tempDir('flowdesk-lock-');
    cleanups.push(cleanup);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, LOCK_FILE), `${dead.stdout}\n`);
    const engine = await createEngine({ dataDir: dir, workerEntry: TEST_WORKER_ENTRY, warmRunWorkers: 0 });
    cleanups.push(() => engine.close({ graceMs: 100 }));
    expect(await engine.handlers['flows.list']({})).toEqual([]);
  });
});
