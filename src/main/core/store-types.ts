// What the engine needs from the database, as interfaces. The SQLite implementation lives in
// db/ (repositories) and queue/ (claim, complete, recovery); the engine glue (engine.ts, the
// dispatcher, the supervisor) codes against these types only.
// Everything here is synchronous: better-sqlite3 is, and a synchronous transaction is what makes a
// claim atomic without extra locking. All `now` arguments are epoch milliseconds, injected for tests.
import type {
  Backoff,
  Diagnostic,
  Flow,
  FlowLanguage,
  FlowSummary,
  FlowVersion,
  FlowVersionSummary,
  Job,
  JobError,
  JobRow,
  JobStatus,
  LogLine,
  Queue,
  QueueStats,
  RunResult,
  RunStatus,
  RunSummary
} from '../../shared/domain';
import type { FlowBundle } from '../../shared/worker-protocol';

export interface FlowStore {
  list(): FlowSummary[];
  /** Throws AppError FLOW_NOT_FOUND. */
  get(id: number): Flow;
  /** Throws FLOW_EXISTS on a duplicate name. Stores version 1 and its compiled bundle. */
  create(input: { name: string; code: string; language?: FlowLanguage }, now: number): { flow: Flow; diagnostics: Diagnostic[] };
  /**
   * One transaction: if the code changed, version+1 and a history row (code, hash, compiled bundle);
   * identical code changes nothing (changed: false). expectedVersion != current -> VERSION_CONFLICT.
   */
  save(
    input: { id: number; code: string; name?: string; expectedVersion?: number },
    now: number
  ): { flow: Flow; changed: boolean; diagnostics: Diagnostic[] };
  rename(id: number, name: string, now: number): Flow;
  /** Throws FLOW_IN_USE while a queue is bound to it. */
  delete(id: number): void;
  versions(id: number): FlowVersionSummary[];
  version(id: number, version: number): FlowVersion;
  /** Compiled code of a saved version (compiled once, at save). */
  bundle(id: number, version: number): FlowBundle;
}

export interface QueueOptionsInput {
  flowId?: number;
  concurrency?: number;
  maxAttempts?: number;
  visibilityTimeoutSec?: number;
  backoff?: Backoff;
  hangAfterSec?: number;
  connectTimeoutMs?: number;
  enabled?: boolean;
}

/** A job as claimed: everything the dispatcher needs to run one attempt. */
export interface ClaimedJob {
  jobId: number;
  queue: string;
  /** Attempt number (1-based), already counted. */
  attempt: number;
  maxAttempts: number;
  flowId: number;
  flowName: string;
  /** The flow's current version, read in the claim's own transaction: the version this attempt runs. */
  flowVersion: number;
  codeHash: string;
  payload: unknown;
  startedAt: number;
  /** startedAt + visibilityTimeoutSec*1000. */
  leaseExpiresAt: number;
  visibilityTimeoutSec: number;
  connectTimeoutMs: number;
}

export interface Completion {
  jobId: number;
  attempt: number;
  ok: boolean;
  result?: unknown;
  error?: JobError;
  finishedAt: number;
  /**
   * The attempt was interrupted through no fault of its own (its process was killed to stop another
   * job, or the engine shut down): the attempt row ends with the error, but the job goes back to
   * pending at once and the attempt does not count against maxAttempts.
   */
  requeue?: boolean;
}

export interface QueueStore {
  list(): Queue[];
  /** Throws QUEUE_NOT_FOUND. */
  get(name: string): Queue;
  /** Applies defaults; throws QUEUE_EXISTS, FLOW_NOT_FOUND. */
  create(input: { name: string; flowId: number } & QueueOptionsInput, now: number): Queue;
  update(name: string, patch: QueueOptionsInput, now: number): Queue;
  /** Deletes the queue; pending jobs end cancelled with QUEUE_DELETED. Returns running jobs for the engine to stop. */
  delete(name: string, now: number): { runningJobIds: number[] };

  /** Same idempotencyKey in the same queue returns the existing job with created: false. */
  enqueue(
    name: string,
    input: { payload?: unknown; delayMs?: number; priority?: number; idempotencyKey?: string },
    now: number
  ): { job: Job; created: boolean };
  /**
   * One transaction: up to `limit` due pending jobs (priority desc, runAt, id) become running,
   * attempt counted, attempt row inserted with the flow's current version and workerId, lease set.
   */
  claim(name: string, workerId: string, limit: number, now: number): ClaimedJob[];
  /**
   * Enqueue and claim for `workerId` in one step (attempt 1 at the flow's current version) when the
   * queue is enabled and no due pending job would be claimed before this one; null means "not this
   * way": use enqueue. Plain enqueues only (no idempotencyKey, no delay). `turn`: an object that
   * lives for one transaction; calls passing the same one reuse the first call's read of the queue
   * and flow (same transaction, so the same version).
   */
  enqueueClaimed?(
    name: string,
    input: { payload?: unknown; delayMs?: number; priority?: number; idempotencyKey?: string },
    workerId: string,
    now: number,
    turn?: object
  ): { job: Job; claimed: ClaimedJob } | null;
  /**
   * One transaction for the batch. A completion whose (jobId, attempt) is no longer the running attempt
   * is ignored (never double-completes). Failures retry with capped exponential backoff + jitter
   * until maxAttempts, except codes that must not retry (CANCELLED_BY_USER -> cancelled,
   * QUEUE_DELETED -> cancelled). Returns the rows that changed; with `{ rows: false }` returns []
   * without reading them back (callers that only need the writes: the engine's completion batches).
   */
  complete(completions: Completion[], now: number, options?: { rows?: boolean }): JobRow[];
  /** Pending -> cancelled now (returns {job, wasRunning:false}); running -> untouched, wasRunning:true (the engine aborts it, then completes it CANCELLED_BY_USER). Finished: JOB_NOT_CANCELLABLE. */
  cancel(jobId: number, now: number): { job: Job; wasRunning: boolean };
  /** failed/cancelled -> pending, runAt now, with a fresh attempt budget; else JOB_NOT_RETRYABLE. */
  retry(jobId: number, now: number): Job;
  /** Pending only -> cancelled. */
  purge(name: string, now: number): number;
  /** At engine start: every running attempt has no live owner -> ends LEASE_EXPIRED and retries per policy. */
  recoverOrphans(now: number): JobRow[];
  /** Running jobs whose lease deadline passed (the engine kills their process, then completes them JOB_TIMEOUT). */
  expiredLeases(now: number): Array<{ jobId: number; attempt: number; queue: string; workerId: string }>;
  /** Epoch ms of the earliest runAt among due-later pending jobs of a queue (to schedule the next claim), or null. */
  nextRunAt(name: string): number | null;

  getJob(jobId: number): Job;
  listJobs(name: string, query: { status?: JobStatus; limit?: number; before?: number }): Job[];
  jobRows(name: string, query: { status?: JobStatus; offset?: number; limit?: number }): { total: number; rows: JobRow[] };
  stats(name: string, now: number): QueueStats;
  /** Rows for these job ids (for job.updated events). */
  rows(jobIds: number[]): JobRow[];
}

export interface RunStore {
  create(input: { runId: string; flowId: number; flowVersion: number | null; input: unknown }, now: number): RunSummary;
  finish(runId: string, outcome: { status: RunStatus; result?: unknown; error?: JobError | null }, now: number): RunSummary;
  get(runId: string): Omit<RunResult, 'live' | 'logs'>;
  list(flowId: number, limit: number): RunSummary[];
  /** At engine start: runs left 'running' by a dead engine end failed LEASE_EXPIRED. */
  recoverOrphans(now: number): number;
}

/** Logs of job attempts and runs, keyed by owner ("job:<id>:<n>" or "run:<id>"). */
export interface LogStore {
  append(owner: string, lines: LogLine[], truncated?: boolean): void;
  read(owner: string): { lines: LogLine[]; truncated: boolean };
}

export interface Store {
  flows: FlowStore;
  queues: QueueStore;
  runs: RunStore;
  logs: LogStore;
  /** Run fn in one transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
