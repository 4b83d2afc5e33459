// Per-attempt state inside a worker, reachable from anywhere flow code runs through AsyncLocalStorage:
// console capture, the connect-timeout patch, timer wrappers and the uncaught-error handlers all find
// "the item this code is running for" without flow code passing anything around.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Socket } from 'node:net';
import type { JobError } from '../../../shared/domain';
import type { WorkItem } from '../../../shared/worker-protocol';
import type { FlowInstance } from './flow-modules';

export interface PendingEntry {
  type: string;
  target: string;
  since: number;
}

/** Anything that owns timers: an attempt (ItemState) or a loaded module version (FlowInstance). */
export interface TimerOwner {
  timers: Set<NodeJS.Timeout> | null;
  /** Once closed, new timers are refused and the owned ones have been cleared. */
  closed: boolean;
}

export class ItemState implements TimerOwner {
  readonly key: string;
  readonly startedAt = Date.now();
  lastActivityAt = this.startedAt;
  timers: Set<NodeJS.Timeout> | null = null;
  closed = false;
  /** Created lazily: most no-op flows never touch ctx.signal. */
  controller: AbortController | null = null;
  abortError: JobError | null = null;
  pending: Set<PendingEntry> | null = null;
  /** Sockets opened by this attempt that were still connecting; destroyed when the attempt ends. */
  connecting: Set<Socket> | null = null;
  progress: { value?: number; message?: string } | null = null;
  logBytes = 0;
  truncated = false;
  /** Set when the attempt already ended by other means (process.exit, uncaught error). */
  forcedError: JobError | null = null;

  constructor(
    readonly item: WorkItem,
    readonly instance: FlowInstance
  ) {
    this.key = item.key;
  }

  addPending(entry: PendingEntry): void {
    (this.pending ??= new Set()).add(entry);
  }

  removePending(entry: PendingEntry): void {
    this.pending?.delete(entry);
  }
}

export const itemStorage = new AsyncLocalStorage<ItemState>();

/** The attempt the calling code runs for, if it is still running. */
export function currentItem(): ItemState | undefined {
  const st = itemStorage.getStore();
  return st && !st.closed ? st : undefined;
}

/** ctx.fetch's per-call connectTimeoutMs override, read by the connect patch. */
export const connectTimeoutOverride = new AsyncLocalStorage<number>();

/** >0 while a flow module's top-level code runs (process.exit there fails the load, not the worker). */
export const runtimeFlags = { loading: 0 };
