// The `ctx` a flow receives, and console capture: console.* inside flow code lands in the current
// item's log (found through AsyncLocalStorage), outside any item it goes to the worker's stdio.
import { format } from 'node:util';
import type { LogLevel } from '../../../shared/domain';
import { ownTimer } from './flow-timers';
import { connectTimeoutOverride, currentItem, type ItemState } from './item-state';
import type { Outbox } from './outbox';

export interface FetchInit extends RequestInit {
  /** Whole-request limit (headers and body); aborts with a named error. */
  timeoutMs?: number;
  /** TCP connect limit for this call; defaults to the item's connectTimeoutMs (0 = off). */
  connectTimeoutMs?: number;
}

const realSetTimeout = globalThis.setTimeout;

/** The abort reason flow code sees on ctx.signal: an Error carrying the job error code. */
export function abortReason(st: ItemState): Error {
  const a = st.abortError!;
  return Object.assign(new Error(a.message), { name: 'AbortError', code: a.code });
}

function signalOf(st: ItemState): AbortSignal {
  if (!st.controller) {
    st.controller = new AbortController();
    if (st.abortError) st.controller.abort(abortReason(st));
  }
  return st.controller.signal;
}

export function createContext(st: ItemState, out: Outbox) {
  const it = st.item;
  const logAt = (level: LogLevel) => (...args: unknown[]) => {
    if (!st.closed) out.log(st, level, format(...args));
  };
  const job = Object.freeze({
    key: it.key,
    kind: it.kind,
    id: it.facts.jobId,
    jobId: it.facts.jobId,
    runId: it.facts.runId,
    attempt: it.facts.attempt,
    maxAttempts: it.facts.maxAttempts,
    queue: it.facts.queue,
    timeoutMs: it.timeoutMs,
    connectTimeoutMs: it.connectTimeoutMs
  });
  const flow = Object.freeze({ id: it.flowId, name: it.facts.flowName, version: it.version, codeHash: it.codeHash });
  return Object.freeze({
    job,
    flow,
    log: logAt('info'),
    info: logAt('info'),
    warn: logAt('warn'),
    error: logAt('error'),
    debug: logAt('debug'),
    progress(p: number | string | { value?: number; message?: string }) {
      if (st.closed) return;
      if (typeof p === 'number') out.setProgress(st, p, undefined);
      else if (typeof p === 'string') out.setProgress(st, undefined, p);
      else if (p && typeof p === 'object') out.setProgress(st, typeof p.value === 'number' ? p.value : undefined, typeof p.message === 'string' ? p.message : undefined);
    },
    get signal(): AbortSignal {
      return signalOf(st);
    },
    fetch(url: string | URL | Request, init: FetchInit = {}): Promise<Response> {
      const { timeoutMs, connectTimeoutMs, signal, ...rest } = init;
      const signals: AbortSignal[] = [signalOf(st)];
      if (signal) signals.push(signal);
      if (timeoutMs && timeoutMs > 0) {
        const c = new AbortController();
        const method = rest.method ?? 'GET';
        const target = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
        const msg = `fetch ${method} ${target} did not complete within ${timeoutMs} ms (ctx.fetch timeoutMs)`;
        const t = realSetTimeout(() => c.abort(Object.assign(new Error(msg), { name: 'TimeoutError', code: 'FETCH_TIMEOUT' })), timeoutMs);
        t.unref();
        ownTimer(st, t); // also bounds reading the body; cleared when the attempt ends
        signals.push(c.signal);
      }
      const combined = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
      const call = () => fetch(url, { ...rest, signal: combined });
      return connectTimeoutMs === undefined ? call() : connectTimeoutOverride.run(connectTimeoutMs, call);
    }
  });
}

export type FlowContext = ReturnType<typeof createContext>;

/** Routes console.* to the current item's log; call once per worker process. */
export function captureConsole(out: Outbox): void {
  const levels: Array<[keyof Console, LogLevel]> = [
    ['log', 'info'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['debug', 'debug'],
    ['trace', 'debug']
  ];
  for (const [name, level] of levels) {
    const orig = (console[name] as (...a: unknown[]) => void).bind(console);
    (console as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const st = currentItem();
      if (st) out.log(st, level, format(...args));
      else orig(...args);
    };
  }
}
