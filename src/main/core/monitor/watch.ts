// The monitor's clock: every WATCH_TICK_MS it enforces deadlines (abort, then kill after the grace)
// and raises or clears hang flags, so a blocked event loop is flagged within about a second. A slower
// sweep reads expired leases from the store as defence in depth: a running job no process owns ends
// LEASE_EXPIRED instead of staying 'running' forever.
import type { JobError } from '../../../shared/domain';
import type { Completion, Store } from '../store-types';
import type { InFlight } from '../workers/in-flight';
import type { Supervisor } from '../workers/supervisor';
import { blockedFor, deriveHang } from './live';

export const WATCH_TICK_MS = 100;
export const LEASE_SWEEP_MS = 5000;

export interface WatchDeps {
  store: Store;
  sup: Supervisor;
  /** A hang flag was raised, changed kind, or cleared. */
  onHang(item: InFlight): void;
  /** True while a completion for this job waits in the batch (it is not orphaned). */
  completing(jobId: number): boolean;
  completeOrphans(completions: Completion[], queues: string[]): void;
  onError(err: unknown): void;
}

export class Watch {
  private readonly tick: NodeJS.Timeout;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly deps: WatchDeps) {
    this.tick = setInterval(() => this.check(), WATCH_TICK_MS);
    this.sweep = setInterval(() => this.sweepLeases(), LEASE_SWEEP_MS);
    this.tick.unref();
    this.sweep.unref();
  }

  check(now = Date.now()): void {
    // Workers already being stopped for one of their items: that stop's kill covers the rest.
    const blamed = new Set<unknown>();
    for (const item of this.deps.sup.allItems()) if (item.stop) blamed.add(item.worker);
    for (const item of this.deps.sup.allItems()) {
      if (!item.stop && now >= item.deadline) {
        // In a blocked process every item runs out of time together, but only one holds the loop.
        // Blame the oldest (items are visited in start order); the kill that follows puts the others
        // back to pending without spending an attempt.
        const stuck = blockedFor(item, now) !== null;
        if (!stuck || !blamed.has(item.worker)) void this.deps.sup.timeout(item, now);
        if (stuck) blamed.add(item.worker);
      }
      const hang = deriveHang(item, now);
      if ((hang?.kind ?? null) !== (item.hang?.kind ?? null)) {
        item.hang = hang;
        this.deps.onHang(item);
      } else if (hang) {
        item.hang = hang;
      }
    }
  }

  sweepLeases(now = Date.now()): void {
    try {
      const expired = this.deps.store.queues
        .expiredLeases(now)
        .filter((l) => !this.deps.sup.job(l.jobId) && !this.deps.completing(l.jobId));
      if (expired.length === 0) return;
      const error: JobError = { code: 'LEASE_EXPIRED', message: 'Found running past its lease with no live worker process' };
      this.deps.completeOrphans(
        expired.map((l) => ({ jobId: l.jobId, attempt: l.attempt, ok: false, error, finishedAt: now })),
        [...new Set(expired.map((l) => l.queue))]
      );
    } catch (err) {
      this.deps.onError(err);
    }
  }

  stop(): void {
    clearInterval(this.tick);
    clearInterval(this.sweep);
  }
}
