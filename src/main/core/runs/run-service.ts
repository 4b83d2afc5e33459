// Run Now: the saved current version, or an unsaved draft, run once in a worker process of its own
// from the Run Now pool — the same runtime queue jobs use, never main. Logs are stored and streamed
// as 'run.log' the moment the worker sends them; 'run.updated' marks start, hang changes and the end.
import { randomUUID } from 'node:crypto';
import type { Flow, LogLine, RunResult, RunSummary } from '../../../shared/domain';
import type { Inputs } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { RUN_DEFAULT_TIMEOUT_MS } from '../../../shared/schemas';
import type { FlowBundle, WorkItem } from '../../../shared/worker-protocol';
import type { EventBus } from '../events';
import { cancelMessage } from '../monitor/describe';
import { blockedFor, deriveLive, pendingOps, RUN_HANG_AFTER_MS } from '../monitor/live';
import type { Store } from '../store-types';
import type { InFlight, ItemEnd } from '../workers/in-flight';
import type { WorkerPool } from '../workers/pool';
import type { Supervisor } from '../workers/supervisor';

export const RUN_DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface RunDeps {
  store: Store;
  sup: Supervisor;
  pool: WorkerPool;
  events: EventBus;
  bundle(flowId: number, version: number): FlowBundle;
  compileDraft(flow: Flow, code: string): FlowBundle;
  /** Stalled threshold for runs (there is no queue to carry hangAfterSec). */
  hangAfterMs?: number;
}

export class RunService {
  private readonly waiters = new Map<string, () => void>();
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly deps: RunDeps) {}

  async start(input: Inputs['flows.run']): Promise<RunResult> {
    const { store, sup, pool } = this.deps;
    const flow = store.flows.get(input.id);
    const draft = input.code !== undefined;
    const bundle = draft ? this.deps.compileDraft(flow, input.code as string) : this.deps.bundle(flow.id, flow.version);
    const version = draft ? null : flow.version;
    const runId = randomUUID();
    const run = store.runs.create({ runId, flowId: flow.id, flowVersion: version, input: input.input ?? null }, Date.now());
    const ended = new Promise<void>((resolve) => this.waiters.set(runId, resolve));
    this.deps.events.emit('run.updated', { run, live: null });

    const launch = async (): Promise<void> => {
      let worker;
      try {
        worker = await pool.acquire();
      } catch {
        this.finishUnstarted(runId, 'failed', { code: 'ENGINE_SHUTDOWN', message: 'The engine shut down before the run started' });
        return;
      }
      if (this.cancelledEarly.delete(runId)) {
        pool.release(worker);
        this.finishUnstarted(runId, 'cancelled', { code: 'CANCELLED_BY_USER', message: 'Cancelled by user before it started' });
        return;
      }
      const timeoutMs = input.timeoutMs ?? RUN_DEFAULT_TIMEOUT_MS;
      const startedAt = Date.now();
      const work: WorkItem = {
        key: `run:${runId}`,
        kind: 'run',
        flowId: flow.id,
        version,
        codeHash: bundle.codeHash,
        input: input.input ?? null,
        timeoutMs,
        connectTimeoutMs: input.connectTimeoutMs ?? RUN_DEFAULT_CONNECT_TIMEOUT_MS,
        facts: { jobId: null, runId, attempt: 1, maxAttempts: 1, queue: null, flowName: flow.name }
      };
      const meta = {
        jobId: null,
        attempt: 1,
        runId,
        queue: null,
        startedAt,
        deadline: startedAt + timeoutMs,
        limitMs: timeoutMs,
        limitLabel: 'run time limit',
        hangAfterMs: this.deps.hangAfterMs ?? RUN_HANG_AFTER_MS
      };
      sup.dispatch(worker, [{ work: sup.withBundle(worker, work, () => bundle), meta }]);
    };
    launch().catch((err: unknown) => {
      console.error('[flowdesk runs] starting run', runId, 'failed:', err);
      this.finishUnstarted(runId, 'failed', { code: 'ENGINE_SHUTDOWN', message: 'The run could not start: the engine is stopping' });
    });

    if (input.wait === false) return this.get(runId);
    await ended;
    return this.get(runId);
  }

  get(runId: string): RunResult {
    const run = this.deps.store.runs.get(runId);
    const logs = this.deps.store.logs.read(`run:${runId}`).lines;
    const item = this.deps.sup.run(runId);
    return { ...run, logs, live: item ? deriveLive(item, Date.now()) : null };
  }

  async cancel(runId: string): Promise<RunResult> {
    const item = this.deps.sup.run(runId);
    if (item) {
      const now = Date.now();
      await this.deps.sup.stopItem(item, 'CANCELLED_BY_USER', cancelMessage(now - item.startedAt, pendingOps(item, now), blockedFor(item, now)));
      return this.get(runId);
    }
    const run = this.deps.store.runs.get(runId);
    if (run.status !== 'running' || !this.waiters.has(runId)) {
      throw new AppError('RUN_NOT_CANCELLABLE', `Run ${runId} is ${run.status}; only a running run can be cancelled`);
    }
    // Still waiting for a worker process: it ends as soon as one is handed over.
    this.cancelledEarly.add(runId);
    return this.get(runId);
  }

  onItemEnd(item: InFlight, end: ItemEnd): void {
    const runId = item.runId as string;
    const status = end.ok ? 'succeeded' : end.error?.code === 'CANCELLED_BY_USER' ? 'cancelled' : 'failed';
    try {
      const run = this.deps.store.runs.finish(runId, { status, result: end.result, error: end.ok ? null : end.error ?? null }, end.finishedAt);
      this.deps.events.emit('run.updated', { run, live: null });
    } finally {
      this.deps.pool.release(item.worker);
      this.waiters.get(runId)?.();
      this.waiters.delete(runId);
    }
  }

  onLog(item: InFlight, lines: LogLine[], truncated: boolean): void {
    const runId = item.runId as string;
    this.deps.store.logs.append(`run:${runId}`, lines, truncated);
    this.deps.events.emit('run.log', { runId, flowId: item.flowId, lines });
  }

  /** Hang flag or pending operations changed. */
  onLive(item: InFlight): void {
    const runId = item.runId as string;
    try {
      const { input: _input, result: _result, ...summary } = this.deps.store.runs.get(runId);
      this.deps.events.emit('run.updated', { run: summary as RunSummary, live: deriveLive(item, Date.now()) });
    } catch {
      // The run row is gone (database closing): nothing to show.
    }
  }

  private finishUnstarted(runId: string, status: 'failed' | 'cancelled', error: { code: 'ENGINE_SHUTDOWN' | 'CANCELLED_BY_USER'; message: string }): void {
    if (!this.waiters.has(runId)) return;
    try {
      const run = this.deps.store.runs.finish(runId, { status, error }, Date.now());
      this.deps.events.emit('run.updated', { run, live: null });
    } catch {
      // The database is closing: the next start's recovery ends this run.
    } finally {
      this.waiters.get(runId)?.();
      this.waiters.delete(runId);
    }
  }
}
