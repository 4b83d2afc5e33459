// A pool of worker processes for one queue (or for Run Now). It keeps `target` processes alive,
// shares the queue's concurrency among them as slots, restarts crashed processes with backoff, and
// shrinks without killing running work: a surplus process drains (takes nothing new) and then stops.
import type { Supervisor } from './supervisor';
import { SHUTDOWN_GRACE_MS } from './supervisor';
import type { WorkerHandle } from './worker-handle';

/** Crash restarts back off from RESTART_MIN_MS, doubling to RESTART_MAX_MS; a healthy run resets it. */
export const RESTART_MIN_MS = 100;
export const RESTART_MAX_MS = 5000;
export const HEALTHY_AFTER_MS = 10_000;

export class WorkerPool {
  /** Live processes that take new work. */
  private members: WorkerHandle[] = [];
  /** Every live process this pool started, draining ones included. */
  private readonly owned = new Set<WorkerHandle>();
  private readonly reserved = new Set<WorkerHandle>();
  private target = 0;
  private concurrency = 1;
  private closed = false;
  private restartDelay = RESTART_MIN_MS;
  private restartTimer: NodeJS.Timeout | null = null;
  private restarts = 0;
  /** Run Now callers waiting for a process while the pool is at its cap. */
  private waiting: Array<() => void> = [];

  constructor(
    private readonly sup: Supervisor,
    readonly queue: string | null,
    /** Called when capacity may have appeared (a process became ready, sizes changed). */
    private readonly onCapacity: () => void,
    /** Run Now: at most this many processes at once; further runs wait for one to come free. */
    private readonly maxProcesses: number | null = null
  ) {}

  get active(): readonly WorkerHandle[] {
    return this.members;
  }

  get all(): WorkerHandle[] {
    return [...this.owned];
  }

  owns(worker: WorkerHandle): boolean {
    return this.owned.has(worker);
  }

  /** Live change of size and slots: grows at once, shrinks by draining (running items finish). */
  resize(processes: number, concurrency: number): void {
    if (this.closed) return;
    this.target = processes;
    this.concurrency = concurrency;
    while (this.members.length > processes) {
      const idle = this.members.findIndex((w) => w.items.size === 0);
      const [w] = this.members.splice(idle >= 0 ? idle : this.members.length - 1, 1);
      this.retire(w);
    }
    while (this.members.length < processes) this.spawn();
    this.assignSlots();
    this.onCapacity();
  }

  /** Run Now: an idle process of its own for one run (a warm one when there is one). */
  async acquire(): Promise<WorkerHandle> {
    if (this.closed) throw new Error('pool closed');
    const idle = this.members.find((w) => w.usable && w.items.size === 0 && !this.reserved.has(w));
    if (!idle && this.maxProcesses !== null && this.members.length >= this.maxProcesses) {
      // Each run gets a process of its own; a burst of runs queues here instead of forking without bound.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      return this.acquire();
    }
    const worker = idle ?? this.spawn();
    this.reserved.add(worker);
    await worker.ready;
    if (!worker.alive) {
      this.reserved.delete(worker);
      return this.acquire();
    }
    return worker;
  }

  /** Run Now: the run is dispatched (or abandoned); surplus processes beyond the warm count go away. */
  release(worker: WorkerHandle): void {
    this.reserved.delete(worker);
    if (this.waiting.length > 0 && worker.items.size === 0 && worker.usable) {
      // Someone is waiting at the cap: hand them this now idle process instead of retiring it.
      this.waiting.shift()?.();
      return;
    }
    if (this.members.length > this.target && worker.items.size === 0 && this.members.includes(worker)) {
      this.members = this.members.filter((w) => w !== worker);
      this.retire(worker);
    }
  }

  /** The supervisor saw one of our processes exit. */
  handleExit(worker: WorkerHandle): void {
    if (!this.owned.delete(worker)) return;
    this.reserved.delete(worker);
    const wasMember = this.members.includes(worker);
    this.members = this.members.filter((w) => w !== worker);
    this.waiting.shift()?.();
    if (this.closed || !wasMember) return;
    if (worker.killedByUs) {
      this.scheduleRefill(0);
    } else {
      if (Date.now() - worker.startedAt > HEALTHY_AFTER_MS) this.restartDelay = RESTART_MIN_MS;
      this.scheduleRefill(this.restartDelay);
      this.restartDelay = Math.min(RESTART_MAX_MS, this.restartDelay * 2);
    }
  }

  async close(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    this.closed = true;
    // Waiting runs wake up to a closed pool and end ENGINE_SHUTDOWN.
    for (const wake of this.waiting.splice(0)) wake();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.members = [];
    await Promise.all(this.all.map((w) => w.stop(graceMs)));
  }

  private spawn(): WorkerHandle {
    const worker = this.sup.spawn(this.queue, this.restarts);
    this.owned.add(worker);
    this.members.push(worker);
    this.assignSlots();
    void worker.ready.then(() => this.onCapacity());
    return worker;
  }

  private retire(worker: WorkerHandle): void {
    worker.draining = true;
    if (worker.items.size === 0) void worker.stop(SHUTDOWN_GRACE_MS);
  }

  private scheduleRefill(delay: number): void {
    if (this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.closed) return;
      while (this.members.length < this.target) {
        this.restarts++;
        this.spawn();
      }
      this.onCapacity();
    }, delay);
  }

  /** Shares `concurrency` slots among the members: 5 over 2 processes is 3 + 2. */
  private assignSlots(): void {
    const n = this.members.length;
    if (n === 0) return;
    const base = Math.floor(this.concurrency / n);
    const extra = this.concurrency % n;
    this.members.forEach((w, i) => (w.capacity = Math.max(1, base + (i < extra ? 1 : 0))));
  }
}
