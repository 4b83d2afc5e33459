// Reading jobs and attempts back: the raw column lists the prepared statements select, and their
// mapping to domain types (ISO times, parsed JSON).
import type { Attempt, Job, JobError, JobRow, JobStatus } from '../../../shared/domain';
import type { JobErrorCode } from '../../../shared/errors';
import { fromJson, isoOrNull, iso } from '../db/codec';

export const JOB_ROW_COLUMNS =
  'id, queue, status, attempts, last_flow_version, created_at, run_at, started_at, finished_at, duration_ms, error_code, lease_expires_at';
export const JOB_COLUMNS = `${JOB_ROW_COLUMNS}, payload, result, error, priority, idempotency_key`;

export interface RawJobRow {
  id: number;
  queue: string;
  status: JobStatus;
  attempts: number;
  last_flow_version: number | null;
  created_at: number;
  run_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  error_code: string | null;
  lease_expires_at: number | null;
}

export interface RawJob extends RawJobRow {
  payload: string | null;
  result: string | null;
  error: string | null;
  priority: number;
  idempotency_key: string | null;
}

export interface RawAttempt {
  n: number;
  flow_version: number;
  worker_id: string;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  outcome: Attempt['outcome'];
  error_code: string | null;
  error_message: string | null;
  error_stack: string | null;
  error_line: number | null;
  error_column: number | null;
}

export function toJobRow(r: RawJobRow): JobRow {
  return {
    id: r.id,
    queue: r.queue,
    status: r.status,
    attemptsMade: r.attempts,
    lastFlowVersion: r.last_flow_version,
    createdAt: iso(r.created_at),
    runAt: iso(r.run_at),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
    durationMs: r.duration_ms,
    errorCode: r.error_code as JobErrorCode | null,
    leaseExpiresAt: isoOrNull(r.lease_expires_at)
  };
}

export function toAttempt(a: RawAttempt): Attempt {
  let error: JobError | null = null;
  if (a.error_code) {
    error = { code: a.error_code as JobErrorCode, message: a.error_message ?? '' };
    if (a.error_stack !== null) error.stack = a.error_stack;
    if (a.error_line !== null) error.line = a.error_line;
    if (a.error_column !== null) error.column = a.error_column;
  }
  return {
    n: a.n,
    flowVersion: a.flow_version,
    workerId: a.worker_id,
    startedAt: iso(a.started_at),
    finishedAt: isoOrNull(a.finished_at),
    durationMs: a.duration_ms,
    outcome: a.outcome,
    error
  };
}

/** The row of a job just inserted pending (what a SELECT would read back), built without one. */
export function newJobRow(id: number, queue: string, payload: string | null, priority: number, key: string | null, now: number, runAt: number): RawJob {
  return {
    id,
    queue,
    status: 'pending',
    attempts: 0,
    last_flow_version: null,
    created_at: now,
    run_at: runAt,
    started_at: null,
    finished_at: null,
    duration_ms: null,
    error_code: null,
    lease_expires_at: null,
    payload,
    result: null,
    error: null,
    priority,
    idempotency_key: key
  };
}

export function toJob(r: RawJob, attempts: RawAttempt[]): Job {
  return {
    id: r.id,
    queue: r.queue,
    status: r.status,
    payload: fromJson(r.payload),
    result: fromJson(r.result),
    error: fromJson<JobError>(r.error),
    attempts: attempts.map(toAttempt),
    priority: r.priority,
    idempotencyKey: r.idempotency_key,
    createdAt: iso(r.created_at),
    runAt: iso(r.run_at),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
    durationMs: r.duration_ms,
    // Live timing and hang state come from the engine's monitor, not the database.
    live: null
  };
}
