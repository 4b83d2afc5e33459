// Exactly one dispatcher object per queue name. Create, patch (enable/disable, concurrency, flowId)
// and delete all go through here, so toggling `enabled` repeatedly changes one object's state and can
// never leave two consumers for one queue.
import type { Queue } from '../../../shared/domain';
import type { WorkerHandle } from '../workers/worker-handle';
import { Dispatcher, type DispatcherDeps } from './dispatcher';

export class DispatcherRegistry {
  private readonly byName = new Map<string, Dispatcher>();
  private closed = false;

  constructor(private readonly deps: DispatcherDeps) {}

  /** Creates or updates the one dispatcher of this queue. */
  apply(queue: Queue): void {
    if (this.closed) return;
    const existing = this.byName.get(queue.name);
    if (existing) existing.update(queue);
    else this.byName.set(queue.name, new Dispatcher(queue, this.deps));
  }

  get(name: string): Dispatcher | undefined {
    return this.byName.get(name);
  }

  wake(name: string): void {
    this.byName.get(name)?.wake();
  }

  /**
   * Claims for the free slots of these queues, inside the caller's transaction (see
   * Dispatcher.claimFree), in a savepoint of its own: a failing claim rolls back only the claims,
   * never the completions or enqueues it rides with. Returns the sends to run after the commit, or
   * null when claiming failed (the caller then wakes the queues to try again).
   */
  claimFree(names: Iterable<string>): Array<() => void> | null {
    const list = [...names];
    // Jobs claimed at enqueue are committed with the caller's transaction whatever the claims below do.
    const handed: Array<() => void> = [];
    for (const name of list) handed.push(...(this.byName.get(name)?.takeHanded() ?? []));
    try {
      return this.deps.store.transaction(() => {
        const sends = [...handed];
        for (const name of list) sends.push(...(this.byName.get(name)?.claimFree() ?? []));
        return sends;
      });
    } catch (err) {
      this.deps.onError(err);
      if (handed.length === 0) return null;
      // The caller takes the handed sends as "claimed" and will not wake these queues: wake them here.
      for (const name of list) this.wake(name);
      return handed;
    }
  }

  /** Enqueue-and-claim for a free slot inside the enqueue batch's transaction (Dispatcher.enqueueClaimed). */
  enqueueClaimed(name: string, input: Parameters<Dispatcher['enqueueClaimed']>[0], now: number, turn?: object): ReturnType<Dispatcher['enqueueClaimed']> {
    return this.byName.get(name)?.enqueueClaimed(input, now, turn) ?? null;
  }

  all(): Dispatcher[] {
    return [...this.byName.values()];
  }

  /** Workers whose queue is bound to this flow (the ones a save must reload). */
  workersForFlow(flowId: number): WorkerHandle[] {
    return this.all()
      .filter((d) => d.config.flowId === flowId)
      .flatMap((d) => d.workers)
      .filter((w) => w.usable || w.state === 'busy');
  }

  handleExit(worker: WorkerHandle): boolean {
    for (const d of this.byName.values()) {
      if (d.owns(worker)) {
        d.handleExit(worker);
        return true;
      }
    }
    return false;
  }

  /**
   * The queue is gone from the store; its running items stop QUEUE_DELETED and its processes end.
   * Jobs the store still had running that no process here holds are ended directly.
   */
  async remove(name: string, runningJobIds: number[] = []): Promise<void> {
    const untracked = runningJobIds.filter((id) => !this.deps.sup.job(id));
    const d = this.byName.get(name);
    this.byName.delete(name);
    await d?.delete();
    if (untracked.length === 0) return;
    const now = Date.now();
    const message = `Queue "${name}" was deleted while this attempt was running`;
    const list = untracked.flatMap((jobId) => {
      const attempt = this.deps.store.queues.getJob(jobId).attempts.at(-1)?.n;
      return attempt === undefined ? [] : [{ jobId, attempt, ok: false, error: { code: 'QUEUE_DELETED' as const, message }, finishedAt: now }];
    });
    this.deps.store.queues.complete(list, now);
  }

  stopClaiming(): void {
    this.closed = true;
    for (const d of this.byName.values()) d.stopClaiming();
  }

  async closePools(graceMs?: number): Promise<void> {
    await Promise.all(this.all().map((d) => d.closePool(graceMs)));
  }
}
