// The supervisor: every worker process goes through it. It starts processes through the ProcessHost
// seam, ships work items, tracks each item until it ends, and stops code that will not stop:
// 'abort' first (fires ctx.signal), then a kill after STOP_GRACE_MS. An item ends exactly once,
// from a 'done' result or from its process's exit — never both.
import type { JobError, LogLine, ReloadReport, WorkerInfo } from '../../../shared/domain';
import type { JobErrorCode } from '../../../shared/errors';
import {
  MAX_LOG_BYTES_PER_ATTEMPT,
  WORKER_HEARTBEAT_MS,
  type FlowBundle,
  type ItemResult,
  type WorkItem,
  type WorkerToMain
} from '../../../shared/worker-protocol';
import { collateralMessage, crashMessage, timeoutMessage } from '../monitor/describe';
import { blockedFor, liveSignature, pendingOps } from '../monitor/live';
import type { ProcessHost } from './host';
import { markEnded, newInFlight, whenEnded, type InFlight, type ItemEnd, type ItemMeta } from './in-flight';
import { WorkerHandle } from './worker-handle';

/** After 'abort', how long code may take to notice ctx.signal before its process is killed. */
export const STOP_GRACE_MS = 1500;
/** How long a save waits for every worker's 'loaded' ack before answering with the missing ones. */
export const RELOAD_WAIT_MS = 2000;
/** A 'shutdown' message gets this long before the process is killed. */
export const SHUTDOWN_GRACE_MS = 1000;

export interface SupervisorHooks {
  onItemEnd(item: InFlight, end: ItemEnd): void;
  onLog(item: InFlight, lines: LogLine[], truncated: boolean): void;
  /** Pending operations or progress of an item changed. */
  onLive(item: InFlight): void;
  onWorkerExit(worker: WorkerHandle): void;
  onWorkersChanged(): void;
}

export class Supervisor {
  readonly workers = new Map<string, WorkerHandle>();
  private readonly items = new Map<string, InFlight>();
  private readonly byJob = new Map<number, InFlight>();
  private readonly byRun = new Map<string, InFlight>();
  private readonly signatures = new WeakMap<InFlight, string>();
  private nextId = 0;

  constructor(
    private readonly host: ProcessHost,
    private readonly entry: string,
    private readonly hooks: SupervisorHooks
  ) {}

  spawn(queue: string | null, restarts: number): WorkerHandle {
    const id = `${queue ?? 'run'}#${++this.nextId}`;
    const proc = this.host.spawn({ entry: this.entry, name: `flowdesk worker ${id}` });
    const worker = new WorkerHandle(id, queue, proc, restarts, {
      onMessage: (w, msg) => {
        try {
          this.onMessage(w, msg);
        } catch (err) {
          console.error('[flowdesk supervisor] handling', msg.t, 'from', w.id, 'failed:', err);
        }
      },
      onExit: (w, code, signal) => this.onExit(w, code, signal)
    });
    this.workers.set(id, worker);
    worker.send({ t: 'init', workerId: id, heartbeatMs: WORKER_HEARTBEAT_MS, maxLogBytes: MAX_LOG_BYTES_PER_ATTEMPT });
    this.hooks.onWorkersChanged();
    return worker;
  }

  /** Registers the items as running on this worker and sends them in one 'run' message. */
  dispatch(worker: WorkerHandle, entries: Array<{ work: WorkItem; meta: ItemMeta }>): InFlight[] {
    const started: InFlight[] = [];
    for (const { work, meta } of entries) {
      const item = newInFlight(work, meta, worker);
      worker.items.set(item.key, item);
      this.items.set(item.key, item);
      if (item.jobId !== null) this.byJob.set(item.jobId, item);
      if (item.runId !== null) this.byRun.set(item.runId, item);
      started.push(item);
    }
    for (const { work } of entries) {
      // The newest saved version this process has been handed, for the worker list.
      if (work.version !== null && (worker.flowId !== work.flowId || (worker.loadedFlowVersion ?? 0) < work.version)) {
        worker.flowId = work.flowId;
        worker.loadedFlowVersion = work.version;
      }
    }
    worker.refreshState();
    if (!worker.alive) {
      // The process died before the items reached it: they end like any crash (never silently stuck).
      setImmediate(() => this.onExit(worker, worker.exitCode, worker.exitSignal));
    } else {
      worker.send({ t: 'run', items: entries.map((e) => e.work) });
    }
    this.hooks.onWorkersChanged();
    return started;
  }

  /** The code-hash handshake: ship the bundle unless this process already compiled it. */
  withBundle(worker: WorkerHandle, work: WorkItem, bundle: () => FlowBundle): WorkItem {
    if (worker.knownHashes.has(work.codeHash)) {
      worker.remember(work.codeHash);
      return work;
    }
    worker.remember(work.codeHash);
    return { ...work, bundle: bundle() };
  }

  job(jobId: number): InFlight | undefined {
    return this.byJob.get(jobId);
  }

  run(runId: string): InFlight | undefined {
    return this.byRun.get(runId);
  }

  allItems(): IterableIterator<InFlight> {
    return this.items.values();
  }

  get inFlightCount(): number {
    return this.items.size;
  }

  /** Abort, then kill after the grace period. Resolves when the item has ended. The first reason wins. */
  stopItem(item: InFlight, code: JobErrorCode, message: string, requeue = false): Promise<void> {
    if (item.stop || !this.items.has(item.key)) return whenEnded(item);
    item.stop = { code, message, requeue, at: Date.now() };
    item.worker.send({ t: 'abort', key: item.key, code, message });
    item.killTimer = setTimeout(() => this.killFor(item), STOP_GRACE_MS);
    return whenEnded(item);
  }

  /** The time-limit stop, with the limit's name and value and what was pending. */
  timeout(item: InFlight, now: number): Promise<void> {
    const message = timeoutMessage(item.limitMs, item.limitLabel, pendingOps(item, now), blockedFor(item, now));
    return this.stopItem(item, 'JOB_TIMEOUT', message);
  }

  /** Kills the item's process; the other items it carried go back to pending without losing an attempt. */
  private killFor(item: InFlight): void {
    if (!this.items.has(item.key)) return;
    for (const other of item.worker.items.values()) {
      if (other !== item && !other.stop) {
        other.stop = { code: 'WORKER_CRASHED', message: collateralMessage(item.key), requeue: true, at: Date.now() };
      }
    }
    void item.worker.kill();
  }

  /** Engine shutdown: every item still running is requeued (jobs) or ended (runs), then processes die. */
  interruptAll(code: JobErrorCode, message: (item: InFlight) => string): void {
    for (const item of this.items.values()) {
      if (!item.stop) item.stop = { code, message: message(item), requeue: true, at: Date.now() };
    }
  }

  async reload(bundle: FlowBundle, targets: WorkerHandle[], drop?: (workerId: string) => boolean): Promise<ReloadReport> {
    const t0 = performance.now();
    const results = await Promise.all(
      targets.map(async (w) => ({ id: w.id, ok: await w.load(bundle, RELOAD_WAIT_MS, drop?.(w.id) ?? false) }))
    );
    const missing = results.filter((r) => !r.ok).map((r) => r.id);
    const report: ReloadReport = { workers: targets.length, acked: targets.length - missing.length, ms: Math.round(performance.now() - t0) };
    if (missing.length > 0) report.missing = missing;
    this.hooks.onWorkersChanged();
    return report;
  }

  list(now = Date.now()): WorkerInfo[] {
    const out: WorkerInfo[] = [];
    for (const w of this.workers.values()) {
      const items = [...w.items.values()];
      out.push({
        id: w.id,
        pid: w.pid,
        queue: w.queue,
        state: w.state,
        flowId: w.flowId,
        loadedFlowVersion: w.loadedFlowVersion,
        currentJobIds: items.filter((i) => i.jobId !== null).map((i) => i.jobId as number),
        currentRunIds: items.filter((i) => i.runId !== null).map((i) => i.runId as string),
        heartbeatAgeMs: w.lastHeartbeatAt === null ? null : Math.max(0, now - w.lastHeartbeatAt),
        rssBytes: w.rssBytes,
        startedAt: new Date(w.startedAt).toISOString(),
        restarts: w.restarts,
        hang: items.find((i) => i.hang)?.hang ?? null
      });
    }
    return out;
  }

  private onMessage(worker: WorkerHandle, msg: WorkerToMain): void {
    switch (msg.t) {
      case 'done':
        for (const result of msg.results) this.onResult(worker, result);
        return;
      case 'log': {
        const item = worker.items.get(msg.key);
        if (!item) return;
        item.lastActivityAt = Math.max(item.lastActivityAt, Date.now());
        this.hooks.onLog(item, msg.lines, msg.truncated ?? false);
        return;
      }
      case 'progress': {
        const item = worker.items.get(msg.key);
        if (!item) return;
        item.lastActivityAt = Math.max(item.lastActivityAt, msg.at);
        item.progress = { value: msg.value, message: msg.message };
        this.noticeLive(item);
        return;
      }
      case 'heartbeat':
        for (const hb of msg.items) {
          const item = worker.items.get(hb.key);
          if (!item) continue;
          item.lastActivityAt = Math.max(item.lastActivityAt, hb.lastActivityAt);
          item.pending = hb.pending;
          if (hb.progress !== undefined) item.progress = hb.progress;
          this.noticeLive(item);
        }
        return;
      case 'ready':
      case 'loaded':
        this.hooks.onWorkersChanged();
        return;
    }
  }

  private noticeLive(item: InFlight): void {
    const sig = liveSignature(item);
    if (this.signatures.get(item) === sig) return;
    this.signatures.set(item, sig);
    this.hooks.onLive(item);
  }

  private onResult(worker: WorkerHandle, result: ItemResult): void {
    const item = worker.items.get(result.key);
    if (!item) return;
    const finishedAt = Date.now();
    if (item.stop && !item.stop.requeue) {
      // Main stopped it (timeout, cancel, deleted queue): that is the outcome, whatever the code did after.
      this.end(item, { ok: false, error: { code: item.stop.code, message: item.stop.message }, finishedAt });
      return;
    }
    if (item.stop?.requeue && !result.ok) {
      // Interrupted through no fault of its own (engine shutdown, a neighbour's kill) and the flow
      // honoured ctx.signal by giving up: back to pending without spending the attempt. A flow that
      // finished its work anyway keeps its result.
      this.end(item, { ok: false, error: { code: item.stop.code, message: item.stop.message }, requeue: true, finishedAt });
      return;
    }
    let error: JobError | undefined = result.error;
    if ((error?.code as string | undefined) === 'FLOW_NOT_LOADED') {
      // The worker lost compiled code main assumed it had: not the job's fault. Ship bundles again
      // from now on, and put the job back without counting the attempt.
      worker.knownHashes.clear();
      this.end(item, { ok: false, error: { code: 'WORKER_CRASHED', message: error!.message }, requeue: true, finishedAt });
      return;
    }
    if (!result.ok && error?.code === 'JOB_TIMEOUT') {
      // The worker enforced the limit first; keep main's wording, which names the limit.
      error = { ...error, message: timeoutMessage(item.limitMs, item.limitLabel, pendingOps(item, finishedAt), null) };
    }
    this.end(item, { ok: result.ok, result: result.result, error, finishedAt });
  }

  private onExit(worker: WorkerHandle, code: number | null, signal: string | null): void {
    const finishedAt = Date.now();
    for (const item of [...worker.items.values()]) {
      const error: JobError = item.stop
        ? { code: item.stop.code, message: item.stop.message }
        : { code: 'WORKER_CRASHED', message: crashMessage(code, signal) };
      this.end(item, { ok: false, error, requeue: item.stop?.requeue ?? false, finishedAt });
    }
    if (!this.workers.delete(worker.id)) return;
    this.hooks.onWorkerExit(worker);
    this.hooks.onWorkersChanged();
  }

  private end(item: InFlight, end: ItemEnd): void {
    if (!this.items.delete(item.key)) return;
    if (item.killTimer) clearTimeout(item.killTimer);
    item.worker.items.delete(item.key);
    if (item.jobId !== null && this.byJob.get(item.jobId) === item) this.byJob.delete(item.jobId);
    if (item.runId !== null) this.byRun.delete(item.runId);
    item.worker.refreshState();
    try {
      this.hooks.onItemEnd(item, end);
    } catch (err) {
      // A failed write (the database closing) must not take the supervisor down with it.
      console.error('[flowdesk supervisor] recording the end of', item.key, 'failed:', err);
    } finally {
      markEnded(item);
      if (item.worker.draining && item.worker.items.size === 0) void item.worker.stop(SHUTDOWN_GRACE_MS);
      this.hooks.onWorkersChanged();
    }
  }
}
