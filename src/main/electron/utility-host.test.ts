// The utilityProcess host adapter against a fake with Electron's documented shapes: fork(modulePath,
// args, {serviceName, stdio, env}) returns an EventEmitter with pid (undefined until 'spawn'),
// postMessage(), kill(): boolean, and the events 'spawn', 'message' (the message), 'exit' (a code only).
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { MainToWorker, WorkerToMain } from '../../shared/worker-protocol';
import { createUtilityHost, type UtilityForkOptions, type UtilityProcessModuleLike } from './utility-host';

class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  readonly posted: unknown[] = [];
  killCalls = 0;
  /** Electron loses a kill() issued before 'spawn'; the fake does the same, so the adapter must wait. */
  killedWhileStarting = 0;
  constructor(
    readonly modulePath: string,
    readonly options: UtilityForkOptions | undefined
  ) {
    super();
  }
  postMessage(message: unknown): void {
    if (this.pid === undefined) throw new Error('postMessage before spawn');
    this.posted.push(structuredClone(message));
  }
  kill(): boolean {
    this.killCalls++;
    if (this.pid === undefined) {
      this.killedWhileStarting++;
      return false;
    }
    setImmediate(() => this.emit('exit', 9));
    return true;
  }
  // Test controls: what the OS and the child would do.
  completeSpawn(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
  }
  reply(msg: WorkerToMain): void {
    this.emit('message', structuredClone(msg));
  }
}

class FakeUtilityModule implements UtilityProcessModuleLike {
  readonly children: FakeUtilityProcess[] = [];
  readonly forkTimes: number[] = [];
  fork(modulePath: string, _args?: string[], options?: UtilityForkOptions): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath, options);
    this.children.push(child);
    this.forkTimes.push(performance.now());
    return child;
  }
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const init: MainToWorker = { t: 'init', workerId: 'w1', heartbeatMs: 250, maxLogBytes: 1000 };

describe('createUtilityHost', () => {
  let mod: FakeUtilityModule;
  afterEach(() => {
    for (const c of mod?.children ?? []) c.removeAllListeners();
  });

  it('forks the entry with a service name and env, resolves spawned on "spawn", and carries messages both ways', async () => {
    mod = new FakeUtilityModule();
    const host = createUtilityHost(mod, { stdio: 'pipe' });
    expect(host.kind).toBe('utility');
    const w = host.spawn({ entry: '/app/out/main/worker.js', name: 'flowdesk queue q1 #1', env: { A: '1' } });
    const got: WorkerToMain[] = [];
    w.onMessage((m) => got.push(m));
    // Not forked synchronously: listeners attached right after spawn() see everything.
    expect(mod.children).toHaveLength(0);
    const child = await until(() => mod.children[0], 'fork');
    expect(child.modulePath).toBe('/app/out/main/worker.js');
    expect(child.options).toMatchObject({ serviceName: 'flowdesk queue q1 #1', stdio: 'pipe', env: { A: '1', FLOWDESK_WORKER_NAME: 'flowdesk queue q1 #1' } });
    expect(w.pid).toBeUndefined();

    w.send(init); // before spawn: held back, not lost
    expect(child.posted).toEqual([]);
    child.completeSpawn(4242);
    await w.spawned;
    expect(w.pid).toBe(4242);
    expect(child.posted).toEqual([init]);

    w.send({ t: 'shutdown' });
    expect(child.posted).toEqual([init, { t: 'shutdown' }]);
    child.reply({ t: 'ready', pid: 4242 });
    expect(got).toEqual([{ t: 'ready', pid: 4242 }]);
  });

  it('reports exit with the code utilityProcess gives, and SIGKILL for a kill it asked for', async () => {
    mod = new FakeUtilityModule();
    const host = createUtilityHost(mod);
    const a = host.spawn({ entry: '/w.js', name: 'a' });
    const b = host.spawn({ entry: '/w.js', name: 'b' });
    const exits: Array<[string, number | null, string | null]> = [];
    a.onExit((code, signal) => exits.push(['a', code, signal]));
    b.onExit((code, signal) => exits.push(['b', code, signal]));
    const [ca, cb] = await until(() => (mod.children.length === 2 ? mod.children : undefined), 'two forks');
    ca.completeSpawn(1);
    cb.completeSpawn(2);
    await Promise.all([a.spawned, b.spawned]);
    ca.emit('exit', 3); // crashed on its own
    b.kill();
    b.kill(); // safe to repeat
    await until(() => exits.length === 2, 'both exits');
    expect(exits).toEqual([
      ['a', 3, null],
      ['b', 9, 'SIGKILL']
    ]);
    expect(cb.killCalls).toBe(1);
    b.send({ t: 'shutdown' }); // after exit: dropped, no throw
  });

  it('kill() before "spawn" waits for spawn, then kills (Electron drops an early kill)', async () => {
    mod = new FakeUtilityModule();
    const w = createUtilityHost(mod).spawn({ entry: '/w.js', name: 'early' });
    let exit: [number | null, string | null] | undefined;
    w.onExit((code, signal) => (exit = [code, signal]));
    const child = await until(() => mod.children[0], 'fork');
    w.send(init);
    w.kill();
    expect(child.killCalls).toBe(0); // nothing sent into the void
    child.completeSpawn(77);
    await w.spawned;
    expect(child.killCalls).toBe(1);
    expect(child.killedWhileStarting).toBe(0);
    expect(child.posted).toEqual([]); // a worker being killed gets no work
    await until(() => exit, 'exit');
    expect(exit).toEqual([9, 'SIGKILL']);
  });

  it('kill() while still queued never forks and still reports the exit', async () => {
    mod = new FakeUtilityModule();
    const host = createUtilityHost(mod, { staggerMs: 50 });
    const first = host.spawn({ entry: '/w.js', name: 'first' });
    const second = host.spawn({ entry: '/w.js', name: 'second' });
    let exit: [number | null, string | null] | undefined;
    second.onExit((code, signal) => (exit = [code, signal]));
    second.kill();
    await until(() => exit, 'exit of the queued worker');
    await second.spawned; // settles, so nobody waits on it forever
    expect(exit).toEqual([null, 'SIGKILL']);
    expect(mod.children.map((c) => c.options?.serviceName)).toEqual(['first']);
    first.kill();
  });

  it('an exit before spawn (the entry failed to start) settles spawned and reports the code', async () => {
    mod = new FakeUtilityModule();
    const w = createUtilityHost(mod).spawn({ entry: '/missing.js', name: 'broken' });
    let code: number | null | undefined;
    w.onExit((c) => (code = c));
    const child = await until(() => mod.children[0], 'fork');
    child.emit('exit', 1);
    await w.spawned;
    expect(code).toBe(1);
  });

  it('staggers forks instead of forking a whole pool in one tick', async () => {
    mod = new FakeUtilityModule();
    const host = createUtilityHost(mod, { staggerMs: 30 });
    const workers = Array.from({ length: 4 }, (_, i) => host.spawn({ entry: '/w.js', name: `w${i}` }));
    await until(() => mod.children.length === 4, 'four forks');
    const gaps = mod.forkTimes.slice(1).map((t, i) => t - mod.forkTimes[i]);
    // Timers may fire late, never meaningfully early.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(25);
    mod.children.forEach((c, i) => c.completeSpawn(100 + i));
    workers.forEach((w) => w.kill());
  });
});
