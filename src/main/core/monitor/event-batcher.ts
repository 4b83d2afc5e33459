// Coalesces high-rate changes into few events: 'job.updated' carries the rows changed over a short
// window, 'queue.stats' goes out at most once a second per queue and only when something changed,
// 'workers.updated' once per turn of changes. Main pushes state changes, never per-second ticks.
import type { WorkerInfo } from '../../../shared/domain';
import type { EventBus } from '../events';
import type { Store } from '../store-types';

export const JOB_EVENT_WINDOW_MS = 75;
export const STATS_EVENT_MS = 1000;
const WORKERS_EVENT_WINDOW_MS = 50;

export class EventBatcher {
  private readonly jobIds = new Set<number>();
  private readonly statsQueues = new Set<string>();
  private jobTimer: NodeJS.Timeout | null = null;
  private workersTimer: NodeJS.Timeout | null = null;
  private readonly statsTimer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly events: EventBus,
    private readonly store: Store,
    private readonly workers: () => WorkerInfo[],
    private readonly onError: (err: unknown) => void
  ) {
    this.statsTimer = setInterval(() => this.flushStats(), STATS_EVENT_MS);
    this.statsTimer.unref();
  }

  jobs(ids: Iterable<number>): void {
    // Rows are read only for listeners (the UI, SSE clients); a headless run skips the work.
    if (this.stopped || !this.events.hasListeners) return;
    for (const id of ids) this.jobIds.add(id);
    this.jobTimer ??= setTimeout(() => this.flushJobs(), JOB_EVENT_WINDOW_MS);
  }

  stats(queue: string): void {
    this.statsQueues.add(queue);
  }

  forgetQueue(queue: string): void {
    this.statsQueues.delete(queue);
  }

  workersChanged(): void {
    if (this.stopped) return;
    this.workersTimer ??= setTimeout(() => {
      this.workersTimer = null;
      this.events.emit('workers.updated', { workers: this.workers() });
    }, WORKERS_EVENT_WINDOW_MS);
  }

  flushJobs(): void {
    if (this.jobTimer) clearTimeout(this.jobTimer);
    this.jobTimer = null;
    if (this.jobIds.size === 0) return;
    const ids = [...this.jobIds];
    this.jobIds.clear();
    try {
      const rows = this.store.queues.rows(ids);
      for (const row of rows) this.statsQueues.add(row.queue);
      if (rows.length > 0) this.events.emit('job.updated', { jobs: rows });
    } catch (err) {
      this.onError(err);
    }
  }

  private flushStats(): void {
    if (this.statsQueues.size === 0) return;
    if (!this.events.hasListeners) {
      this.statsQueues.clear();
      return;
    }
    const names = [...this.statsQueues];
    this.statsQueues.clear();
    const now = Date.now();
    for (const name of names) {
      try {
        this.events.emit('queue.stats', this.store.queues.stats(name, now));
      } catch {
        // The queue was deleted since it changed: nothing to report.
      }
    }
  }

  /** Final flush before the database closes; nothing is emitted afterwards. */
  stop(): void {
    this.flushJobs();
    this.stopped = true;
    clearInterval(this.statsTimer);
    if (this.workersTimer) clearTimeout(this.workersTimer);
  }
}
