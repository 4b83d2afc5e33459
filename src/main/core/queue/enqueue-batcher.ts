// Group commit for enqueues. On these machines a SQLite commit costs tens of microseconds, far more
// than the insert itself, so enqueues that arrive in the same turn of the event loop (concurrent HTTP
// requests, a script firing many at once) share one transaction. Each enqueue still runs in its own
// savepoint: one bad request (unknown queue) fails alone and never rolls back its neighbours.
// A rider (the engine's completion sink) writes in the same transaction, so one turn's completions,
// enqueues and the claims for the slots they free or fill cost one commit and one claim pass.
import type { Job } from '../../../shared/domain';
import type { Store } from '../store-types';

type EnqueueInput = Parameters<Store['queues']['enqueue']>[1];
type Result = { job: Job; created: boolean };

interface Pending {
  name: string;
  input: EnqueueInput;
  resolve: (r: Result) => void;
  reject: (e: unknown) => void;
}

/** What a rider wrote inside the batch's transaction, and what it reports once that transaction ended. */
export interface RiderWrite {
  /** Queues whose slots the rider's writes freed (claimed for in the same pass). */
  queues: Set<string>;
  /** `committed`: the transaction committed; `claimed`: the claim pass for its queues succeeded. */
  after(committed: boolean, claimed: boolean): void;
}

/** Other buffered writes that share the batch's transaction. */
export interface Rider {
  readonly hasPending: boolean;
  /** Writes inside the open transaction (in its own savepoint); null when nothing is buffered. */
  writeIn(): RiderWrite | null;
}

/** Enough to amortise the commit; small enough that one batch never holds the loop for long. */
const MAX_BATCH = 512;

export class EnqueueBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly store: Store,
    /**
     * Called once per batch with the queues that received jobs and the new job ids; `claimed` says
     * the new jobs were already claimed for free slots in the same transaction (no wake-up needed).
     */
    private readonly onCommitted: (queues: Set<string>, createdIds: number[], claimed: boolean) => void,
    /** Claims the new jobs for free worker slots inside the same transaction (sent after commit); null on failure. */
    private readonly claimFree: (queues: Set<string>) => Array<() => void> | null = () => null,
    private readonly rider: Rider | null = null,
    /**
     * Enqueue already claimed for a free slot (Dispatcher.enqueueClaimed), or null: enqueue plainly.
     * `turn` is one object per batch transaction (lets the store reuse its queue/flow read).
     */
    private readonly enqueueClaimed: ((name: string, input: EnqueueInput, now: number, turn: object) => Result | null) | null = null
  ) {}

  enqueue(name: string, input: EnqueueInput): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ name, input, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else this.schedule();
    });
  }

  /** One flush at the end of this turn (the rider calls it when it has something to write). */
  readonly schedule = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  };

  /** Commits everything waiting now (also called by close, so no enqueue is left unanswered). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0 && !this.rider?.hasPending) return;
    this.pending = [];
    const now = Date.now();
    let outcomes: Array<{ ok: true; value: Result } | { ok: false; error: unknown }> = [];
    let sends: Array<() => void> | null = null;
    let ridden: RiderWrite | null = null;
    try {
      sends = this.store.transaction(() => {
        ridden = this.rider?.writeIn() ?? null;
        const handOff = this.handOffAllowed(batch);
        const turn = {};
        outcomes = batch.map((p, i) => {
          try {
            const claimed = handOff[i] ? this.enqueueClaimed!(p.name, p.input, now, turn) : null;
            return { ok: true as const, value: claimed ?? this.store.queues.enqueue(p.name, p.input, now) };
          } catch (error) {
            return { ok: false as const, error };
          }
        });
        const queues = new Set(batch.map((p) => p.name));
        for (const q of (ridden as RiderWrite | null)?.queues ?? []) queues.add(q);
        return this.claimFree(queues);
      });
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of this batch was written.
      (ridden as RiderWrite | null)?.after(false, false);
      for (const p of batch) p.reject(error);
      return;
    }
    for (const send of sends ?? []) send();
    (ridden as RiderWrite | null)?.after(true, sends !== null);
    if (batch.length === 0) return;
    const queues = new Set<string>();
    const created: number[] = [];
    outcomes.forEach((o, i) => {
      if (!o.ok) return batch[i].reject(o.error);
      queues.add(batch[i].name);
      if (o.value.created) created.push(o.value.job.id);
      batch[i].resolve(o.value);
    });
    this.onCommitted(queues, created, sends !== null);
  }

  /**
   * Which enqueues of the batch may be claimed as they are written: only one that no later enqueue
   * of the same queue outranks (higher priority). Otherwise the whole rest goes through the pending
   * state, and the claim then picks by priority exactly as if the batch had been written first.
   */
  private handOffAllowed(batch: Pending[]): boolean[] {
    const allowed = new Array<boolean>(batch.length).fill(false);
    if (!this.enqueueClaimed) return allowed;
    const laterMax = new Map<string, number>();
    for (let i = batch.length - 1; i >= 0; i--) {
      const { name, input } = batch[i];
      const priority = input.priority ?? 0;
      const max = laterMax.get(name);
      allowed[i] = max === undefined || priority >= max;
      if (max === undefined || priority > max) laterMax.set(name, priority);
    }
    return allowed;
  }
}
