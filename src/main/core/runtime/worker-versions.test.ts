// Reload semantics inside one worker: module-level timers of an old version stop once a newer version
// is loaded and no running item still uses the old one; attempt timers end with their attempt.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../../../../test/paths';
import { killAllWorkers, makeBundle, makeItem, resultOf, startWorker } from './test-kit';

const cleanups: Array<() => void> = [];
afterEach(() => {
  killAllWorkers();
  for (const c of cleanups.splice(0)) c();
});

const ticks = (file: string, tag: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l === tag).length : 0;

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const intervalFlow = (file: string, tag: string) => `
  import { appendFileSync } from 'node:fs';
  setInterval(() => appendFileSync(${JSON.stringify(file)}, ${JSON.stringify(tag)} + '\\n'), 10);
  export default async (input) => {
    if (input && input.waitMs) await new Promise((r) => setTimeout(r, input.waitMs));
    return ${JSON.stringify(tag)};
  };`;

it('stops a v1 module-level setInterval once v2 is loaded', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'ticks.log');
  const w = await startWorker();
  const v1 = makeBundle(intervalFlow(file, 'v1'), { flowId: 501, version: 1 });
  w.send({ t: 'load', seq: 1, bundle: v1 });
  await w.waitFor((m) => m.t === 'loaded' && m.seq === 1);
  await until(() => ticks(file, 'v1') >= 3);
  const v2 = makeBundle(intervalFlow(file, 'v2'), { flowId: 501, version: 2 });
  w.send({ t: 'load', seq: 2, bundle: v2 });
  await w.waitFor((m) => m.t === 'loaded' && m.seq === 2);
  await until(() => ticks(file, 'v2') >= 3);
  const v1After = ticks(file, 'v1');
  await until(() => ticks(file, 'v2') >= 10);
  expect(ticks(file, 'v1')).toBe(v1After);
});

it('keeps v1 alive while a v1 item runs, and stops its interval when that item ends', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'ticks.log');
  const w = await startWorker();
  const v1 = makeBundle(intervalFlow(file, 'v1'), { flowId: 502, version: 1 });
  const running = makeItem(v1, { input: { waitMs: 400 } });
  w.send({ t: 'run', items: [running] });
  await until(() => ticks(file, 'v1') >= 2);
  const v2 = makeBundle(intervalFlow(file, 'v2'), { flowId: 502, version: 2 });
  w.send({ t: 'load', seq: 1, bundle: v2 });
  await w.waitFor((m) => m.t === 'loaded' && m.seq === 1);
  const atLoad = ticks(file, 'v1');
  expect(await resultOf(w, running.key)).toMatchObject({ ok: true, result: 'v1' });
  // v1 kept ticking while its item ran...
  expect(ticks(file, 'v1')).toBeGreaterThan(atLoad);
  const atEnd = ticks(file, 'v1');
  await until(() => ticks(file, 'v2') >= 10);
  // ...and stopped (at most one tick in flight) once it ended.
  expect(ticks(file, 'v1')).toBeLessThanOrEqual(atEnd + 1);
});

it('clears timers an attempt left behind when the attempt ends', async () => {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = join(dir, 'ticks.log');
  const w = await startWorker();
  const b = makeBundle(`
    import { appendFileSync } from 'node:fs';
    export default async () => {
      setInterval(() => appendFileSync(${JSON.stringify(file)}, 'job\\n'), 10);
      setTimeout(() => appendFileSync(${JSON.stringify(file)}, 'late\\n'), 150);
      await new Promise((r) => setTimeout(r, 60));
      return 'left timers behind';
    };`);
  const item = makeItem(b);
  w.send({ t: 'run', items: [item] });
  expect((await resultOf(w, item.key)).ok).toBe(true);
  const atEnd = ticks(file, 'job');
  expect(atEnd).toBeGreaterThan(0);
  // Wait past the 150 ms timeout with an unrelated item proving the worker is alive.
  const probe = makeItem(makeBundle('export default async () => new Promise((r) => setTimeout(() => r(1), 250))'));
  w.send({ t: 'run', items: [probe] });
  expect((await resultOf(w, probe.key)).ok).toBe(true);
  expect(ticks(file, 'job')).toBeLessThanOrEqual(atEnd + 1);
  expect(ticks(file, 'late')).toBe(0);
});
