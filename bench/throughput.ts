// No-op jobs per second through the whole path (enqueue → claim → worker process → complete), and the
// same workload through plainjob (an SQLite queue for Node) in the same run, both with two worker processes.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { line, waitFor, withEngine } from './util';

const NOOP = 'export default async () => null;\n';
/** Concurrent enqueuers, like several API clients at once. */
export const PRODUCERS = 16;

export async function flowdeskThroughput(jobs: number): Promise<number> {
  return withEngine(async (engine) => {
    const h = engine.handlers;
    const flow = await h['flows.create']({ name: 'noop', code: NOOP });
    // Concurrency 64 across the queue's worker processes (the pool uses at least two at this size).
    await h['queues.create']({ name: 'bench', flowId: flow.id, concurrency: 64 } as never);
    await waitFor(async () => (await h['workers.list']({})).filter((w) => w.queue === 'bench' && w.state !== 'starting').length >= 2, 10_000, 'two workers');
    const workers = (await h['workers.list']({})).filter((w) => w.queue === 'bench').length;
    const t0 = performance.now();
    // PRODUCERS concurrent producers, each enqueuing one job at a time, as concurrent API clients do.
    let next = 0;
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        while (next < jobs) {
          const i = next++;
          await h['queues.enqueue']({ name: 'bench', payload: { i } } as never);
        }
      })
    );
    const tEnqueued = performance.now();
    await waitFor(async () => (await h['queues.stats']({ name: 'bench' })).counts.succeeded >= jobs, 120_000, 'all jobs to succeed', 5);
    const elapsed = (performance.now() - t0) / 1000;
    const rate = jobs / elapsed;
    line(`Flowdesk: ${jobs} no-op jobs, ${workers} worker processes, enqueue→complete`, `${Math.round(rate)} jobs/s`, '≥ 10,000 jobs/s');
    line(`Flowdesk: enqueue phase (${PRODUCERS} producers, group commit)`, `${Math.round(jobs / ((tEnqueued - t0) / 1000))} jobs/s`);
    return rate;
  });
}

export async function plainjobThroughput(jobs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-bench-plainjob-'));
  const file = join(dir, 'queue.db');
  const { better, defineQueue } = await import('plainjob');
  const connection = better(new Database(file));
  const queue = defineQueue({ connection, logger: quietLogger });
  const workerFile = resolve(__dirname, 'plainjob-worker.js');
  const children = [0, 1].map(() => fork(workerFile, [file], { stdio: 'ignore' }));
  try {
    await Promise.all(children.map((c) => new Promise((r) => c.once('message', r))));
    const t0 = performance.now();
    // plainjob's add() is synchronous and commits per job; the same PRODUCERS interleave on one thread.
    for (let i = 0; i < jobs; i++) queue.add('bench', { i });
    await waitFor(() => queue.countJobs({ status: 2 }) >= jobs, 120_000, 'plainjob to finish', 5);
    const rate = jobs / ((performance.now() - t0) / 1000);
    line(`plainjob: ${jobs} no-op jobs, 2 worker processes, add→done`, `${Math.round(rate)} jobs/s`);
    return rate;
  } finally {
    for (const c of children) c.kill('SIGKILL');
    queue.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const quietLogger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
