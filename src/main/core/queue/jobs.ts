// Jobs outside the claim/complete cycle: enqueue, cancel, retry, purge and the reads the API and the
// monitor use. Raw prepared statements throughout: enqueue is on the benchmark path, and the monitor
// pages through 100,000-job queues.
import type Database from 'better-sqlite3';
import type { Job, JobRow, JobStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { QueueStore } from '../store-types';
import { errorJson, toJson } from '../db/codec';
import { JOB_COLUMNS, JOB_ROW_COLUMNS, newJobRow, toJob, toJobRow, type RawAttempt, type RawJob, type RawJobRow } from './job-codec';

export type JobOps = Pick<
  QueueStore,
  'enqueue' | 'cancel' | 'retry' | 'purge' | 'nextRunAt' | 'getJob' | 'listJobs' | 'jobRows' | 'rows'
>;

const DEFAULT_LIST_LIMIT = 100;

export function createJobOps(sqlite: Database.Database): JobOps {
  const queueExists = sqlite.prepare(`SELECT 1 FROM queues WHERE name = ?`).pluck();
  const byKey = sqlite.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE queue = ? AND idempotency_key = ?`);
  // No RETURNING: every column of a new job is known here, and UPDATE/INSERT … RETURNING measured
  // several µs dearer than the plain statement on this hot path.
  const insert = sqlite.prepare(
    `INSERT INTO jobs (queue, status, payload, priority, idempotency_key, created_at, run_at)
     VALUES (?, 'pending', ?, ?, ?, ?, ?)`
  );
  const jobById = sqlite.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = ?`);
  const attemptsOf = sqlite.prepare(
    `SELECT n, flow_version, worker_id, started_at, finished_at, duration_ms, outcome, error_code, error_message,
            error_stack, error_line, error_column FROM attempts WHERE job_id = ? ORDER BY n`
  );
  const rowById = sqlite.prepare(`SELECT ${JOB_ROW_COLUMNS} FROM jobs WHERE id = ?`);
  const cancelPending = sqlite.prepare(
    `UPDATE jobs SET status = 'cancelled', error_code = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'pending'`
  );
  const retryJob = sqlite.prepare(
    `UPDATE jobs SET status = 'pending', run_at = ?, counted_attempts = 0, result = NULL, error_code = NULL, error = NULL,
            finished_at = NULL, duration_ms = NULL, lease_expires_at = NULL WHERE id = ?`
  );
  const purgeQueue = sqlite.prepare(
    `UPDATE jobs SET status = 'cancelled', error_code = 'CANCELLED_BY_USER', error = ?, finished_at = ? WHERE queue = ? AND status = 'pending'`
  );
  const nextRun = sqlite.prepare(`SELECT min(run_at) FROM jobs WHERE queue = ? AND status = 'pending'`).pluck();

  // Listing: newest first, keyset by id for the API, offset for the virtualised monitor. The offset
  // walk happens on the covering (queue[, status], id desc) index; only the page's rows are read.
  const list = {
    all: sqlite.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE queue = ? AND id < ? ORDER BY id DESC LIMIT ?`),
    status: sqlite.prepare(`SELECT ${JOB_COLUMNS} FROM jobs WHERE queue = ? AND status = ? AND id < ? ORDER BY id DESC LIMIT ?`)
  };
  const page = {
    all: sqlite.prepare(
      `SELECT ${JOB_ROW_COLUMNS} FROM jobs WHERE id IN (SELECT id FROM jobs WHERE queue = ? ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY id DESC`
    ),
    status: sqlite.prepare(
      `SELECT ${JOB_ROW_COLUMNS} FROM jobs WHERE id IN
         (SELECT id FROM jobs WHERE queue = ? AND status = ? ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY id DESC`
    )
  };
  const count = {
    all: sqlite.prepare(`SELECT count(*) FROM jobs WHERE queue = ?`).pluck(),
    status: sqlite.prepare(`SELECT count(*) FROM jobs WHERE queue = ? AND status = ?`).pluck()
  };

  const mustQueue = (name: string): void => {
    if (!queueExists.get(name)) throw new AppError('QUEUE_NOT_FOUND', `Queue "${name}" not found`, { name });
  };
  const raw = (jobId: number): RawJob => {
    const r = jobById.get(jobId) as RawJob | undefined;
    if (!r) throw new AppError('JOB_NOT_FOUND', `Job ${jobId} not found`, { id: jobId });
    return r;
  };
  const withAttempts = (r: RawJob): Job => toJob(r, attemptsOf.all(r.id) as RawAttempt[]);

  const enqueueTx = sqlite.transaction((name: string, input: Parameters<JobOps['enqueue']>[1], now: number) => {
    mustQueue(name);
    if (input.idempotencyKey !== undefined) {
      const existing = byKey.get(name, input.idempotencyKey) as RawJob | undefined;
      if (existing) return { job: withAttempts(existing), created: false };
    }
    const payload = toJson(input.payload);
    const priority = input.priority ?? 0;
    const key = input.idempotencyKey ?? null;
    const runAt = now + (input.delayMs ?? 0);
    const id = Number(insert.run(name, payload, priority, key, now, runAt).lastInsertRowid);
    return { job: toJob(newJobRow(id, name, payload, priority, key, now, runAt), []), created: true };
  });

  return {
    enqueue: (name, input, now) => enqueueTx.immediate(name, input, now),

    cancel(jobId, now) {
      return sqlite
        .transaction(() => {
          const r = raw(jobId);
          if (r.status === 'running') return { job: withAttempts(r), wasRunning: true };
          if (r.status !== 'pending') {
            throw new AppError('JOB_NOT_CANCELLABLE', `Job ${jobId} is ${r.status}; only pending or running jobs can be cancelled`, {
              id: jobId,
              status: r.status
            });
          }
          const error = { code: 'CANCELLED_BY_USER' as const, message: 'Cancelled by a user before it started' };
          cancelPending.run(error.code, errorJson(error), now, jobId);
          return { job: withAttempts(raw(jobId)), wasRunning: false };
        })
        .immediate();
    },

    retry(jobId, now) {
      return sqlite
        .transaction(() => {
          const r = raw(jobId);
          if (r.status !== 'failed' && r.status !== 'cancelled') {
            throw new AppError('JOB_NOT_RETRYABLE', `Job ${jobId} is ${r.status}; only failed or cancelled jobs can be retried`, {
              id: jobId,
              status: r.status
            });
          }
          mustQueue(r.queue);
          // A fresh attempt budget; attempt numbers keep counting up, and the next claim fixes the
          // flow's then-current version.
          retryJob.run(now, jobId);
          return withAttempts(raw(jobId));
        })
        .immediate();
    },

    purge(name, now) {
      return sqlite
        .transaction(() => {
          mustQueue(name);
          const error = errorJson({ code: 'CANCELLED_BY_USER', message: `Purged from queue "${name}" before it started` });
          return purgeQueue.run(error, now, name).changes;
        })
        .immediate();
    },

    nextRunAt(name) {
      return (nextRun.get(name) as number | null) ?? null;
    },

    getJob: (jobId) => withAttempts(raw(jobId)),

    listJobs(name, query) {
      mustQueue(name);
      const before = query.before ?? Number.MAX_SAFE_INTEGER;
      const limit = query.limit ?? DEFAULT_LIST_LIMIT;
      const rows = (query.status ? list.status.all(name, query.status, before, limit) : list.all.all(name, before, limit)) as RawJob[];
      return rows.map(withAttempts);
    },

    jobRows(name, query) {
      mustQueue(name);
      const limit = query.limit ?? DEFAULT_LIST_LIMIT;
      const offset = query.offset ?? 0;
      const status: JobStatus | undefined = query.status;
      const total = (status ? count.status.get(name, status) : count.all.get(name)) as number;
      const rows = (status ? page.status.all(name, status, limit, offset) : page.all.all(name, limit, offset)) as RawJobRow[];
      return { total, rows: rows.map(toJobRow) };
    },

    rows(jobIds): JobRow[] {
      const out: JobRow[] = [];
      for (const id of jobIds) {
        const r = rowById.get(id) as RawJobRow | undefined;
        if (r) out.push(toJobRow(r));
      }
      return out;
    }
  };
}
