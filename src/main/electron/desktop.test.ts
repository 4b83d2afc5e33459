// The desktop startup and shutdown sequence with the real engine (real SQLite file, real worker
// processes through the utilityProcess adapter over fork) and fakes only for the Electron objects.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_WORKER_ENTRY, tempDir } from '../../../test/paths';
import { IPC_EVENT_CHANNEL, type EventEnvelope } from '../../shared/contract';
import { IPC_MENU_CHANNEL } from '../../shared/preload-api';
import { buildPreloadApi } from '../../preload/build-api';
import { createEngine } from '../core/engine';
import type { Engine, EngineOptions } from '../core/engine-types';
import { startDesktop, type DesktopDeps, type DesktopSession } from './desktop';
import { FakeApp, FakeWindow } from './testing/fake-electron';
import { FakeIpc } from './testing/fake-ipc';
import { forkUtilityProcess } from './testing/fork-utility';
import { startServer } from '../server/server';
import { bindIpc } from './ipc';
import { createUtilityHost } from './utility-host';
import { WINDOW_STATE_FILE } from './window-state';
import { isProcessAlive as pidAlive } from '../core/data-lock';

interface Harness {
  app: FakeApp;
  ipc: FakeIpc;
  windows: FakeWindow[];
  engines: Engine[];
  menuSend?: (command: 'new-flow' | 'save' | 'run-now' | 'queue-monitor') => void;
  deps: DesktopDeps;
}

function harness(dataDir: string, overrides: Partial<DesktopDeps> = {}): Harness {
  const app = new FakeApp(join(dataDir, 'unused-user-data'));
  const ipc = new FakeIpc();
  const h: Harness = { app, ipc, windows: [], engines: [], deps: undefined as unknown as DesktopDeps };
  h.deps = {
    app,
    env: { FLOWDESK_DATA_DIR: dataDir },
    createEngine: async (options: EngineOptions) => {
      const engine = await createEngine(options);
      h.engines.push(engine);
      return engine;
    },
    engineOptions: { workerEntry: TEST_WORKER_ENTRY, host: createUtilityHost(forkUtilityProcess), warmRunWorkers: 1 },
    createWindow: (state) => {
      const w = new FakeWindow(state);
      // The window exists before the renderer loads: wire its IPC listeners to the fake renderer side.
      const record = w.webContents.send;
      w.webContents.send = (channel, ...args) => {
        record(channel, ...args);
        ipc.webContents.send(channel, ...args);
      };
      h.windows.push(w);
      return w;
    },
    bindIpc: (handlers) => bindIpc(ipc, handlers),
    installMenu: (send) => (h.menuSend = send),
    graceMs: 1000,
    log: () => undefined,
    ...overrides
  };
  return h;
}


async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('startDesktop with the real engine', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Quits the way Electron would and waits for the orderly close to finish. */
  async function quit(h: Harness, session: DesktopSession): Promise<number> {
    h.app.quit();
    return session.exited;
  }

  it('opens the engine before the window shows, serves the contract over IPC, and quits in order', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const h = harness(dir);
    const order: string[] = [];
    const realCreate = h.deps.createEngine;
    h.deps.createEngine = async (o) => {
      order.push('engine');
      return realCreate(o);
    };
    const realWindow = h.deps.createWindow;
    h.deps.createWindow = (s) => {
      order.push('window');
      return realWindow(s);
    };

    const session = await startDesktop(h.deps);
    cleanups.push(async () => {
      if (h.app.exitCode === undefined) await quit(h, session);
    });
    expect(session.status).toBe('running');
    expect(session.dataDir).toBe(dir);
    expect(order).toEqual(['engine', 'window']);
    expect(h.windows[0].calls).toEqual(['loadApp', 'show']);
    expect(existsSync(join(dir, 'flowdesk.db'))).toBe(true);

    // The renderer's view: the preload API over the bound channels.
    const api = buildPreloadApi(h.ipc.renderer, 'linux');
    const events: EventEnvelope[] = [];
    api.onEvent((e) => events.push(e));
    const created = await api['flows.create']({ name: 'desktop flow', code: 'export default async (input) => ({ doubled: input.n * 2 })' });
    expect(created.version).toBe(1);
    const saved = await api['flows.save']({ id: created.id, code: 'export default async (input) => ({ tripled: input.n * 3 })', expectedVersion: 1 });
    expect(saved.version).toBe(2);
    await until(() => events.some((e) => e.type === 'flow.saved'), 'flow.saved event on the window');

    // Run Now goes through a real worker started by the utilityProcess adapter.
    const run = await api['flows.run']({ id: created.id, input: { n: 5 } });
    expect(run).toMatchObject({ status: 'succeeded', result: { tripled: 15 }, flowVersion: 2 });
    const workers = await api['workers.list']({});
    const pids = workers.map((w) => w.pid).filter((p): p is number => typeof p === 'number');
    expect(pids.length).toBeGreaterThan(0);

    // Errors cross with their codes; bad input never reaches the engine.
    await expect(api['flows.get']({ id: 999_999 })).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
    await expect(api['flows.save']({ id: created.id, code: 'x', expectedVersion: 1 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(api['queues.create']({ name: 'Not Valid', flowId: created.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    // Menu commands reach the window on their own channel.
    const menu: string[] = [];
    api.onMenu!((c) => menu.push(c));
    h.menuSend!('run-now');
    expect(menu).toEqual(['run-now']);
    expect(h.windows[0].sent.some((s) => s.channel === IPC_MENU_CHANNEL)).toBe(true);

    // Quit: held until the engine closed, then app.exit(0); workers are gone, IPC is unbound.
    h.windows[0].state = { x: 40, y: 30, width: 1111, height: 777, maximized: false };
    expect(await quit(h, session)).toBe(0);
    expect(h.app.exitCode).toBe(0);
    for (const pid of pids) await until(() => !pidAlive(pid), `worker ${pid} to exit`);
    expect(h.ipc.handlers.size).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });

    // Relaunch on the same folder: the flow, its versions and the window bounds are back.
    const h2 = harness(dir);
    const session2 = await startDesktop(h2.deps);
    cleanups.push(async () => {
      if (h2.app.exitCode === undefined) await quit(h2, session2);
    });
    expect(h2.windows[0].state).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });
    const api2 = buildPreloadApi(h2.ipc.renderer, 'linux');
    const flows = await api2['flows.list']({});
    expect(flows).toMatchObject([{ id: created.id, name: 'desktop flow', version: 2 }]);
    expect((await api2['flows.versions']({ id: created.id })).map((v) => v.version)).toEqual([2, 1]);
    expect(await quit(h2, session2)).toBe(0);
  });

  it('a second instance hands over and quits without opening the engine', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const h = harness(dir);
    h.app.hasLock = false;
    const session = await startDesktop(h.deps);
    expect(session.status).toBe('second-instance');
    expect(h.app.quitCalls).toBe(1);
    expect(h.engines).toHaveLength(0);
    expect(h.windows).toHaveLength(0);
  });

  it('the first instance focuses its window when a second one starts', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const h = harness(dir);
    const session = await startDesktop(h.deps);
    h.app.emit('second-instance');
    expect(h.windows[0].calls).toContain('focus');
    expect(await quit(h, session)).toBe(0);
  });

  it('shows a readable error page, not the app, when the database history does not match', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    // A database created by this build, then its migration history altered (as another build would have).
    const first = harness(dir);
    const s1 = await startDesktop(first.deps);
    expect(await quit(first, s1)).toBe(0);
    const db = new Database(join(dir, 'flowdesk.db'));
    db.prepare(`UPDATE "__drizzle_migrations" SET hash = 'not-this-build'`).run();
    db.close();

    const h = harness(dir);
    const session = await startDesktop(h.deps);
    expect(session.status).toBe('failed');
    expect(h.ipc.handlers.size).toBe(0); // no contract without an engine
    const w = h.windows[0];
    expect(w.calls).toEqual(['loadError', 'show']);
    expect(w.errorPage?.error.code).toBe('DB_MIGRATION_MISMATCH');
    expect(w.errorPage?.title).toMatch(/different Flowdesk version/);
    expect(w.errorPage?.steps.join(' ')).toContain('FLOWDESK_DATA_DIR');
    // Quitting needs no engine close: it is not held.
    h.app.quit();
    expect(await session.exited).toBe(1);
  });

  it('shows the error page when the data folder holds something that is not a database', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    writeFileSync(join(dir, 'flowdesk.db'), 'this is not sqlite'.repeat(100));
    const h = harness(dir);
    const session = await startDesktop(h.deps);
    expect(session.status).toBe('failed');
    expect(h.windows[0].errorPage?.error.code).toBe('DB_OPEN_FAILED');
    expect(readFileSync(join(dir, 'flowdesk.db'), 'utf8')).toBe('this is not sqlite'.repeat(100)); // untouched
  });

  it('a crashed utility worker is reported and replaced by the supervisor, and its job ends WORKER_CRASHED', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const h = harness(dir);
    const session = await startDesktop(h.deps);
    cleanups.push(async () => {
      if (h.app.exitCode === undefined) await quit(h, session);
    });
    const api = buildPreloadApi(h.ipc.renderer, 'linux');
    const flow = await api['flows.create']({ name: 'sleeper', code: 'export default async () => { await new Promise((r) => setTimeout(r, 60_000)); }' });
    await api['queues.create']({ name: 'crashy', flowId: flow.id, maxAttempts: 1 });
    const job = await api['queues.enqueue']({ name: 'crashy', payload: {} });
    const busy = await until(async () => (await api['workers.list']({})).find((w) => w.queue === 'crashy' && w.currentJobIds.includes(job.id) && w.pid), 'a busy queue worker');

    process.kill(busy.pid!, 'SIGKILL');
    const ended = await until(async () => {
      const j = await api['jobs.get']({ id: job.id });
      return j.status === 'failed' ? j : undefined;
    }, 'the job to fail');
    expect(ended.error?.code).toBe('WORKER_CRASHED');
    const replacement = await until(
      async () => (await api['workers.list']({})).find((w) => w.queue === 'crashy' && w.pid && w.pid !== busy.pid && w.state !== 'crashed'),
      'a replacement worker'
    );
    expect(replacement.restarts).toBeGreaterThanOrEqual(1);
    expect(await quit(h, session)).toBe(0);
  });

  it('runs the local HTTP API only when the setting is on, with the token, and stops it on quit', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const off = harness(dir, { startServer });
    const s0 = await startDesktop(off.deps);
    expect(s0.api).toBeUndefined(); // off by default: no port opened
    expect(await quit(off, s0)).toBe(0);

    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ httpApi: { enabled: true, port: 0 } }));
    const h = harness(dir, { startServer });
    const session = await startDesktop(h.deps);
    expect(session.api?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const url = new URL(session.api!.url);
    const token = readFileSync(join(dir, 'api-token'), 'utf8').trim();
    expect(url.searchParams.get('token')).toBe(token);
    expect((await fetch(`${url.origin}/api/flows`)).status).toBe(401);
    const ok = await fetch(`${url.origin}/api/flows`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await quit(h, session)).toBe(0);
    await expect(fetch(`${url.origin}/api/health`)).rejects.toThrow();
  });

  it('shows the error page if the UI cannot load, and still quits in order', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const h = harness(dir);
    const make = h.deps.createWindow;
    h.deps.createWindow = (state) => {
      const w = make(state) as FakeWindow;
      w.loadApp = async () => {
        throw new Error('ERR_FILE_NOT_FOUND (-6) loading app://flowdesk/index.html');
      };
      return w;
    };
    const session = await startDesktop(h.deps);
    expect(session.status).toBe('running');
    expect(h.windows[0].calls).toEqual(['loadError', 'show']);
    expect(h.windows[0].errorPage?.steps[0]).toContain('npm run build');
    expect(await quit(h, session)).toBe(0);
  });

  it('forwards engine events to the window only while it exists', async () => {
    const { dir, cleanup } = tempDir('flowdesk-desktop-');
    cleanups.push(cleanup);
    const h = harness(dir);
    const session = await startDesktop(h.deps);
    const api = buildPreloadApi(h.ipc.renderer, 'linux');
    await api['flows.create']({ name: 'a', code: 'export default async () => 1' });
    await until(() => h.windows[0].sent.some((s) => s.channel === IPC_EVENT_CHANNEL), 'an event on the window');
    h.windows[0].close();
    const before = h.windows[0].sent.length;
    await session.engine!.handlers['flows.create']({ name: 'b', code: 'export default async () => 2' });
    expect(h.windows[0].sent.length).toBe(before);
    expect(await quit(h, session)).toBe(0);
  });
});
