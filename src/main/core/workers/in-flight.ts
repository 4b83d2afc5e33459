// One running work item (a job attempt or a Run Now run) as main sees it. The supervisor owns the
// record from 'run' until the item ends; the monitor derives live facts from it with main's clock.
import type { Hang, JobError } from '../../../shared/domain';
import type { JobErrorCode } from '../../../shared/errors';
import type { HeartbeatItem, WorkItem } from '../../../shared/worker-protocol';
import type { WorkerHandle } from './worker-handle';

/** Why main is stopping an item. `requeue` marks interruptions that are not the job's fault. */
export interface StopReason {
  code: JobErrorCode;
  message: string;
  requeue: boolean;
  at: number;
}

export interface ItemMeta {
  jobId: number | null;
  attempt: number;
  runId: string | null;
  queue: string | null;
  /** Main's clock: when the attempt started (the claim's startedAt for jobs). */
  startedAt: number;
  /** Epoch ms at which the item is stopped JOB_TIMEOUT; Infinity for no limit. */
  deadline: number;
  limitMs: number;
  /** Names the limit in messages: "queue visibility timeout", "run time limit". */
  limitLabel: string;
  hangAfterMs: number;
}

export interface InFlight extends ItemMeta {
  key: string;
  kind: 'job' | 'run';
  flowId: number;
  version: number | null;
  worker: WorkerHandle;
  lastActivityAt: number;
  pending: HeartbeatItem['pending'];
  progress: { value?: number; message?: string } | null;
  hang: Hang | null;
  stop: StopReason | null;
  killTimer: NodeJS.Timeout | null;
  /** Set once the item has ended (done message or process exit). */
  finished: boolean;
  /** Callers awaiting the end (cancel, close); a plain array so the hot path allocates no promise. */
  endWaiters: Array<() => void> | null;
}

export function whenEnded(item: InFlight): Promise<void> {
  if (item.finished) return Promise.resolve();
  return new Promise((resolve) => (item.endWaiters ??= []).push(resolve));
}

export function markEnded(item: InFlight): void {
  item.finished = true;
  const waiters = item.endWaiters;
  item.endWaiters = null;
  if (waiters) for (const w of waiters) w();
}

export interface ItemEnd {
  ok: boolean;
  result?: unknown;
  error?: JobError;
  requeue?: boolean;
  finishedAt: number;
}

export function newInFlight(work: WorkItem, meta: ItemMeta, worker: WorkerHandle): InFlight {
  // Fields spelled out (no spread): this runs once per attempt on the hot path, and a fixed shape is cheaper.
  return {
    jobId: meta.jobId,
    attempt: meta.attempt,
    runId: meta.runId,
    queue: meta.queue,
    startedAt: meta.startedAt,
    deadline: meta.deadline,
    limitMs: meta.limitMs,
    limitLabel: meta.limitLabel,
    hangAfterMs: meta.hangAfterMs,
    key: work.key,
    kind: work.kind,
    flowId: work.flowId,
    version: work.version,
    worker,
    lastActivityAt: meta.startedAt,
    pending: [],
    progress: null,
    hang: null,
    stop: null,
    killTimer: null,
    finished: false,
    endWaiters: null
  };
}
