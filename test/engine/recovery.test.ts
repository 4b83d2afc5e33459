// The whole engine dies (SIGKILL) with jobs running; a new engine on the same database finds them,
// ends those attempts LEASE_EXPIRED and retries them: nothing lost, nothing completed twice.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WORKER_ENTRY, tempDir } from '../paths';
import { pidAlive, startEngine, waitFor, type TestEngine } from './helpers';

const CHILD = resolve(__dirname, '../../out/test/engine-child.js');
const JOBS = 8;

describe('recovery after the engine dies', () => {
  let t: TestEngine | null = null;
  const leftovers: number[] = [];
  let cleanup: (() => void) | null = null;

  beforeAll(async () => {
    await build({
      entryPoints: [resolve(__dirname, 'fixtures/engine-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: CHILD,
      external: ['better-sqlite3', 'esbuild'],
      logLevel: 'warning'
    });
  });

  afterEach(async () => {
    await t?.stop();
    t = null;
    for (const pid of leftovers.splice(0)) if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
    cleanup?.();
  });

  it('SIGKILL mid-job: attempts end LEASE_EXPIRED, jobs retry, none lost, none double-completed', async () => {
    const temp = tempDir('flowdesk-recovery-');
    cleanup = temp.cleanup;
    const child = spawn(process.execPath, [CHILD, temp.dir, TEST_WORKER_ENTRY, String(JOBS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    leftovers.push(child.pid!);
    const line = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('child engine never reported running jobs')), 20_000);
      createInterface({ input: child.stdout! }).once('line', (l) => {
        clearTimeout(timer);
        res(l);
      });
    });
    const { running, workerPids } = JSON.parse(line) as { running: number[]; workerPids: number[] };
    leftovers.push(...workerPids);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    // Its workers notice the lost parent and exit on their own.
    await waitFor(() => workerPids.every((pid) => !pidAlive(pid)), 10_000, 'orphaned workers to exit');

    t = await startEngine({ dir: temp.dir, warmRunWorkers: 0 });
    const h = t.engine.handlers;
    const jobs = await waitFor(async () => {
      const all = await h['queues.jobs']({ name: 'rec', limit: 100 });
      return all.length === JOBS && all.every((j) => j.status === 'succeeded') ? all : null;
    }, 20_000, 'every job to succeed after recovery');
    for (const job of jobs) {
      expect(job.attempts.filter((a) => a.outcome === 'succeeded')).toHaveLength(1);
      expect(job.result).toBe(job.payload);
      if (running.includes(job.id)) {
        expect(job.attempts[0].error?.code).toBe('LEASE_EXPIRED');
        expect(job.attempts.length).toBeGreaterThanOrEqual(2);
      }
    }
    expect(new Set(jobs.map((j) => j.payload)).size).toBe(JOBS);
  });
});
