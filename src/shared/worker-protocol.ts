// The message protocol between the supervisor (main) and a worker process.
// Plain structured-clone data only: it must travel over Electron's utilityProcess parentPort and over
// child_process.fork with `serialization: 'advanced'` alike (no MessagePort transfer).
// Workers never touch the database or the UI; everything they know arrives here.
import type { JobError, LogLine, PendingOp } from './domain';

/** Compiled flow code for one version. Main compiles once per version (esbuild) and ships the JS. */
export interface FlowBundle {
  flowId: number;
  /** null for an unsaved Run Now draft. */
  version: number | null;
  codeHash: string;
  /** CommonJS output of the flow module. */
  js: string;
  /** Source map (JSON text) from js back to the flow's own source, for flow-relative stack traces. */
  map: string | null;
  /** Set when the code does not compile: running it fails fast with FLOW_SYNTAX_ERROR. */
  syntaxError: JobError | null;
}

/** One unit of work: a queue job attempt or a Run Now run. */
export interface WorkItem {
  /** Unique per attempt: `job:<id>:<n>` or `run:<runId>`. */
  key: string;
  kind: 'job' | 'run';
  flowId: number;
  version: number | null;
  codeHash: string;
  /** Included when the worker has not loaded this codeHash yet (the claim fixes the version). */
  bundle?: FlowBundle;
  input: unknown;
  /** The attempt's time limit; the supervisor enforces it too, by killing the process. */
  timeoutMs: number;
  /** Connect timeout for outgoing TCP from flow code; 0 turns it off. */
  connectTimeoutMs: number;
  facts: {
    jobId: number | null;
    runId: string | null;
    attempt: number;
    maxAttempts: number;
    queue: string | null;
    flowName: string;
  };
}

export type MainToWorker =
  | { t: 'init'; workerId: string; heartbeatMs: number; maxLogBytes: number }
  /** Reload: compile this version now and ack with `loaded`. Older versions of the flow unload once their jobs end. */
  | { t: 'load'; seq: number; bundle: FlowBundle }
  | { t: 'run'; items: WorkItem[] }
  /** Fire ctx.signal for this item; the supervisor kills the process after a grace period if it does not end. */
  | { t: 'abort'; key: string; code: JobError['code']; message: string }
  | { t: 'shutdown' };

export interface ItemResult {
  key: string;
  ok: boolean;
  result?: unknown;
  error?: JobError;
  startedAt: number;
  finishedAt: number;
}

export interface HeartbeatItem {
  key: string;
  /** Epoch ms of the last log or progress call. */
  lastActivityAt: number;
  pending: Array<Omit<PendingOp, 'ageMs'> & { since: number }>;
  progress?: { value?: number; message?: string } | null;
}

export type WorkerToMain =
  | { t: 'ready'; pid: number }
  | { t: 'loaded'; seq: number; flowId: number; version: number | null; codeHash: string; ok: boolean; error?: JobError }
  /** Batched completions: one message may carry many results. */
  | { t: 'done'; results: ItemResult[] }
  /** Batched log lines per item; `truncated` is set once the per-attempt cap is reached. */
  | { t: 'log'; key: string; lines: LogLine[]; truncated?: boolean }
  | { t: 'progress'; key: string; value?: number; message?: string; at: number }
  | { t: 'heartbeat'; at: number; rssBytes: number; items: HeartbeatItem[] };

export const WORKER_HEARTBEAT_MS = 250;
/** Per-attempt log cap; past it, lines are dropped and the attempt shows a "truncated" marker. */
export const MAX_LOG_BYTES_PER_ATTEMPT = 256 * 1024;
