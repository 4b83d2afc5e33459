// One dispatcher per queue name: the only consumer of that queue. It claims only when a worker slot
// is free (never holds claimed jobs in a waiting line where their lease would run out), claims up to
// the free slots in one store.claim, and ships them in one 'run' message. The claim fixes the flow
// version in its own transaction; the item carries that version's bundle to any process that has not
// compiled it yet, so a process that missed a reload still runs the right code.
import { availableParallelism } from 'node:os';
import type { Job, Queue } from '../../../shared/domain';
import type { FlowBundle, WorkItem } from '../../../shared/worker-protocol';
import { queueDeletedMessage } from '../monitor/describe';
import type { ClaimedJob, Store } from '../store-types';
import type { ItemMeta } from '../workers/in-flight';
import { WorkerPool } from '../workers/pool';
import type { Supervisor } from '../workers/supervisor';
import type { WorkerHandle } from '../workers/worker-handle';
import { HandOffs } from './dispatcher-handoff';

/** Processes per queue: enough to use the cores, few enough that idle memory stays small. */
export const MAX_PROCESSES_PER_QUEUE = Math.max(2, Math.min(4, availableParallelism()));
/** Defence in depth: a claim attempt now and then even when no wake-up arrived. */
const SAFETY_POLL_MS = 2000;
/** Timers for far-away runAt are re-armed at most this far ahead. */
const MAX_TIMER_MS = 60_000;

export function processesFor(concurrency: number): number {
  return concurrency <= 1 ? 1 : Math.min(concurrency, MAX_PROCESSES_PER_QUEUE);
}

export interface DispatcherDeps {
  store: Store;
  sup: Supervisor;
  bundle(flowId: number, version: number): FlowBundle;
  onClaimed(queue: string, jobIds: number[]): void;
  onError(err: unknown): void;
}

export class Dispatcher {
  private pool: WorkerPool | null = null;
  private closed = false;
  private wakeScheduled = false;
  private nextTimer: NodeJS.Timeout | null = null;
  private readonly pollTimer: NodeJS.Timeout;
  /** Jobs claimed at enqueue in the open transaction, sent by that transaction's claim pass. */
  private readonly handOffs = new HandOffs();

  constructor(
    private queue: Queue,
    private readonly deps: DispatcherDeps
  ) {
    this.pollTimer = setInterval(() => this.wake(), SAFETY_POLL_MS);
    this.pollTimer.unref();
    this.update(queue);
  }

  get name(): string {
    return this.queue.name;
  }

  get config(): Queue {
    return this.queue;
  }

  get workers(): WorkerHandle[] {
    return this.pool?.all ?? [];
  }

  owns(worker: WorkerHandle): boolean {
    return this.pool?.owns(worker) ?? false;
  }

  handleExit(worker: WorkerHandle): void {
    this.pool?.handleExit(worker);
    this.wake();
  }

  /** New options (PATCH, enable/disable): they apply from the next pickup; running items go on. */
  update(queue: Queue): void {
    this.queue = queue;
    if (this.closed) return;
    if (queue.enabled) {
      this.pool ??= new WorkerPool(this.deps.sup, queue.name, () => this.wake());
      this.pool.resize(processesFor(queue.concurrency), queue.concurrency);
    } else {
      // A disabled queue holds no idle processes (~45 MB each): they drain — running items finish
      // on them — and exit. Re-enabling spawns fresh ones, which load the flow's current version.
      this.pool?.resize(0, queue.concurrency);
    }
    this.wake();
  }

  /** Coalesces wake-ups (enqueue, completion, timer, ready) into one pump per turn of the loop. */
  wake(): void {
    if (this.wakeScheduled || this.closed) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      try {
        this.pump();
      } catch (err) {
        this.deps.onError(err);
      }
    });
  }

  private inFlight(): number {
    let n = 0;
    for (const w of this.pool?.all ?? []) n += w.items.size;
    return n;
  }

  /** Claims and sends in one transaction of its own (wake-ups: enqueue, timer, ready, patch). */
  private pump(): void {
    // Hand-offs are normally taken by the enqueue pass itself; any left are committed and go out
    // even if this pass's claims fail.
    const handed = this.takeHanded();
    let sends: Array<() => void> = [];
    try {
      sends = this.deps.store.transaction(() => this.claimFree());
    } finally {
      for (const send of [...handed, ...sends]) send();
    }
  }

  /**
   * Claims for every free slot and returns the sends, without sending. Callers run it inside the
   * transaction that freed the slots (a completion batch) so completing and re-claiming share one
   * commit — on these machines the commit, not the statements, is what costs — and send only after
   * that commit, so no worker ever runs a claim that was rolled back.
   */
  claimFree(): Array<() => void> {
    // Slots taken by jobs handed over at enqueue in this transaction (not sent yet, so not in items).
    const reserved = this.handOffs.takeReserved();
    const sends: Array<() => void> = [];
    let free = this.queue.concurrency - this.inFlight();
    for (const n of reserved.values()) free -= n;
    if (this.closed || !this.queue.enabled || !this.pool) return sends;
    let drained = false;
    for (const worker of this.pool.active) {
      if (free <= 0) break;
      const want = Math.min(worker.freeSlots - (reserved.get(worker) ?? 0), free);
      if (want <= 0) continue;
      const claimed = this.deps.store.queues.claim(this.queue.name, worker.id, want, Date.now());
      if (claimed.length > 0) sends.push(() => this.send(worker, claimed));
      free -= claimed.length;
      if (claimed.length < want) {
        drained = true;
        break;
      }
    }
    if (drained) this.armNextRunAt();
    return sends;
  }

  /**
   * The sends of jobs claimed at enqueue in the open transaction. Pure bookkeeping (cannot fail), so
   * the caller keeps them even when the claims of claimFree, next in the same pass, roll back.
   */
  takeHanded(): Array<() => void> {
    return this.handOffs.take((worker, claimed) => this.send(worker, claimed));
  }

  /**
   * Inside the enqueue batch's transaction: enqueues this job already claimed for a free slot, when
   * the store agrees nothing due ranks before it (see direct-claim.ts); null means enqueue it the
   * ordinary way. The send follows with the same transaction's claimFree, after its commit.
   */
  enqueueClaimed(input: Parameters<Store['queues']['enqueue']>[1], now: number, turn?: object): { job: Job; created: boolean } | null {
    const store = this.deps.store.queues;
    if (this.closed || !this.queue.enabled || !this.pool || !store.enqueueClaimed) return null;
    if (this.queue.concurrency - this.inFlight() - this.handOffs.count <= 0) return null;
    for (const worker of this.pool.active) {
      if (worker.freeSlots - this.handOffs.heldFor(worker) <= 0) continue;
      const r = store.enqueueClaimed(this.queue.name, input, worker.id, now, turn);
      if (!r) return null;
      this.handOffs.add(worker, r.claimed);
      return { job: r.job, created: true };
    }
    return null;
  }

  private send(worker: WorkerHandle, claimed: ClaimedJob[]): void {
    const hangAfterMs = this.queue.hangAfterSec * 1000;
    const entries = claimed.map((c) => {
      const limitMs = c.visibilityTimeoutSec * 1000;
      const work: WorkItem = {
        key: `job:${c.jobId}:${c.attempt}`,
        kind: 'job',
        flowId: c.flowId,
        version: c.flowVersion,
        codeHash: c.codeHash,
        input: c.payload,
        timeoutMs: limitMs,
        connectTimeoutMs: c.connectTimeoutMs,
        facts: { jobId: c.jobId, runId: null, attempt: c.attempt, maxAttempts: c.maxAttempts, queue: c.queue, flowName: c.flowName }
      };
      const meta: ItemMeta = {
        jobId: c.jobId,
        attempt: c.attempt,
        runId: null,
        queue: c.queue,
        startedAt: c.startedAt,
        deadline: c.leaseExpiresAt,
        limitMs,
        limitLabel: 'queue visibility timeout',
        hangAfterMs
      };
      return { work: this.deps.sup.withBundle(worker, work, () => this.deps.bundle(c.flowId, c.flowVersion)), meta };
    });
    this.deps.sup.dispatch(worker, entries);
    this.deps.onClaimed(this.queue.name, claimed.map((c) => c.jobId));
  }

  /** Delayed and backed-off jobs: wake when the earliest one becomes due. */
  private armNextRunAt(): void {
    const next = this.deps.store.queues.nextRunAt(this.queue.name);
    if (this.nextTimer) clearTimeout(this.nextTimer);
    this.nextTimer = null;
    if (next === null) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now()) + 2);
    this.nextTimer = setTimeout(() => {
      this.nextTimer = null;
      this.wake();
    }, delay);
  }

  /** Stops claiming; running items go on (engine close decides their fate). */
  stopClaiming(): void {
    this.closed = true;
    clearInterval(this.pollTimer);
    if (this.nextTimer) clearTimeout(this.nextTimer);
  }

  /** The queue was deleted: its running items stop with QUEUE_DELETED, then its processes go. */
  async delete(): Promise<void> {
    this.stopClaiming();
    const now = Date.now();
    const items = this.workers.flatMap((w) => [...w.items.values()]);
    await Promise.all(
      items.map((i) => this.deps.sup.stopItem(i, 'QUEUE_DELETED', queueDeletedMessage(this.queue.name, now - i.startedAt)))
    );
    await this.pool?.close();
  }

  async closePool(graceMs?: number): Promise<void> {
    this.stopClaiming();
    await this.pool?.close(graceMs);
  }
}
