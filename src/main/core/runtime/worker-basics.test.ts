// Real forked worker processes running flows: results, logs, errors, loading and caching.
import { afterEach, describe, expect, it } from 'vitest';
import { killAllWorkers, logsOf, makeBundle, makeItem, resultOf, runFlow, startWorker } from './test-kit';

afterEach(() => killAllWorkers());

describe('worker runtime basics', () => {
  it('runs a JavaScript flow and a TypeScript flow and returns their results', async () => {
    const w = await startWorker();
    const js = await runFlow(w, 'export default async (input, ctx) => ({ doubled: input.n * 2, flow: ctx.flow.name })', { input: { n: 21 } });
    expect(js.result).toMatchObject({ ok: true, result: { doubled: 42, flow: 'test-flow' } });
    const ts = await runFlow(
      w,
      'interface In { a: number; b: number }\nexport default async function (input: In): Promise<number> { return input.a + input.b; }',
      { input: { a: 2, b: 3 } },
      { ts: true }
    );
    expect(ts.result).toMatchObject({ ok: true, result: 5 });
  });

  it('sends logs in order, before the done message, and captures console.*', async () => {
    const w = await startWorker();
    const { item, result } = await runFlow(
      w,
      `export default async (input, ctx) => {
        ctx.log('one'); ctx.warn('two', { n: 2 });
        await new Promise((r) => setTimeout(r, 5));
        console.log('three'); console.error('four');
        return 'ok';
      }`
    );
    expect(result.ok).toBe(true);
    expect(logsOf(w, item.key)).toEqual(['one', 'two { n: 2 }', 'three', 'four']);
    const doneAt = w.messages.findIndex((m) => m.t === 'done' && m.results.some((r) => r.key === item.key));
    const lastLogAt = w.messages.findLastIndex((m) => m.t === 'log' && m.key === item.key);
    expect(lastLogAt).toBeLessThan(doneAt);
    const levels = w.messages.flatMap((m) => (m.t === 'log' && m.key === item.key ? m.lines.map((l) => l.level) : []));
    expect(levels).toEqual(['info', 'warn', 'info', 'error']);
  });

  it('fails RESULT_NOT_SERIALIZABLE for a circular result and for a function', async () => {
    const w = await startWorker();
    const circ = await runFlow(w, 'export default async () => { const a = { n: 1 }; a.self = a; return a; }');
    expect(circ.result.error?.code).toBe('RESULT_NOT_SERIALIZABLE');
    expect(circ.result.error?.message).toMatch(/circular/i);
    const fn = await runFlow(w, 'export default async () => () => 1');
    expect(fn.result.error?.code).toBe('RESULT_NOT_SERIALIZABLE');
  });

  it('caps logs per attempt with one visible truncated marker', async () => {
    const w = await startWorker({ maxLogBytes: 4096 });
    const { item, result } = await runFlow(w, 'export default async (i, ctx) => { for (let k = 0; k < 500; k++) ctx.log("line " + k + " " + "x".repeat(40)); return 1; }');
    expect(result.ok).toBe(true);
    const lines = logsOf(w, item.key);
    expect(lines.length).toBeLessThan(100);
    expect(lines.filter((l) => l.includes('log truncated at 4 KiB'))).toHaveLength(1);
    expect(lines[lines.length - 1]).toBe('… log truncated at 4 KiB');
    expect(w.messages.some((m) => m.t === 'log' && m.key === item.key && m.truncated === true)).toBe(true);
  });

  it('acks load with loaded, caches by hash, and fails clearly on unknown code', async () => {
    const w = await startWorker();
    const b = makeBundle('export default async () => "cached"', { version: 4 });
    w.send({ t: 'load', seq: 7, bundle: b });
    const ack = await w.waitFor((m) => m.t === 'loaded' && m.seq === 7);
    expect(ack).toMatchObject({ t: 'loaded', seq: 7, ok: true, flowId: b.flowId, version: 4, codeHash: b.codeHash });
    const item = makeItem(b, { bundle: undefined });
    w.send({ t: 'run', items: [item] });
    expect(await resultOf(w, item.key)).toMatchObject({ ok: true, result: 'cached' });
    const unknown = makeItem(null, { codeHash: 'f'.repeat(64), flowId: 99, version: 1 });
    w.send({ t: 'run', items: [unknown] });
    expect((await resultOf(w, unknown.key)).error?.code).toBe('FLOW_NOT_LOADED');
  });

  it('reports syntax errors, a missing default export and a disallowed require', async () => {
    const w = await startWorker();
    const bad = makeBundle('export default async () => {');
    w.send({ t: 'load', seq: 1, bundle: bad });
    expect(await w.waitFor((m) => m.t === 'loaded' && m.seq === 1)).toMatchObject({ ok: false, error: { code: 'FLOW_SYNTAX_ERROR' } });
    const item = makeItem(bad);
    w.send({ t: 'run', items: [item] });
    expect((await resultOf(w, item.key)).error?.code).toBe('FLOW_SYNTAX_ERROR');
    expect((await runFlow(w, 'export const x = 1;')).result.error?.code).toBe('FLOW_NO_DEFAULT_EXPORT');
    const req = await runFlow(w, 'export default async () => require("left-pad")');
    expect(req.result.error?.code).toBe('FLOW_THREW');
    expect(req.result.error?.message).toMatch(/Cannot require "left-pad".*built-in/);
    const builtin = await runFlow(w, 'import os from "node:os"; import { join } from "path"; export default async () => typeof os.cpus === "function" && join("a", "b")');
    expect(builtin.result).toMatchObject({ ok: true, result: 'a/b' });
  });

  it('reports a thrown string, undefined and an object sensibly', async () => {
    const w = await startWorker();
    const s = await runFlow(w, 'export default async () => { throw "boom"; }');
    expect(s.result.error).toMatchObject({ code: 'FLOW_THREW', message: 'Flow threw a non-Error value: "boom"' });
    const u = await runFlow(w, 'export default async () => { throw undefined; }');
    expect(u.result.error?.message).toBe('Flow threw a non-Error value: undefined');
    const o = await runFlow(w, 'export default async () => { throw { status: 503 }; }');
    expect(o.result.error?.message).toBe('Flow threw a non-Error value: { status: 503 }');
  });

  it("points a TypeScript flow's error stack and line at the TS source", async () => {
    const w = await startWorker();
    const src = [
      'type Order = { id: string; total: number };', // 1
      '', // 2
      'function check(o: Order): void {', // 3
      '  if (o.total < 0) {', // 4
      '    throw new Error(`negative total on ${o.id}`);', // 5
      '  }', // 6
      '}', // 7
      '', // 8
      'export default async function (input: Order) {', // 9
      '  check(input);', // 10
      '  return input.id;', // 11
      '}'
    ].join('\n');
    const { result } = await runFlow(w, src, { input: { id: 'A1', total: -1 } }, { ts: true });
    expect(result.error).toMatchObject({ code: 'FLOW_THREW', message: 'negative total on A1', line: 5, column: 11 });
    expect(result.error?.stack).toContain('flow.ts:5:11');
    expect(result.error?.stack).toContain('flow.ts:10:3');
    expect(result.error?.stack).not.toContain('worker.js');
    expect(result.error?.stack?.split('\n')).toEqual(['Error: negative total on A1', '    at check (flow.ts:5:11)', '    at flow_default (flow.ts:10:3)']);
  });

  it('evaluates a module whose top level threw again for the next item', async () => {
    const w = await startWorker();
    const b = makeBundle('globalThis.__loads = (globalThis.__loads ?? 0) + 1; if (globalThis.__loads === 1) throw new Error("first load fails"); export default async () => globalThis.__loads;');
    const first = makeItem(b);
    w.send({ t: 'run', items: [first] });
    expect((await resultOf(w, first.key)).error).toMatchObject({ code: 'FLOW_THREW', message: 'Loading the flow module failed: first load fails' });
    const second = makeItem(b, { bundle: undefined });
    w.send({ t: 'run', items: [second] });
    expect(await resultOf(w, second.key)).toMatchObject({ ok: true, result: 2 });
  });

  it('lists a pending timer in the heartbeat', async () => {
    const w = await startWorker();
    const item = makeItem(makeBundle('export default async () => new Promise((r) => setTimeout(r, 60000))'));
    w.send({ t: 'run', items: [item] });
    await w.waitFor((m) => m.t === 'heartbeat' && m.items.some((i) => i.key === item.key && i.pending.some((p) => p.type === 'timer' && p.target === 'setTimeout 60000 ms')));
  });
});
