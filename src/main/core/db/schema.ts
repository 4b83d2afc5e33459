// The database schema. drizzle-kit generates resources/migrations from this file
// (`npx drizzle-kit generate --name <what>`); never edit a generated migration by hand.
// Times are INTEGER epoch milliseconds here and ISO strings at the boundary (codec.ts).
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const flows = sqliteTable('flows', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  language: text('language', { enum: ['javascript', 'typescript'] }).notNull(),
  // Current version; the claim reads it inside its own transaction, so this is what the next job runs.
  version: integer('version').notNull(),
  // Current code and its hash, copied from flow_versions so a read needs one row.
  code: text('code').notNull(),
  codeHash: text('code_hash').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
});

export const flowVersions = sqliteTable(
  'flow_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    flowId: integer('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    code: text('code').notNull(),
    // sha256 hex of code: workers cache compiled modules by it.
    codeHash: text('code_hash').notNull(),
    // Compiled once at save (esbuild, CommonJS); workers run this, never the source.
    js: text('js').notNull(),
    map: text('map'),
    // JSON JobError (FLOW_SYNTAX_ERROR) when the code does not compile; jobs of this version fail fast.
    syntaxError: text('syntax_error'),
    savedAt: integer('saved_at').notNull()
  },
  (t) => [uniqueIndex('flow_versions_flow_version').on(t.flowId, t.version)]
);

export const queues = sqliteTable('queues', {
  name: text('name').primaryKey(),
  // RESTRICT: a bound flow cannot be deleted (the store answers FLOW_IN_USE before this fires).
  flowId: integer('flow_id')
    .notNull()
    .references(() => flows.id, { onDelete: 'restrict' }),
  // Jobs of this queue running at once (the dispatcher claims only into free slots).
  concurrency: integer('concurrency').notNull(),
  // Attempts that count (requeues do not) before a failing job ends failed.
  maxAttempts: integer('max_attempts').notNull(),
  // Lease length: claim sets lease_expires_at = now + this; past it the attempt is killed (JOB_TIMEOUT).
  visibilityTimeoutSec: integer('visibility_timeout_sec').notNull(),
  // Retry delay = min(max, initial * multiplier^(n-1)) * jitter in [0.8, 1] (queue/backoff.ts).
  backoffInitialMs: integer('backoff_initial_ms').notNull(),
  backoffMaxMs: integer('backoff_max_ms').notNull(),
  backoffMultiplier: real('backoff_multiplier').notNull(),
  // No activity for this long flags a running job as stalled (monitor only; nothing is killed).
  hangAfterSec: integer('hang_after_sec').notNull(),
  // Connect timeout for outgoing TCP from flow code; 0 turns it off.
  connectTimeoutMs: integer('connect_timeout_ms').notNull(),
  // false: no new claims; running jobs finish.
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
});

export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Queue name, not a foreign key: jobs outlive a deleted queue as history (cancelled QUEUE_DELETED).
    queue: text('queue').notNull(),
    // pending (also between retries) | running | succeeded | failed | cancelled.
    status: text('status', { enum: ['pending', 'running', 'succeeded', 'failed', 'cancelled'] }).notNull(),
    // JSON given at enqueue; handed to every attempt unchanged.
    payload: text('payload'),
    // JSON returned by the succeeding attempt.
    result: text('result'),
    // Code of the last error (JobRow.errorCode without parsing JSON); error holds the whole JobError.
    errorCode: text('error_code'),
    error: text('error'),
    // Higher runs first.
    priority: integer('priority').notNull().default(0),
    // Unique per queue when set: a repeated enqueue returns the existing job.
    idempotencyKey: text('idempotency_key'),
    // Number of the latest attempt row (attempt n of "job:<id>:<n>"); never reused, requeues included.
    attempts: integer('attempts').notNull().default(0),
    // Attempts that count against max_attempts: requeues give theirs back, retry() resets it.
    countedAttempts: integer('counted_attempts').notNull().default(0),
    // Flow version the latest attempt ran (fixed by the claim).
    lastFlowVersion: integer('last_flow_version'),
    // Worker holding the lease while running.
    workerId: text('worker_id'),
    // Enqueue time: the oldest pending job's age is measured from it.
    createdAt: integer('created_at').notNull(),
    // Not claimed before this (delay, backoff).
    runAt: integer('run_at').notNull(),
    // Start of the latest attempt.
    startedAt: integer('started_at'),
    // Set only when the job ends (succeeded, failed, cancelled).
    finishedAt: integer('finished_at'),
    // Duration of the attempt that ended the job.
    durationMs: integer('duration_ms'),
    // Lease deadline while running; null otherwise. The engine kills attempts past it.
    leaseExpiresAt: integer('lease_expires_at')
  },
  (t) => [
    // The claim: due pending jobs of one queue by priority, then age. Partial: a job leaves it when
    // claimed, so completions (the other half of the hot path) never touch it.
    index('jobs_claim')
      .on(t.queue, t.status, sql`${t.priority} desc`, t.runAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    // Monitor lists, newest first, all and by status.
    index('jobs_queue_id').on(t.queue, sql`${t.id} desc`),
    index('jobs_queue_status_id').on(t.queue, t.status, sql`${t.id} desc`),
    // Throughput and duration percentiles over recently finished jobs. Partial: written once, when a
    // job ends, instead of on every claim and retry.
    index('jobs_queue_finished').on(t.queue, t.finishedAt).where(sql`${t.finishedAt} is not null`),
    // nextRunAt: earliest due-later pending job.
    index('jobs_pending_run_at').on(t.queue, t.runAt).where(sql`${t.status} = 'pending'`),
    // No index on lease_expires_at: the lease sweep reads each queue's few running jobs through
    // jobs_queue_status_id, and one index fewer on the claim/complete path measured ~10% faster.
    uniqueIndex('jobs_idempotency').on(t.queue, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`)
  ]
);

export const attempts = sqliteTable(
  'attempts',
  {
    // Plain rowid (no AUTOINCREMENT): saves a sqlite_sequence write per attempt on the claim path.
    id: integer('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    // 1-based, equals jobs.attempts at claim time.
    n: integer('n').notNull(),
    // The flow version this attempt ran: "stale code" is a fact you can look up.
    flowVersion: integer('flow_version').notNull(),
    // Worker that held the lease for this attempt.
    workerId: text('worker_id').notNull(),
    startedAt: integer('started_at').notNull(),
    // Null while running (or orphaned until recoverOrphans ends it LEASE_EXPIRED).
    finishedAt: integer('finished_at'),
    durationMs: integer('duration_ms'),
    outcome: text('outcome', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    // Stable code (JOB_ERROR_CODES) the UI branches on; message and stack are for people.
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    errorStack: text('error_stack'),
    // Where in the flow's own source it threw (click-through).
    errorLine: integer('error_line'),
    errorColumn: integer('error_column')
  },
  (t) => [uniqueIndex('attempts_job_n').on(t.jobId, t.n)]
);

export const runs = sqliteTable(
  'runs',
  {
    runId: text('run_id').primaryKey(),
    flowId: integer('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    // null: an unsaved draft ran.
    flowVersion: integer('flow_version'),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'cancelled'] }).notNull(),
    input: text('input'),
    result: text('result'),
    error: text('error'),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    durationMs: integer('duration_ms')
  },
  (t) => [index('runs_flow_started').on(t.flowId, t.startedAt), index('runs_status').on(t.status)]
);

export const logs = sqliteTable(
  'logs',
  {
    id: integer('id').primaryKey(),
    // "job:<id>:<n>" or "run:<runId>".
    owner: text('owner').notNull(),
    // Order within the owner (ts can tie).
    seq: integer('seq').notNull(),
    ts: integer('ts').notNull(),
    level: text('level', { enum: ['debug', 'info', 'warn', 'error'] }).notNull(),
    message: text('message').notNull()
  },
  (t) => [uniqueIndex('logs_owner_seq').on(t.owner, t.seq)]
);

/** Owners whose log hit the per-attempt cap: lines past it were dropped. */
export const logTruncations = sqliteTable('log_truncations', {
  owner: text('owner').primaryKey(),
  at: integer('at').notNull()
});
