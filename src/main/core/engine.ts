// The engine: opens the store, recovers what a dead engine left running, supervises one worker pool
// per enabled queue plus a warm Run Now pool, and implements every contract handler. Both shells take
// the Engine and bind `handlers` and `events`; nothing else of the core leaks out.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { Flow, FlowSummary, Job, ReloadReport } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { FlowBundle } from '../../shared/worker-protocol';
import { version as appVersion } from '../../../package.json';
import { createStore } from './db/store';
import { acquireDataLock } from './data-lock';
import type { Engine, EngineOptions } from './engine-types';
import { EventBus } from './events';
import { compileFlow, codeHash, sourceLabel } from './flows/compile';
import { cancelMessage, shutdownMessage } from './monitor/describe';
import { EventBatcher } from './monitor/event-batcher';
import { EnqueueBatcher } from './queue/enqueue-batcher';
import { blockedFor, deriveLive, pendingOps } from './monitor/live';
import { Watch } from './monitor/watch';
import { CompletionSink } from './queue/dispatcher-completions';
import { DispatcherRegistry } from './queue/dispatcher-registry';
import { RunService } from './runs/run-service';
import { ForkHost } from './workers/fork-host';
import { whenEnded, type InFlight } from './workers/in-flight';
import { LogSink } from './workers/log-sink';
import { WorkerPool } from './workers/pool';
import { SHUTDOWN_GRACE_MS, Supervisor } from './workers/supervisor';

const DEFAULT_CLOSE_GRACE_MS = 5000;
const BUNDLE_CACHE_SIZE = 256;
/** Run Now processes at once (each run gets its own); more concurrent runs wait their turn. */
const MAX_RUN_PROCESSES = 4;

export async function createEngine(options: EngineOptions): Promise<Engine> {
  mkdirSync(options.dataDir, { recursive: true });
  const lock = acquireDataLock(options.dataDir);
  let store: ReturnType<typeof createStore>;
  try {
    store = createStore({ file: join(options.dataDir, 'flowdesk.db'), nativeBinding: options.nativeBinding });
  } catch (e) {
    lock.release();
    throw e;
  }
  const events = new EventBus();
  const onError = (err: unknown): void => console.error('[flowdesk engine]', err);

  // A dead engine's running attempts have no owner: they end LEASE_EXPIRED and retry per policy.
  const now0 = Date.now();
  const recovered = store.queues.recoverOrphans(now0);
  store.runs.recoverOrphans(now0);

  // Compiled code by version, shipped to any process that has not compiled that code hash yet.
  const bundles = new Map<string, FlowBundle>();
  const bundleFor = (flowId: number, version: number): FlowBundle => {
    const key = `${flowId}@${version}`;
    let bundle = bundles.get(key);
    if (!bundle) {
      bundle = store.flows.bundle(flowId, version);
      if (bundles.size >= BUNDLE_CACHE_SIZE) bundles.delete(bundles.keys().next().value as string);
      bundles.set(key, bundle);
    }
    return bundle;
  };

  const logs = new LogSink(store, onError);
  let batcher!: EventBatcher;
  let registry!: DispatcherRegistry;
  let runs!: RunService;
  let runPool!: WorkerPool;
  const completions = new CompletionSink(
    store,
    logs,
    (_rows, jobIds, queues, claimed) => {
      batcher.jobs(jobIds);
      if (!claimed) for (const q of queues) registry.wake(q);
    },
    onError,
    (queues) => registry.claimFree(queues),
    false
  );

  const sup = new Supervisor(options.host ?? new ForkHost(), options.workerEntry, {
    onItemEnd: (item, end) => {
      if (item.kind === 'run') return runs.onItemEnd(item, end);
      // A flag raised while it ran is cleared with it, so no client keeps showing a hang that ended.
      if (item.hang) {
        item.hang = null;
        events.emit('job.hang', { jobId: item.jobId as number, queue: item.queue as string, hang: null, live: deriveLive(item, end.finishedAt) });
      }
      completions.push(
        { jobId: item.jobId as number, attempt: item.attempt, ok: end.ok, result: end.result, error: end.error, finishedAt: end.finishedAt, requeue: end.requeue },
        item.queue
      );
    },
    onLog: (item, lines, truncated) => {
      if (item.kind === 'run') runs.onLog(item, lines, truncated);
      else logs.add(item.key, lines, truncated);
    },
    onLive: (item) => {
      if (item.kind === 'run') runs.onLive(item);
      else events.emit('job.live', { jobId: item.jobId as number, queue: item.queue as string, live: deriveLive(item, Date.now()) });
    },
    onWorkerExit: (worker) => {
      if (!registry.handleExit(worker)) runPool.handleExit(worker);
    },
    onWorkersChanged: () => batcher?.workersChanged()
  });
  batcher = new EventBatcher(events, store, () => sup.list(), onError);

  registry = new DispatcherRegistry({
    store,
    sup,
    bundle: bundleFor,
    onClaimed: (_queue, jobIds) => batcher.jobs(jobIds),
    onError
  });
  runPool = new WorkerPool(sup, null, () => undefined, MAX_RUN_PROCESSES);
  runs = new RunService({
    store,
    sup,
    pool: runPool,
    events,
    bundle: bundleFor,
    hangAfterMs: options.runHangAfterMs,
    compileDraft: (flow: Flow, code: string): FlowBundle => {
      const compiled = compileFlow(code, flow.language, sourceLabel(flow.name, flow.language));
      return { flowId: flow.id, version: null, codeHash: codeHash(code), js: compiled.js, map: compiled.map, syntaxError: compiled.syntaxError };
    }
  });

  const onHang = (item: InFlight): void => {
    const live = deriveLive(item, Date.now());
    if (item.kind === 'run') runs.onLive(item);
    else events.emit('job.hang', { jobId: item.jobId as number, queue: item.queue as string, hang: live.hang, live });
    batcher.workersChanged();
  };
  const watch = new Watch({
    store,
    sup,
    onHang,
    completing: (jobId) => completions.has(jobId),
    completeOrphans: (list, queues) => {
      store.queues.complete(list, Date.now());
      batcher.jobs(list.map((c) => c.jobId));
      for (const q of queues) registry.wake(q);
    },
    onError
  });

  const enqueues = new EnqueueBatcher(
    store,
    (queues, createdIds, claimed) => {
      if (!claimed) for (const q of queues) registry.wake(q);
      if (createdIds.length > 0) batcher.jobs(createdIds);
    },
    (queues) => registry.claimFree(queues),
    // Completions ride in the enqueue batch's transaction: one commit and one claim pass per turn.
    completions,
    // A job that finds a free slot and nothing due ahead of it is written already claimed.
    (name, input, now, turn) => registry.enqueueClaimed(name, input, now, turn)
  );
  completions.carriedBy(enqueues.schedule);

  runPool.resize(options.warmRunWorkers ?? 1, options.warmRunWorkers ?? 1);
  for (const queue of store.queues.list()) registry.apply(queue);
  if (recovered.length > 0) batcher.jobs(recovered.map((r) => r.id));

  const withLive = (job: Job): Job => {
    const item = job.status === 'running' ? sup.job(job.id) : undefined;
    return { ...job, live: item ? deriveLive(item, Date.now()) : null };
  };
  const summary = (flow: Flow): FlowSummary => ({ id: flow.id, name: flow.name, language: flow.language, version: flow.version, updatedAt: flow.updatedAt });

  const handlers: Handlers = {
    'health.get': async () => ({ ok: true, version: appVersion }),
    'flows.list': async () => store.flows.list(),
    'flows.create': async (input) => {
      const { flow, diagnostics } = store.flows.create(input, Date.now());
      events.emit('flow.saved', { flow: summary(flow), versionChanged: true });
      return { ...flow, diagnostics };
    },
    'flows.get': async ({ id }) => store.flows.get(id),
    'flows.save': async (input) => {
      const { flow, changed, diagnostics } = store.flows.save(input, Date.now());
      events.emit('flow.saved', { flow: summary(flow), versionChanged: changed });
      let reload: ReloadReport = { workers: 0, acked: 0, ms: 0 };
      if (changed) {
        // The new version is committed: from here every claim runs it. The reload makes workers
        // compile it now; one that misses the message still gets the bundle with its next item.
        reload = await sup.reload(bundleFor(flow.id, flow.version), registry.workersForFlow(flow.id), options.testHooks?.dropReloadFor);
        events.emit('workers.reloaded', { flowId: flow.id, version: flow.version, report: reload });
      }
      return { ...flow, changed, diagnostics, reload };
    },
    'flows.rename': async ({ id, name }) => {
      const flow = store.flows.rename(id, name, Date.now());
      events.emit('flow.saved', { flow: summary(flow), versionChanged: false });
      return flow;
    },
    'flows.delete': async ({ id }) => {
      store.flows.delete(id);
      events.emit('flow.deleted', { id });
    },
    'flows.versions': async ({ id }) => store.flows.versions(id),
    'flows.version': async ({ id, version }) => store.flows.version(id, version),
    'flows.run': async (input) => runs.start(input),
    'flows.runs': async ({ id, limit }) => {
      store.flows.get(id);
      return store.runs.list(id, limit ?? 50);
    },
    'runs.get': async ({ runId }) => runs.get(runId),
    'runs.cancel': async ({ runId }) => runs.cancel(runId),

    'queues.list': async () => store.queues.list(),
    'queues.create': async (input) => {
      const queue = store.queues.create(input, Date.now());
      registry.apply(queue);
      events.emit('queue.updated', { queue });
      return queue;
    },
    'queues.get': async ({ name }) => store.queues.get(name),
    'queues.update': async ({ name, ...patch }) => {
      const queue = store.queues.update(name, patch, Date.now());
      registry.apply(queue);
      events.emit('queue.updated', { queue });
      batcher.stats(name);
      return queue;
    },
    'queues.delete': async ({ name }) => {
      const { runningJobIds } = store.queues.delete(name, Date.now());
      await registry.remove(name, runningJobIds);
      completions.flush();
      batcher.jobs(runningJobIds);
      batcher.forgetQueue(name);
      events.emit('queue.deleted', { name });
    },
    'queues.enqueue': async ({ name, ...rest }) => {
      const { job, created } = await enqueues.enqueue(name, rest);
      return { ...withLive(job), created };
    },
    'queues.jobs': async ({ name, ...query }) => store.queues.listJobs(name, query).map(withLive),
    'queues.jobRows': async ({ name, ...query }) => store.queues.jobRows(name, query),
    'queues.stats': async ({ name }) => store.queues.stats(name, Date.now()),
    'queues.purge': async ({ name }) => {
      const purged = store.queues.purge(name, Date.now());
      batcher.stats(name);
      return { purged };
    },

    'jobs.get': async ({ id }) => withLive(store.queues.getJob(id)),
    'jobs.cancel': async ({ id }) => {
      const now = Date.now();
      const { job, wasRunning } = store.queues.cancel(id, now);
      if (!wasRunning) {
        batcher.jobs([id]);
        return withLive(job);
      }
      const item = sup.job(id);
      if (item) {
        // Answers once the attempt has ended: the flow honoured ctx.signal, or its process is gone.
        await sup.stopItem(item, 'CANCELLED_BY_USER', cancelMessage(now - item.startedAt, pendingOps(item, now), blockedFor(item, now)));
      } else if (!completions.has(id)) {
        const attempt = job.attempts.at(-1)?.n ?? 1;
        const error = { code: 'CANCELLED_BY_USER' as const, message: 'Cancelled by user (no worker process held it)' };
        store.queues.complete([{ jobId: id, attempt, ok: false, error, finishedAt: now }], now);
      }
      completions.flush();
      // A timeout that was already stopping it wins the attempt; the cancel still ends the job.
      if (store.queues.getJob(id).status === 'pending') store.queues.cancel(id, Date.now());
      batcher.jobs([id]);
      return withLive(store.queues.getJob(id));
    },
    'jobs.retry': async ({ id }) => {
      const job = store.queues.retry(id, Date.now());
      registry.wake(job.queue);
      batcher.jobs([id]);
      return withLive(job);
    },
    'jobs.logs': async ({ id, attempt }) => {
      const job = store.queues.getJob(id);
      const n = attempt ?? job.attempts.at(-1)?.n ?? null;
      if (n === null) return { attempt: null, lines: [], truncated: false };
      logs.flush();
      const { lines, truncated } = store.logs.read(`job:${id}:${n}`);
      return { attempt: n, lines, truncated };
    },
    'workers.list': async () => sup.list()
  };

  let stopped = false;
  const guarded = Object.fromEntries(
    Object.entries(handlers).map(([name, fn]) => [
      name,
      (input: never) => {
        if (stopped) return Promise.reject(new AppError('ENGINE_STOPPED', 'The engine is shutting down'));
        return (fn as (i: never) => Promise<unknown>)(input);
      }
    ])
  ) as Handlers;

  let closing: Promise<void> | null = null;
  const close = ({ graceMs = DEFAULT_CLOSE_GRACE_MS } = {}): Promise<void> => {
    closing ??= (async () => {
      stopped = true;
      // Enqueues already accepted are committed (and answered) before anything stops.
      enqueues.flush();
      registry.stopClaiming();
      // Running items may finish within the grace period; what is left is requeued (no attempt lost).
      const running = [...sup.allItems()].map(whenEnded);
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(running), new Promise<void>((r) => (graceTimer = setTimeout(r, graceMs)))]);
      clearTimeout(graceTimer);
      const now = Date.now();
      sup.interruptAll('ENGINE_SHUTDOWN', (item) => shutdownMessage(now - item.startedAt));
      // 'shutdown' fires ctx.signal in every worker; flows that honour it end (and are requeued)
      // within SHUTDOWN_GRACE_MS, the rest are killed — requeued all the same.
      await Promise.all([registry.closePools(SHUTDOWN_GRACE_MS), runPool.close(SHUTDOWN_GRACE_MS)]);
      watch.stop();
      completions.flush();
      logs.flush();
      batcher.stop();
      store.close();
      lock.release();
    })();
    return closing;
  };

  return { handlers: guarded, events, dataDir: options.dataDir, close };
}
