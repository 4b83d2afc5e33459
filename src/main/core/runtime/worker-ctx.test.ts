// ctx beyond logging: progress, facts, ctx.fetch limits against loopback servers, batching, shutdown.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { killAllWorkers, makeBundle, makeItem, resultOf, runFlow, startWorker } from './test-kit';

const servers: http.Server[] = [];
afterEach(() => {
  killAllWorkers();
  for (const s of servers.splice(0)) s.closeAllConnections(), s.close();
});

async function loopbackServer(handler: http.RequestListener): Promise<number> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

it('exposes frozen job and flow facts, and reports progress as activity', async () => {
  const w = await startWorker();
  const b = makeBundle(
    `export default async (input, ctx) => {
      ctx.progress(0.5); ctx.progress('half way');
      try { ctx.job.attempt = 9; } catch {}
      return { job: ctx.job, flow: ctx.flow, frozen: Object.isFrozen(ctx.job) && Object.isFrozen(ctx.flow) };
    }`,
    { version: 3 }
  );
  const item = makeItem(b, { kind: 'job', key: 'job:12:2', facts: { jobId: 12, runId: null, attempt: 2, maxAttempts: 3, queue: 'mail', flowName: 'send-mail' } });
  w.send({ t: 'run', items: [item] });
  const r = await resultOf(w, item.key);
  expect(r.result).toMatchObject({
    job: { id: 12, jobId: 12, attempt: 2, maxAttempts: 3, queue: 'mail', runId: null },
    flow: { id: b.flowId, name: 'send-mail', version: 3 },
    frozen: true
  });
  const progress = w.messages.filter((m) => m.t === 'progress' && m.key === item.key);
  expect(progress.at(-1)).toMatchObject({ t: 'progress', message: 'half way' });
});

it('ctx.fetch reaches a loopback server, and its timeoutMs ends a stuck response with a named error', async () => {
  const port = await loopbackServer((req, res) => {
    if (req.url === '/ok') res.end(JSON.stringify({ hello: 'world' }));
    // '/stuck' never answers
  });
  const w = await startWorker();
  const ok = await runFlow(w, `export default async (i, ctx) => (await ctx.fetch('http://127.0.0.1:${port}/ok', { timeoutMs: 5000 })).json()`);
  expect(ok.result).toMatchObject({ ok: true, result: { hello: 'world' } });
  const stuck = await runFlow(w, `export default async (i, ctx) => (await ctx.fetch('http://127.0.0.1:${port}/stuck', { timeoutMs: 300 })).text()`);
  expect(stuck.result.error?.code).toBe('FLOW_THREW');
  expect(stuck.result.error?.message).toBe(`TimeoutError: fetch GET http://127.0.0.1:${port}/stuck did not complete within 300 ms (ctx.fetch timeoutMs)`);
});

it('shows an in-flight fetch as a pending http-request in the heartbeat', async () => {
  const port = await loopbackServer(() => {});
  const w = await startWorker();
  const item = makeItem(makeBundle(`export default async (i, ctx) => { await fetch('http://127.0.0.1:${port}/slow', { signal: ctx.signal }); }`));
  w.send({ t: 'run', items: [item] });
  await w.waitFor(
    (m) => m.t === 'heartbeat' && m.items.some((i) => i.key === item.key && i.pending.some((p) => p.type === 'http-request' && p.target === `GET http://127.0.0.1:${port}/slow`))
  );
  w.send({ t: 'abort', key: item.key, code: 'CANCELLED_BY_USER', message: 'Cancelled' });
  expect((await resultOf(w, item.key)).error?.code).toBe('CANCELLED_BY_USER');
});

it('runs a batch of many items concurrently and batches their results', async () => {
  const w = await startWorker();
  const b = makeBundle('export default async (n) => { await new Promise((r) => setTimeout(r, 20)); return n * 2; }');
  const items = Array.from({ length: 500 }, (_, n) => makeItem(n === 0 ? b : { ...b }, { input: n, bundle: n === 0 ? b : undefined }));
  const t0 = Date.now();
  w.send({ t: 'run', items });
  const results = await Promise.all(items.map((it) => resultOf(w, it.key)));
  expect(results.map((r) => r.result)).toEqual(items.map((_, n) => n * 2));
  expect(Date.now() - t0).toBeLessThan(5000); // concurrent: far below 500 × 20 ms
  expect(w.messages.filter((m) => m.t === 'done').length).toBeLessThan(100);
});

it('process.exit at module level fails the load, not the worker', async () => {
  const w = await startWorker();
  w.send({ t: 'load', seq: 1, bundle: makeBundle('process.exit(2); export default async () => 1;') });
  const ack = await w.waitFor((m) => m.t === 'loaded' && m.seq === 1);
  expect(ack).toMatchObject({ ok: false, error: { code: 'FLOW_THREW' } });
  expect((await runFlow(w, 'export default async () => "alive"')).result.result).toBe('alive');
});

it('shutdown aborts running items with ENGINE_SHUTDOWN, reports them, and exits', async () => {
  const w = await startWorker();
  const item = makeItem(makeBundle('export default async (i, ctx) => new Promise((_, rej) => ctx.signal.addEventListener("abort", () => rej(ctx.signal.reason)))'));
  w.send({ t: 'run', items: [item] });
  await w.waitFor((m) => m.t === 'heartbeat' && m.items.some((i) => i.key === item.key));
  w.send({ t: 'shutdown' });
  expect((await resultOf(w, item.key)).error?.code).toBe('ENGINE_SHUTDOWN');
  expect(await w.exited).toBe(0);
});
