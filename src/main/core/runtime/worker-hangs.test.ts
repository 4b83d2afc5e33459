// The ways flow code hangs or escapes, in real worker processes against loopback fixtures only:
// the incident's SYN-dropping host, blocked loops, never-settling promises, aborts and process.exit.
import { afterEach, expect, it } from 'vitest';
import type { HeartbeatItem, WorkerToMain } from '../../../shared/worker-protocol';
import { startBlackhole, type Blackhole } from '../../../../test/fixtures/blackhole';
import { killAllWorkers, makeBundle, makeItem, resultOf, startWorker, type TestWorker } from './test-kit';

let bh: Blackhole | undefined;
afterEach(() => {
  killAllWorkers();
  bh?.close();
  bh = undefined;
});

type Beat = Extract<WorkerToMain, { t: 'heartbeat' }>;
const isBeat = (m: WorkerToMain): m is Beat => m.t === 'heartbeat';

function beatFor(w: TestWorker, key: string, pred: (i: HeartbeatItem) => boolean = () => true, after = 0) {
  return w.waitFor(
    (m): m is Beat => isBeat(m) && m.at > after && m.items.some((i) => i.key === key && pred(i)),
    10_000
  ) as Promise<Beat>;
}

const incidentFlow = (port: number) => `
  import http from 'node:http';
  export default async () => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: ${port}, path: '/publish', method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.setTimeout(30000, () => req.destroy(new Error('idle timeout')));
    req.on('error', reject);
    req.end('{}');
  });`;

it('the incident: http.request with req.setTimeout(30000) to a SYN-dropping host fails CONNECT_TIMEOUT in ~connectTimeoutMs', async () => {
  bh = await startBlackhole();
  const w = await startWorker();
  const item = makeItem(makeBundle(incidentFlow(bh.port)), { connectTimeoutMs: 500 });
  const t0 = Date.now();
  w.send({ t: 'run', items: [item] });
  const r = await resultOf(w, item.key, 10_000);
  const took = Date.now() - t0;
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('CONNECT_TIMEOUT');
  expect(r.error?.message).toBe(`TCP connect to 127.0.0.1:${bh.port} did not complete within 500 ms (connect timeout)`);
  expect(took).toBeGreaterThanOrEqual(450);
  expect(took).toBeLessThan(5000);
});

it('fetch through ctx.fetch and the global fetch also get the connect timeout', async () => {
  bh = await startBlackhole();
  const w = await startWorker();
  const item = makeItem(makeBundle(`export default async (i, ctx) => { await ctx.fetch('http://127.0.0.1:${bh.port}/', { connectTimeoutMs: 300 }); }`), {
    connectTimeoutMs: 0
  });
  const viaGlobal = makeItem(makeBundle(`export default async () => { await fetch('http://127.0.0.1:${bh.port}/x'); }`), { connectTimeoutMs: 300 });
  w.send({ t: 'run', items: [item, viaGlobal] });
  for (const it of [item, viaGlobal]) {
    const r = await resultOf(w, it.key);
    expect(r.error?.code).toBe('CONNECT_TIMEOUT');
    expect(r.error?.message).toContain(`127.0.0.1:${bh.port} did not complete within 300 ms`);
  }
});

it('net.connect by host name and https.get get the connect timeout too', async () => {
  bh = await startBlackhole();
  const w = await startWorker();
  const port = bh.port;
  const viaNet = makeItem(makeBundle(`import net from 'node:net'; export default async () => new Promise((res, rej) => { const s = net.connect(${port}, 'localhost'); s.on('error', rej); s.on('connect', res); })`), { connectTimeoutMs: 400 });
  const viaHttps = makeItem(makeBundle(`import https from 'node:https'; export default async () => new Promise((res, rej) => { https.get('https://127.0.0.1:${port}/', res).on('error', rej); })`), { connectTimeoutMs: 400 });
  w.send({ t: 'run', items: [viaNet, viaHttps] });
  expect((await resultOf(w, viaNet.key)).error).toEqual({ code: 'CONNECT_TIMEOUT', message: `TCP connect to localhost:${port} did not complete within 400 ms (connect timeout)` });
  expect((await resultOf(w, viaHttps.key)).error).toEqual({ code: 'CONNECT_TIMEOUT', message: `TCP connect to 127.0.0.1:${port} did not complete within 400 ms (connect timeout)` });
});

it('with connectTimeoutMs 0 the heartbeat shows a pending tcp-connect whose age grows, until aborted', async () => {
  bh = await startBlackhole();
  const w = await startWorker();
  const src = incidentFlow(bh.port).replace('req.on(\'error\', reject);', "req.on('error', reject); ctx.signal.addEventListener('abort', () => req.destroy(ctx.signal.reason));")
    .replace('export default async () =>', 'export default async (input, ctx) =>');
  const item = makeItem(makeBundle(src), { connectTimeoutMs: 0 });
  w.send({ t: 'run', items: [item] });
  const target = `127.0.0.1:${bh.port}`;
  const hasConnect = (i: HeartbeatItem) => i.pending.some((p) => p.type === 'tcp-connect' && p.target === target);
  const first = await beatFor(w, item.key, hasConnect);
  const later = await beatFor(w, item.key, hasConnect, first.at + 600);
  const op = (b: Beat) => b.items.find((i) => i.key === item.key)!.pending.find((p) => p.type === 'tcp-connect')!;
  expect(op(later).since).toBe(op(first).since);
  expect(later.at - op(later).since).toBeGreaterThan(first.at - op(first).since);
  expect(later.items.find((i) => i.key === item.key)!.pending.some((p) => p.type === 'http-request' && p.target.includes(`${target}/publish`))).toBe(true);
  w.send({ t: 'abort', key: item.key, code: 'JOB_TIMEOUT', message: 'Stopped after 1 s (test limit)' });
  expect((await resultOf(w, item.key)).error).toMatchObject({ code: 'JOB_TIMEOUT', message: 'Stopped after 1 s (test limit)' });
});

it('abort fires ctx.signal and a flow listening on it ends with the abort code', async () => {
  const w = await startWorker();
  const item = makeItem(
    makeBundle(`export default async (i, ctx) => new Promise((_, reject) => {
      ctx.log('waiting');
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
    })`)
  );
  w.send({ t: 'run', items: [item] });
  await w.waitFor((m) => m.t === 'log' && m.key === item.key);
  w.send({ t: 'abort', key: item.key, code: 'CANCELLED_BY_USER', message: 'Cancelled by a person' });
  expect((await resultOf(w, item.key)).error).toEqual({ code: 'CANCELLED_BY_USER', message: 'Cancelled by a person' });
});

it('a never-resolving promise keeps heartbeats coming with no new activity', async () => {
  const w = await startWorker();
  const item = makeItem(makeBundle('export default async () => new Promise(() => {})'));
  w.send({ t: 'run', items: [item] });
  const first = await beatFor(w, item.key);
  const later = await beatFor(w, item.key, () => true, first.at + 400);
  const a = first.items.find((i) => i.key === item.key)!;
  const b = later.items.find((i) => i.key === item.key)!;
  expect(b.lastActivityAt).toBe(a.lastActivityAt);
  expect(b.pending).toEqual([]);
  expect(later.rssBytes).toBeGreaterThan(1_000_000);
});

it('while(true) stops heartbeats', async () => {
  const w = await startWorker();
  await w.waitFor(isBeat);
  const item = makeItem(makeBundle('export default async (i, ctx) => { ctx.log("spinning"); while (true) {} }'));
  w.send({ t: 'run', items: [item] });
  const spinStart = Date.now();
  // Give the worker a moment to enter the loop, then observe silence for over a second.
  await new Promise((r) => setTimeout(r, 300));
  const count = w.messages.filter(isBeat).length;
  await new Promise((r) => setTimeout(r, 1200));
  expect(w.messages.filter(isBeat).length).toBe(count);
  expect(Date.now() - spinStart).toBeGreaterThan(1000);
});

it('process.exit(3) ends only that attempt; a concurrent item succeeds and the worker lives on', async () => {
  const w = await startWorker();
  const exiting = makeItem(makeBundle('export default async () => { await new Promise((r) => setTimeout(r, 20)); process.exit(3); return "not reached"; }'));
  const other = makeItem(makeBundle('export default async () => { await new Promise((r) => setTimeout(r, 100)); return "fine"; }'));
  w.send({ t: 'run', items: [exiting, other] });
  const r = await resultOf(w, exiting.key);
  expect(r.error?.code).toBe('WORKER_CRASHED');
  expect(r.error?.message).toMatch(/^The flow called process\.exit\(3\)/);
  expect(await resultOf(w, other.key)).toMatchObject({ ok: true, result: 'fine' });
  expect(w.child.exitCode).toBeNull();
});

it('an uncaught exception in an item timer fails only that item with FLOW_THREW', async () => {
  const w = await startWorker();
  const throwing = makeItem(makeBundle('export default async () => { setTimeout(() => { throw new Error("timer boom"); }, 10); await new Promise(() => {}); }'));
  const rejecting = makeItem(makeBundle('export default async () => { Promise.reject(new Error("lost rejection")); await new Promise(() => {}); }'));
  const other = makeItem(makeBundle('export default async () => { await new Promise((r) => setTimeout(r, 100)); return 2; }'));
  w.send({ t: 'run', items: [throwing, rejecting, other] });
  expect((await resultOf(w, throwing.key)).error).toMatchObject({ code: 'FLOW_THREW', message: 'timer boom' });
  expect((await resultOf(w, rejecting.key)).error).toMatchObject({ code: 'FLOW_THREW', message: 'lost rejection' });
  expect(await resultOf(w, other.key)).toMatchObject({ ok: true, result: 2 });
});

it('an unattributable error (module-level timer) lets the worker die', async () => {
  const w = await startWorker();
  w.send({ t: 'load', seq: 1, bundle: makeBundle('setTimeout(() => { throw new Error("module boom"); }, 20); export default async () => 1;') });
  expect(await w.exited).toBe(70);
});
