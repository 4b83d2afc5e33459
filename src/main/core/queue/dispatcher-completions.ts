// Completions from every worker, written in batches: all results that arrive in one turn of the event
// loop go to store.complete in one transaction, which also claims the jobs that take the freed slots. Logs are flushed first, so a finished job's logs are
// complete. The store ignores a completion whose attempt is no longer the running one, so a late or
// repeated result can never complete a job twice.
import type { JobRow } from '../../../shared/domain';
import type { Completion, Store } from '../store-types';
import type { LogSink } from '../workers/log-sink';

export class CompletionSink {
  private batch: Completion[] = [];
  private queues = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly store: Store,
    private readonly logs: LogSink,
    /** `claimed`: replacements were already claimed in the same transaction (no wake-up needed). */
    private readonly onWritten: (rows: JobRow[], jobIds: number[], queues: Set<string>, claimed: boolean) => void,
    private readonly onError: (err: unknown) => void,
    /** Claims replacements for the slots this batch frees, inside the same transaction (sent after commit). */
    private readonly claimFree: (queues: Set<string>) => Array<() => void> | null = () => null
  ) {}

  push(completion: Completion, queue: string | null): void {
    this.batch.push(completion);
    if (queue) this.queues.add(queue);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  has(jobId: number): boolean {
    return this.batch.some((c) => c.jobId === jobId);
  }

  /** Writes what is buffered now (also called directly when an answer must see the result). */
  flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    const queues = this.queues;
    this.batch = [];
    this.queues = new Set();
    this.logs.flush();
    let rows: JobRow[] = [];
    let sends: Array<() => void> | null = null;
    try {
      sends = this.store.transaction(() => {
        rows = this.store.queues.complete(batch, Date.now());
        return this.claimFree(queues);
      });
    } catch (err) {
      this.onError(err);
    }
    for (const send of sends ?? []) send();
    this.onWritten(
      rows,
      batch.map((c) => c.jobId),
      queues,
      sends !== null
    );
  }
}
