// The worker's two transports: utilityProcess-style parentPort (simulated by a preload, there is no
// Electron binary here) and fork IPC, plus "a worker never outlives its parent's channel".
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { TEST_WORKER_ENTRY } from '../../../../test/paths';
import { killAllWorkers, makeBundle, makeItem, startWorker } from './test-kit';

const children: Array<ReturnType<typeof fork>> = [];
afterEach(() => {
  killAllWorkers();
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

it('speaks the protocol over process.parentPort when it exists (Electron utilityProcess)', async () => {
  const child = fork(TEST_WORKER_ENTRY, [], {
    serialization: 'advanced',
    execArgv: ['-r', resolve(__dirname, '../../../../test/fixtures/fake-parent-port.cjs')]
  });
  children.push(child);
  const got: Array<{ via: string; m: { t: string; pid?: number; results?: Array<{ result: unknown }> } }> = [];
  const wait = (t: string) =>
    new Promise<(typeof got)[number]>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no ${t}`)), 10_000);
      const check = () => {
        const hit = got.find((g) => g.m.t === t);
        if (hit) (clearTimeout(timer), res(hit));
      };
      child.on('message', (msg) => (got.push(msg as (typeof got)[number]), check()));
      check();
    });
  const ready = await wait('ready');
  expect(ready).toMatchObject({ via: 'parentPort', m: { t: 'ready', pid: child.pid } });
  child.send({ t: 'run', items: [makeItem(makeBundle('export default async () => "over parentPort"'))] });
  expect((await wait('done')).m.results?.[0].result).toBe('over parentPort');
});

it('exits when the parent disconnects', async () => {
  const w = await startWorker();
  w.child.disconnect();
  expect(await w.exited).toBe(0);
});
