// Domain types shared by the engine, both shells and the renderer.
// Times are ISO-8601 strings; durations are milliseconds (`...Ms`). See docs/API.md.
import type { ErrorData, JobErrorCode } from './errors';

export type FlowLanguage = 'javascript' | 'typescript';

export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based line in the flow's own source. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface FlowSummary {
  id: number;
  name: string;
  language: FlowLanguage;
  version: number;
  updatedAt: string;
}

export interface Flow extends FlowSummary {
  code: string;
  createdAt: string;
}

export interface FlowVersionSummary {
  version: number;
  codeHash: string;
  savedAt: string;
}

export interface FlowVersion extends FlowVersionSummary {
  code: string;
}

/** What a save did to the live workers: answered after every live worker acknowledged, or a bounded wait. */
export interface ReloadReport {
  /** Live workers that may run this flow when the save committed. */
  workers: number;
  /** How many acknowledged the new version within the wait. */
  acked: number;
  ms: number;
  /** Worker ids that did not acknowledge in time (they still run the right code: the claim fixes the version). */
  missing?: string[];
}

export interface CreateFlowResult extends Flow {
  diagnostics: Diagnostic[];
}

export interface SaveFlowResult extends Flow {
  changed: boolean;
  diagnostics: Diagnostic[];
  reload: ReloadReport;
}

// ---- runs (Run Now) -------------------------------------------------------

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogLine {
  ts: string;
  level: LogLevel;
  message: string;
}

export interface JobError {
  code: JobErrorCode;
  message: string;
  /** Flow-relative stack (line numbers point at the flow's own source), when the flow threw. */
  stack?: string;
  /** 1-based line/column in the flow source where it threw, for click-through. */
  line?: number;
  column?: number;
}

export interface RunSummary {
  runId: string;
  flowId: number;
  status: RunStatus;
  /** null when an unsaved draft ran. */
  flowVersion: number | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: JobError | null;
}

export interface RunResult extends RunSummary {
  input: unknown;
  result: unknown;
  logs: LogLine[];
  /** While running: live timing and hang diagnosis, as for jobs. */
  live: LiveInfo | null;
}

// ---- queues ----------------------------------------------------------------

export interface Backoff {
  initialMs: number;
  maxMs: number;
  multiplier: number;
}

export interface Queue {
  name: string;
  flowId: number;
  concurrency: number;
  maxAttempts: number;
  visibilityTimeoutSec: number;
  backoff: Backoff;
  hangAfterSec: number;
  connectTimeoutMs: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface QueueStats {
  queue: string;
  counts: { pending: number; running: number; succeeded: number; failed: number; cancelled: number };
  throughputPerMin: number;
  durationMs: { p50: number | null; p95: number | null };
  oldestPendingAgeMs: number | null;
}

// ---- jobs ------------------------------------------------------------------

export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'succeeded', 'failed', 'cancelled'];

export type AttemptOutcome = 'running' | 'succeeded' | 'failed';

export interface Attempt {
  n: number;
  flowVersion: number;
  workerId: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  outcome: AttemptOutcome;
  error: JobError | null;
}

export interface PendingOp {
  type: 'tcp-connect' | 'http-request' | 'dns-lookup' | 'timer' | string;
  target: string;
  ageMs: number;
}

export interface Hang {
  /** stalled: no activity for hangAfterSec; blocked: heartbeats stopped (event loop stuck). */
  kind: 'stalled' | 'blocked';
  sinceMs: number;
  reason: string;
  pending: PendingOp[];
}

export interface LiveInfo {
  elapsedMs: number;
  lastActivityAgeMs: number;
  /** Share of the time limit used, 0..1 (null when there is no limit). */
  timeoutShare: number | null;
  hang: Hang | null;
  /** What the job is waiting on right now, from the last heartbeat. */
  pending: PendingOp[];
  progress?: { value?: number; message?: string } | null;
}

export interface Job {
  id: number;
  queue: string;
  status: JobStatus;
  payload: unknown;
  result: unknown;
  error: JobError | null;
  attempts: Attempt[];
  priority: number;
  idempotencyKey: string | null;
  createdAt: string;
  runAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  live: LiveInfo | null;
}

/** Compact job row for long lists (the monitor's virtualised list). */
export interface JobRow {
  id: number;
  queue: string;
  status: JobStatus;
  attemptsMade: number;
  lastFlowVersion: number | null;
  createdAt: string;
  runAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  errorCode: JobErrorCode | null;
  /** Lease deadline while running; used with startedAt for the timeout bar. */
  leaseExpiresAt: string | null;
}

// ---- workers ---------------------------------------------------------------

export type WorkerState = 'starting' | 'idle' | 'busy' | 'reloading' | 'stopping' | 'crashed' | 'stopped';

export interface WorkerInfo {
  id: string;
  pid: number | null;
  /** Queue name, or null for the Run Now pool. */
  queue: string | null;
  state: WorkerState;
  flowId: number | null;
  loadedFlowVersion: number | null;
  currentJobIds: number[];
  currentRunIds: string[];
  heartbeatAgeMs: number | null;
  rssBytes: number | null;
  startedAt: string;
  restarts: number;
  /** Set when a running job on this worker is flagged. */
  hang: Hang | null;
}

export interface HealthInfo {
  ok: true;
  version: string;
}
