// The worker process entry (bundled to out/main/worker.js, and to out/test/worker.js for tests).
// It speaks only the typed protocol of src/shared/worker-protocol.ts: no database, no UI.
//
// The heartbeat runs on this process's own event loop on purpose: when flow code blocks the loop
// (a synchronous while(true)), heartbeats stop, and the supervisor flags the job 'blocked' from
// their absence and kills the process.
import { MAX_LOG_BYTES_PER_ATTEMPT, WORKER_HEARTBEAT_MS, type MainToWorker } from '../../../shared/worker-protocol';
import { captureConsole } from './flow-context';
import { FlowModules } from './flow-modules';
import { installNetGuard } from './net-guard';
import { Outbox } from './outbox';
import { installProcessGuards } from './process-guards';
import { Runner } from './runner';
import { createTransport } from './transport';

const realExit = process.exit.bind(process) as (code?: number) => never;
const ownFile = typeof __filename === 'string' ? __filename : undefined;

const transport = createTransport();
const out = new Outbox((msg) => transport.send(msg), MAX_LOG_BYTES_PER_ATTEMPT);
const modules = new FlowModules(ownFile);
const runner = new Runner(modules, out, ownFile);

installNetGuard();
captureConsole(out);
installProcessGuards(runner, realExit);
transport.onDisconnect(() => realExit(0));
// Ctrl+C in a terminal signals the whole process group, workers included. A worker killed that way
// would end its attempts WORKER_CRASHED and spend them; instead the supervisor decides: on shutdown
// it lets items finish, requeues the rest without spending an attempt (ENGINE_SHUTDOWN), then kills
// the process itself. If main dies outright, the IPC channel closes and onDisconnect exits us.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);

let heartbeat: NodeJS.Timeout | undefined;
function startHeartbeat(ms: number): void {
  if (heartbeat) clearInterval(heartbeat);
  heartbeat = setInterval(() => {
    transport.send({ t: 'heartbeat', at: Date.now(), rssBytes: process.memoryUsage.rss(), items: runner.heartbeatItems() });
  }, ms);
}

let shuttingDown = false;

function handle(msg: MainToWorker): void {
  switch (msg.t) {
    case 'init':
      out.maxLogBytes = msg.maxLogBytes > 0 ? msg.maxLogBytes : MAX_LOG_BYTES_PER_ATTEMPT;
      startHeartbeat(msg.heartbeatMs > 0 ? msg.heartbeatMs : WORKER_HEARTBEAT_MS);
      return;
    case 'load': {
      const inst = modules.load(msg.bundle);
      const b = msg.bundle;
      const base = { t: 'loaded' as const, seq: msg.seq, flowId: b.flowId, version: b.version, codeHash: b.codeHash };
      transport.send(inst.error ? { ...base, ok: false, error: inst.error } : { ...base, ok: true });
      return;
    }
    case 'run':
      if (shuttingDown) {
        const now = Date.now();
        const error = { code: 'ENGINE_SHUTDOWN' as const, message: 'The worker is shutting down and took no new items' };
        for (const it of msg.items) out.done({ key: it.key, ok: false, error, startedAt: now, finishedAt: now });
        return;
      }
      runner.run(msg.items);
      return;
    case 'abort':
      runner.abort(msg.key, msg.code, msg.message);
      return;
    case 'shutdown':
      shuttingDown = true;
      runner.abortAll('ENGINE_SHUTDOWN', 'The engine is shutting down');
      void runner.whenIdle().then(() => {
        out.flush();
        // Give the IPC pipe a moment to carry the last messages out.
        setTimeout(() => realExit(0), 50);
      });
      return;
  }
}

transport.onMessage(handle);
startHeartbeat(WORKER_HEARTBEAT_MS);
transport.send({ t: 'ready', pid: process.pid });
