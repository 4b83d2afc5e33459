// Connect timeouts and pending-operation tracking for every outgoing connection flow code opens.
//
// Why a connect timer of our own: `req.setTimeout(ms)` (and socket.setTimeout) is an *idle* timer.
// Node's ClientRequest only arms it on the socket once the socket has connected
// (`sock.once('connect', () => sock.setTimeout(ms))`), so while the TCP handshake is still pending —
// a host that silently drops SYN packets — no timer runs and `http.request()` waits forever
// (docs/flow-authoring.md, STORY.md). Patching net.Socket.prototype.connect once covers http, https,
// net, tls and fetch (undici opens its sockets through net/tls too).
import dc from 'node:diagnostics_channel';
import dns from 'node:dns';
import net from 'node:net';
import { connectTimeoutOverride, currentItem, type ItemState, type PendingEntry } from './item-state';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
let installed = false;

export function connectTimeoutError(host: string, port: number | string, limitMs: number): Error {
  const err = new Error(`TCP connect to ${host}:${port} did not complete within ${limitMs} ms (connect timeout)`);
  return Object.assign(err, { code: 'CONNECT_TIMEOUT', host, port, timeoutMs: limitMs });
}

/** host/port of a Socket#connect call; null for IPC paths. Handles net.connect's normalized array form. */
function targetOf(args: unknown[]): { host: string; port: number | string } | null {
  let a0 = args[0];
  if (Array.isArray(a0)) a0 = a0[0];
  if (a0 && typeof a0 === 'object') {
    const o = a0 as { host?: string; port?: number | string; path?: string };
    if (o.path) return null;
    return { host: o.host || 'localhost', port: o.port ?? '?' };
  }
  if (typeof a0 === 'number' || (typeof a0 === 'string' && /^\d+$/.test(a0))) {
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: a0 };
  }
  return null;
}

export function installNetGuard(): void {
  if (installed) return;
  installed = true;
  const proto = net.Socket.prototype as net.Socket & { connect: (...a: unknown[]) => net.Socket };
  const origConnect = proto.connect;
  proto.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
    const st = currentItem();
    const target = st ? targetOf(args) : null;
    if (!st || !target) return origConnect.apply(this, args);
    const limit = connectTimeoutOverride.getStore() ?? st.item.connectTimeoutMs;
    const entry: PendingEntry = { type: 'tcp-connect', target: `${target.host}:${target.port}`, since: Date.now() };
    st.addPending(entry);
    (st.connecting ??= new Set()).add(this);
    const timer =
      limit > 0 ? realSetTimeout(() => this.destroy(connectTimeoutError(target.host, target.port, limit)), limit) : undefined;
    timer?.unref();
    const settle = () => {
      if (timer) realClearTimeout(timer);
      st.removePending(entry);
      st.connecting?.delete(this);
      this.removeListener('connect', settle);
      this.removeListener('close', settle);
    };
    this.once('connect', settle);
    this.once('close', settle);
    try {
      return origConnect.apply(this, args);
    } catch (e) {
      settle();
      throw e;
    }
  } as typeof proto.connect;

  const origLookup = dns.lookup;
  (dns as { lookup: unknown }).lookup = function patchedLookup(hostname: string, ...rest: unknown[]) {
    const st = currentItem();
    const cb = rest[rest.length - 1];
    if (!st || typeof cb !== 'function') return (origLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
    const entry: PendingEntry = { type: 'dns-lookup', target: String(hostname), since: Date.now() };
    st.addPending(entry);
    rest[rest.length - 1] = (...res: unknown[]) => {
      st.removePending(entry);
      (cb as (...a: unknown[]) => void)(...res);
    };
    return (origLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  };

  trackHttpRequests();
}

/** In-flight HTTP requests (node:http and fetch) as pending operations, via diagnostics_channel. */
function trackHttpRequests(): void {
  dc.subscribe('http.client.request.start', (msg) => {
    const st = currentItem();
    if (!st) return;
    const req = (msg as { request: import('node:http').ClientRequest }).request;
    const host = String(req.getHeader('host') ?? req.host);
    const entry: PendingEntry = { type: 'http-request', target: `${req.method} ${req.protocol}//${host}${req.path}`, since: Date.now() };
    st.addPending(entry);
    req.once('close', () => st.removePending(entry));
  });
  const undiciReqs = new WeakMap<object, { st: ItemState; entry: PendingEntry }>();
  dc.subscribe('undici:request:create', (msg) => {
    const st = currentItem();
    if (!st) return;
    const req = (msg as { request: { method: string; origin: string; path: string } }).request;
    const entry: PendingEntry = { type: 'http-request', target: `${req.method} ${req.origin}${req.path}`, since: Date.now() };
    st.addPending(entry);
    undiciReqs.set(req, { st, entry });
  });
  const end = (msg: unknown) => {
    const req = (msg as { request: object }).request;
    const hit = undiciReqs.get(req);
    if (hit) hit.st.removePending(hit.entry);
    undiciReqs.delete(req);
  };
  dc.subscribe('undici:request:trailers', end);
  dc.subscribe('undici:request:error', end);
}
