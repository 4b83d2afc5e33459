// Ending attempts: complete() for a batch of results, recoverOrphans() at start-up, expiredLeases()
// for the lease sweep. One transaction per batch; statements prepared once (hot path).
// A completion is applied only if (jobId, attempt) is still the job's running attempt: a late result
// from a killed worker, a double delivery, or a result racing a lease expiry is ignored, so a job
// can never be completed twice.
import type Database from 'better-sqlite3';
import type { JobError, JobRow } from '../../../shared/domain';
import type { Completion } from '../store-types';
import { errorJson, iso, toJson } from '../db/codec';
import { backoffDelay } from './backoff';
import { JOB_ROW_COLUMNS, toJobRow, type RawJobRow } from './job-codec';

interface JobForComplete {
  status: string;
  attempts: number;
  counted_attempts: number;
  started_at: number | null;
  queue: string;
  max_attempts: number | null;
  backoff_initial_ms: number | null;
  backoff_max_ms: number | null;
  backoff_multiplier: number | null;
}

/** Codes that end a job as cancelled instead of failed, and never retry. */
const CANCEL_CODES = new Set<string>(['CANCELLED_BY_USER', 'QUEUE_DELETED']);

export function createCompletion(sqlite: Database.Database, random: () => number) {
  const jobFor = sqlite.prepare(
    `SELECT j.status, j.attempts, j.counted_attempts, j.started_at, j.queue,
            q.max_attempts, q.backoff_initial_ms, q.backoff_max_ms, q.backoff_multiplier
     FROM jobs j LEFT JOIN queues q ON q.name = j.queue WHERE j.id = ?`
  );
  const finishAttempt = sqlite.prepare(
    `UPDATE attempts SET finished_at = ?, duration_ms = ?, outcome = ?, error_code = ?, error_message = ?,
            error_stack = ?, error_line = ?, error_column = ?
     WHERE job_id = ? AND n = ?`
  );
  // The common case: the guard (still this running attempt) is in the WHERE. No RETURNING: measured
  // here, UPDATE … RETURNING costs more than the UPDATE and a SELECT by id together.
  const succeed = sqlite.prepare(
    `UPDATE jobs SET status = 'succeeded', result = ?, error_code = NULL, error = NULL, finished_at = ?,
            duration_ms = max(0, ? - coalesce(started_at, ?)), lease_expires_at = NULL
     WHERE id = ? AND status = 'running' AND attempts = ?`
  );
  // The running attempt's started_at is the job's (both set by the claim), so this is the job's duration.
  const finishAttemptOk = sqlite.prepare(
    `UPDATE attempts SET finished_at = ?, duration_ms = max(0, ? - started_at), outcome = 'succeeded' WHERE job_id = ? AND n = ?`
  );
  const end = sqlite.prepare(
    `UPDATE jobs SET status = ?, error_code = ?, error = ?, finished_at = ?, duration_ms = ?, lease_expires_at = NULL WHERE id = ?`
  );
  // Back to pending: `uncount` is 1 for a requeue (the attempt is given back), 0 for a retry.
  const reschedule = sqlite.prepare(
    `UPDATE jobs SET status = 'pending', error_code = ?, error = ?, run_at = ?, counted_attempts = counted_attempts - ?,
            lease_expires_at = NULL WHERE id = ?`
  );
  const rowById = sqlite.prepare(`SELECT ${JOB_ROW_COLUMNS} FROM jobs WHERE id = ?`);
  const running = sqlite.prepare(`SELECT id, attempts, started_at, queue, worker_id FROM jobs WHERE status = 'running' ORDER BY id`);
  // Per queue, so each lookup walks only that queue's running jobs on jobs_queue_status_id.
  const expired = sqlite.prepare(
    `SELECT id, attempts, queue, worker_id FROM jobs
     WHERE queue IN (SELECT name FROM queues) AND status = 'running' AND lease_expires_at <= ? ORDER BY lease_expires_at`
  );

  /** True when the job succeeded now; `rows` collects its row when the caller wants rows. */
  const applySuccess = (c: Completion, result: string | null, rows: JobRow[] | null): boolean => {
    // Positional parameters: binding a named-parameter object measured slower on this path.
    const at = c.finishedAt;
    if (succeed.run(result, at, at, at, c.jobId, c.attempt).changes === 0) return false;
    finishAttemptOk.run(at, at, c.jobId, c.attempt);
    rows?.push(toJobRow(rowById.get(c.jobId) as RawJobRow));
    return true;
  };

  const applyFailure = (c: Completion, now: number): boolean => {
    const j = jobFor.get(c.jobId) as JobForComplete | undefined;
    if (!j || j.status !== 'running' || j.attempts !== c.attempt) return false;
    const durationMs = Math.max(0, c.finishedAt - (j.started_at ?? c.finishedAt));
    const error: JobError = c.error ?? { code: 'FLOW_THREW', message: 'The attempt failed without an error' };
    finishAttempt.run(
      c.finishedAt,
      durationMs,
      'failed',
      error.code,
      error.message,
      error.stack ?? null,
      error.line ?? null,
      error.column ?? null,
      c.jobId,
      c.attempt
    );
    const queueGone = j.max_attempts === null;
    if (CANCEL_CODES.has(error.code) || (queueGone && c.requeue)) {
      const why: JobError = queueGone && !CANCEL_CODES.has(error.code) ? { code: 'QUEUE_DELETED', message: `Queue "${j.queue}" was deleted` } : error;
      end.run('cancelled', why.code, errorJson(why), c.finishedAt, durationMs, c.jobId);
    } else if (c.requeue) {
      reschedule.run(error.code, errorJson(error), now, 1, c.jobId);
    } else if (queueGone || j.counted_attempts >= (j.max_attempts ?? 0)) {
      end.run('failed', error.code, errorJson(error), c.finishedAt, durationMs, c.jobId);
    } else {
      const backoff = { initialMs: j.backoff_initial_ms!, maxMs: j.backoff_max_ms!, multiplier: j.backoff_multiplier! };
      const delay = backoffDelay(backoff, j.counted_attempts, random);
      reschedule.run(error.code, errorJson(error), now + delay, 0, c.jobId);
    }
    return true;
  };

  // `wantRows` false: the caller ignores the rows (the engine's batches), so none are read back.
  const completeTx = sqlite.transaction((completions: Completion[], now: number, wantRows = true): JobRow[] => {
    const out: JobRow[] = [];
    const rows = wantRows ? out : null;
    for (const c of completions) {
      let result: string | null = null;
      if (c.ok) {
        try {
          result = toJson(c.result);
        } catch (e) {
          // One unserialisable result (BigInt, a cycle) must not roll back the whole batch.
          const error: JobError = { code: 'RESULT_NOT_SERIALIZABLE', message: `The result could not be stored as JSON: ${(e as Error).message}` };
          if (applyFailure({ ...c, ok: false, error }, now)) rows?.push(toJobRow(rowById.get(c.jobId) as RawJobRow));
          continue;
        }
        applySuccess(c, result, rows);
      } else if (applyFailure(c, now)) {
        rows?.push(toJobRow(rowById.get(c.jobId) as RawJobRow));
      }
    }
    return out;
  });

  const complete = (completions: Completion[], now: number, options?: { rows?: boolean }): JobRow[] =>
    completions.length === 0 ? [] : completeTx.immediate(completions, now, options?.rows ?? true);

  const recoverTx = sqlite.transaction((now: number): JobRow[] => {
    const orphans = running.all() as Array<{ id: number; attempts: number; started_at: number | null; queue: string; worker_id: string | null }>;
    return completeTx(
      orphans.map((o) => ({
        jobId: o.id,
        attempt: o.attempts,
        ok: false,
        finishedAt: now,
        error: {
          code: 'LEASE_EXPIRED',
          message:
            `The engine stopped while this attempt ran (started ${o.started_at === null ? 'at an unknown time' : iso(o.started_at)} ` +
            `on worker ${o.worker_id ?? 'unknown'}); found without a live owner at ${iso(now)}`
        }
      })),
      now
    );
  });

  return {
    complete,
    /** At engine start, before any worker exists: every running attempt is an orphan. */
    recoverOrphans: (now: number): JobRow[] => recoverTx.immediate(now),
    expiredLeases: (now: number) =>
      (expired.all(now) as Array<{ id: number; attempts: number; queue: string; worker_id: string }>).map((r) => ({
        jobId: r.id,
        attempt: r.attempts,
        queue: r.queue,
        workerId: r.worker_id
      }))
  };
}
