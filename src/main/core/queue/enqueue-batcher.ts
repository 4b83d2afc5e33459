// Group commit for enqueues. On these machines a SQLite commit costs tens of microseconds, far more
// than the insert itself, so enqueues that arrive in the same turn of the event loop (concurrent HTTP
// requests, a script firing many at once) share one transaction. Each enqueue still runs in its own
// savepoint: one bad request (unknown queue) fails alone and never rolls back its neighbours.
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
    private readonly claimFree: (queues: Set<string>) => Array<() => void> | null = () => null
  ) {}

  enqueue(name: string, input: EnqueueInput): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ name, input, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything waiting now (also called by close, so no enqueue is left unanswered). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const now = Date.now();
    let outcomes: Array<{ ok: true; value: Result } | { ok: false; error: unknown }>;
    let sends: Array<() => void> | null;
    try {
      [outcomes, sends] = this.store.transaction(() => {
        const done = batch.map((p) => {
          try {
            return { ok: true as const, value: this.store.queues.enqueue(p.name, p.input, now) };
          } catch (error) {
            return { ok: false as const, error };
          }
        });
        return [done, this.claimFree(new Set(batch.map((p) => p.name)))] as const;
      });
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of this batch was written.
      for (const p of batch) p.reject(error);
      return;
    }
    for (const send of sends ?? []) send();
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
}
