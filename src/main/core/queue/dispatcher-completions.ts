// Completions from every worker, written in batches: all results that arrive in one turn of the event
// loop are written in one transaction, which also claims the jobs that take the freed slots. Logs are
// flushed first, so a finished job's logs are complete. The store ignores a completion whose attempt
// is no longer the running one, so a late or repeated result can never complete a job twice.
// In the engine the batch rides in the enqueue batcher's transaction (writeIn): completions and
// enqueues of one turn then share one commit and one claim pass — on these machines the commit, not
// the statements, is what costs. flush() still writes on its own when an answer must see the result.
import type { JobRow } from '../../../shared/domain';
import type { Completion, Store } from '../store-types';
import type { LogSink } from '../workers/log-sink';
import type { Rider, RiderWrite } from './enqueue-batcher';

export class CompletionSink implements Rider {
  private batch: Completion[] = [];
  private queues = new Set<string>();
  private scheduled = false;
  /** Set when another batcher carries this one's writes (engine: the enqueue batcher). */
  private carrier: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly logs: LogSink,
    /** `claimed`: replacements were already claimed in the same transaction (no wake-up needed). */
    private readonly onWritten: (rows: JobRow[], jobIds: number[], queues: Set<string>, claimed: boolean) => void,
    private readonly onError: (err: unknown) => void,
    /** Claims replacements for the slots this batch frees, inside the same transaction (sent after commit). */
    private readonly claimFree: (queues: Set<string>) => Array<() => void> | null = () => null,
    /** false: onWritten gets no rows (saves reading each finished row back). */
    private readonly wantRows = true
  ) {}

  /** From now on `schedule` (the carrier's own turn flush) writes the batches instead of flush(). */
  carriedBy(schedule: () => void): void {
    this.carrier = schedule;
  }

  push(completion: Completion, queue: string | null): void {
    this.batch.push(completion);
    if (queue) this.queues.add(queue);
    if (this.carrier) return this.carrier();
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  has(jobId: number): boolean {
    return this.batch.some((c) => c.jobId === jobId);
  }

  get hasPending(): boolean {
    return this.batch.length > 0;
  }

  /**
   * Writes what is buffered inside the caller's open transaction (the completions in a savepoint of
   * their own, so a failure there never rolls back the caller's writes) and returns what to report
   * once the caller's transaction has ended; null when nothing is buffered.
   */
  writeIn(): RiderWrite | null {
    if (this.batch.length === 0) return null;
    const batch = this.batch;
    const queues = this.queues;
    this.batch = [];
    this.queues = new Set();
    this.logs.flush();
    let rows: JobRow[] = [];
    try {
      // Rows only when someone reads them: the engine publishes by id (EventBatcher), never these.
      rows = this.store.queues.complete(batch, Date.now(), { rows: this.wantRows });
    } catch (err) {
      this.onError(err);
    }
    return {
      queues,
      after: (committed, claimed) =>
        this.onWritten(
          committed ? rows : [],
          batch.map((c) => c.jobId),
          queues,
          claimed
        )
    };
  }

  /** Writes what is buffered now in a transaction of its own (also called when an answer must see the result). */
  flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    let written: RiderWrite | null = null;
    let sends: Array<() => void> | null = null;
    let committed = false;
    try {
      sends = this.store.transaction(() => {
        written = this.writeIn();
        return written ? this.claimFree(written.queues) : [];
      });
      committed = true;
    } catch (err) {
      this.onError(err);
      sends = null;
    }
    for (const send of sends ?? []) send();
    (written as RiderWrite | null)?.after(committed, sends !== null);
  }
}
