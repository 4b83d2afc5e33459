// The jobs list's data: pages of compact rows fetched by offset (queues.jobRows), newest first, so
// 100,000 jobs cost only the pages on screen. job.updated events patch loaded rows in place and are
// applied once per frame; jobs the list has not seen (new ones, or ones entering the filter) only
// mark it stale, and a throttled refresh re-reads the total and the pages in view.
import type { JobRow, JobStatus } from '../../../shared/domain';

export const PAGE_SIZE = 200;
const REFRESH_THROTTLE_MS = 700;

export type FetchRows = (q: { status?: JobStatus; offset: number; limit: number }) => Promise<{ total: number; rows: JobRow[] }>;

export interface JobRowsSnapshot {
  /** null until the first page answered (the list reserves its space meanwhile). */
  total: number | null;
  /** Bumped on every change so React re-renders. */
  version: number;
  error: string | null;
}

export class JobRowsStore {
  private pages = new Map<number, JobRow[]>();
  private loading = new Set<number>();
  private byId = new Map<number, JobRow>();
  private listeners = new Set<() => void>();
  private snapshot: JobRowsSnapshot = { total: null, version: 0, error: null };
  private pendingUpdates = new Map<number, JobRow>();
  private flushScheduled = false;
  private stale = false;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRefreshAt = 0;
  private visible: [number, number] = [0, PAGE_SIZE];
  /** Generation: answers to requests made before a filter change or refresh are dropped. */
  private gen = 0;
  private disposed = false;

  constructor(
    private readonly fetchRows: FetchRows,
    private status: JobStatus | undefined,
    private readonly schedule: (fn: () => void) => void = (fn) => requestAnimationFrame(fn)
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): JobRowsSnapshot => this.snapshot;

  get filter(): JobStatus | undefined {
    return this.status;
  }

  rowAt(index: number): JobRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Loads the pages covering [start, end) that are not loaded yet; the list calls it on scroll. */
  ensureRange(start: number, end: number): void {
    this.visible = [start, end];
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);
    for (let p = first; p <= last; p++) void this.loadPage(p);
  }

  setFilter(status: JobStatus | undefined): Promise<void> {
    this.status = status;
    return this.reload();
  }

  /** Drops everything and re-reads the pages in view (filter change, resync). */
  reload(): Promise<void> {
    this.gen++;
    this.pages.clear();
    this.loading.clear();
    this.byId.clear();
    this.stale = false;
    this.lastRefreshAt = Date.now();
    const first = Math.floor(this.visible[0] / PAGE_SIZE);
    const last = Math.floor(Math.max(this.visible[0], this.visible[1] - 1) / PAGE_SIZE);
    const loads: Promise<void>[] = [];
    for (let p = first; p <= last; p++) loads.push(this.loadPage(p, true));
    return Promise.all(loads).then(() => undefined);
  }

  /** Rows from a job.updated event (any queue's rows must be filtered by the caller). */
  applyUpdates(rows: JobRow[]): void {
    for (const row of rows) this.pendingUpdates.set(row.id, row);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => this.flush());
  }

  /** Stops timers and drops late answers; `activate` undoes it (React StrictMode remounts effects). */
  dispose(): void {
    this.disposed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  activate(): void {
    this.disposed = false;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.disposed) return;
    let changed = false;
    for (const row of this.pendingUpdates.values()) {
      const known = this.byId.get(row.id);
      if (known) {
        // Patch in place: the row object is shared with its page, so the list sees it at once.
        Object.assign(known, row);
        changed = true;
        if (this.status && row.status !== this.status) this.stale = true;
      } else if (!this.status || row.status === this.status) {
        this.stale = true;
      }
    }
    this.pendingUpdates.clear();
    if (changed) this.emit();
    if (this.stale) this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    const wait = Math.max(0, this.lastRefreshAt + REFRESH_THROTTLE_MS - Date.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (!this.disposed && this.stale) void this.reloadKeepingRows();
    }, wait);
  }

  /** A refresh that keeps the current rows on screen until the new pages answer (no flicker). */
  private async reloadKeepingRows(): Promise<void> {
    this.stale = false;
    this.lastRefreshAt = Date.now();
    const gen = ++this.gen;
    const first = Math.floor(this.visible[0] / PAGE_SIZE);
    const last = Math.floor(Math.max(this.visible[0], this.visible[1] - 1) / PAGE_SIZE);
    const fresh = new Map<number, JobRow[]>();
    let total = this.snapshot.total ?? 0;
    try {
      for (let p = first; p <= last; p++) {
        const answer = await this.fetchRows({ status: this.status, offset: p * PAGE_SIZE, limit: PAGE_SIZE });
        if (gen !== this.gen || this.disposed) return;
        fresh.set(p, answer.rows);
        total = answer.total;
      }
    } catch (e) {
      if (gen === this.gen) this.setError(e);
      return;
    }
    this.pages = fresh;
    this.loading.clear();
    this.byId.clear();
    for (const rows of fresh.values()) for (const r of rows) this.byId.set(r.id, r);
    this.snapshot = { total, version: this.snapshot.version + 1, error: null };
    this.emit(false);
  }

  /** `force` skips the "past the end" check, whose total may belong to the previous filter. */
  private async loadPage(p: number, force = false): Promise<void> {
    if (this.pages.has(p) || this.loading.has(p)) return;
    const total = this.snapshot.total;
    if (!force && total !== null && p * PAGE_SIZE >= total && p > 0) return;
    this.loading.add(p);
    const gen = this.gen;
    try {
      const answer = await this.fetchRows({ status: this.status, offset: p * PAGE_SIZE, limit: PAGE_SIZE });
      if (gen !== this.gen || this.disposed) return;
      this.pages.set(p, answer.rows);
      for (const r of answer.rows) this.byId.set(r.id, r);
      this.snapshot = { total: answer.total, version: this.snapshot.version + 1, error: null };
      this.emit(false);
    } catch (e) {
      if (gen === this.gen) this.setError(e);
    } finally {
      if (gen === this.gen) this.loading.delete(p);
    }
  }

  private setError(e: unknown): void {
    this.snapshot = { ...this.snapshot, version: this.snapshot.version + 1, error: (e as Error).message ?? String(e) };
    this.emit(false);
  }

  private emit(bump = true): void {
    if (bump) this.snapshot = { ...this.snapshot, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }
}
