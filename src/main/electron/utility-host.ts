// ProcessHost over Electron's utilityProcess: the supervisor sees the same WorkerProcess as with
// child_process.fork. The utilityProcess module is a parameter, so a plain-Node test drives this adapter
// with a fake that has Electron's documented shapes ('spawn', 'message', 'exit' with a code).
// Two sharp edges of utilityProcess shape it:
// - kill() before 'spawn' is lost (the process starts anyway and is never stopped), so a kill that
//   arrives early is remembered and carried out on 'spawn'.
// - fork() does synchronous work on main; forking a whole pool in one tick freezes the window, so forks
//   go through a queue that starts one per `staggerMs`.
import type { SpawnOptions, ProcessHost, WorkerProcess } from '../core/workers/host';
import type { MainToWorker, WorkerToMain } from '../../shared/worker-protocol';

/** The part of Electron's UtilityProcess the adapter uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface UtilityForkOptions {
  env?: Record<string, string | undefined>;
  serviceName?: string;
  stdio?: 'pipe' | 'ignore' | 'inherit' | Array<'pipe' | 'ignore' | 'inherit'>;
}

/** The part of Electron's `utilityProcess` module the adapter uses. */
export interface UtilityProcessModuleLike {
  fork(modulePath: string, args?: string[], options?: UtilityForkOptions): UtilityProcessLike;
}

export interface UtilityHostOptions {
  /** Minimum gap between two forks (default 20 ms). */
  staggerMs?: number;
  stdio?: UtilityForkOptions['stdio'];
  /** Fatal errors Electron reports for a child ('error' event), for the main-process log. */
  onFatalError?: (name: string, type: string, location: string) => void;
}

export function createUtilityHost(utilityProcess: UtilityProcessModuleLike, options: UtilityHostOptions = {}): ProcessHost {
  const staggerMs = options.staggerMs ?? 20;
  const queue: Array<() => void> = [];
  let draining = false;

  // One fork per slot; the timer yields to the event loop so input and paint go on between forks.
  const drain = (): void => {
    const next = queue.shift();
    if (!next) {
      draining = false;
      return;
    }
    next();
    setTimeout(drain, staggerMs);
  };
  // Never fork synchronously inside spawn(): the caller attaches its listeners first.
  const schedule = (start: () => void): void => {
    queue.push(start);
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };

  return {
    kind: 'utility',
    spawn(spawnOptions: SpawnOptions): WorkerProcess {
      return new UtilityWorker(utilityProcess, spawnOptions, options, schedule);
    }
  };
}

type ExitListener = (code: number | null, signal: string | null) => void;

class UtilityWorker implements WorkerProcess {
  readonly spawned: Promise<void>;
  private child: UtilityProcessLike | null = null;
  private isSpawned = false;
  private exited = false;
  private killRequested = false;
  private readonly outbox: MainToWorker[] = [];
  private readonly messageListeners: Array<(msg: WorkerToMain) => void> = [];
  private readonly exitListeners: ExitListener[] = [];
  private resolveSpawned!: () => void;

  constructor(
    utilityProcess: UtilityProcessModuleLike,
    private readonly spawnOptions: SpawnOptions,
    private readonly hostOptions: UtilityHostOptions,
    schedule: (start: () => void) => void
  ) {
    // Like the fork host, `spawned` also settles when the process never starts (exit follows), so
    // nobody waiting to kill it waits forever.
    this.spawned = new Promise<void>((resolve) => {
      this.resolveSpawned = resolve;
    });
    schedule(() => this.start(utilityProcess));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(utilityProcess: UtilityProcessModuleLike): void {
    // Killed while still queued: never fork at all.
    if (this.killRequested) return this.finish(null, 'SIGKILL');
    let child: UtilityProcessLike;
    try {
      child = utilityProcess.fork(this.spawnOptions.entry, [], {
        serviceName: this.spawnOptions.name,
        stdio: this.hostOptions.stdio ?? 'inherit',
        env: { ...process.env, ...this.spawnOptions.env, FLOWDESK_WORKER_NAME: this.spawnOptions.name }
      });
    } catch (e) {
      this.hostOptions.onFatalError?.(this.spawnOptions.name, 'ForkFailed', e instanceof Error ? e.message : String(e));
      return this.finish(null, null);
    }
    this.child = child;
    child.on('spawn', () => {
      this.isSpawned = true;
      this.resolveSpawned();
      if (this.killRequested) {
        child.kill();
        return;
      }
      for (const msg of this.outbox.splice(0)) child.postMessage(msg);
    });
    child.on('message', (msg: WorkerToMain) => {
      for (const listener of this.messageListeners) listener(msg);
    });
    child.on('error', (type: string, location: string) => this.hostOptions.onFatalError?.(this.spawnOptions.name, type, location));
    // utilityProcess reports only an exit code; a kill we asked for is reported as SIGKILL, as fork does.
    child.on('exit', (code: number) => this.finish(code, this.killRequested ? 'SIGKILL' : null));
  }

  private finish(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    this.resolveSpawned();
    this.outbox.length = 0;
    for (const listener of this.exitListeners) listener(code, signal);
  }

  send(msg: MainToWorker): void {
    if (this.exited || this.killRequested) return;
    if (this.child && this.isSpawned) this.child.postMessage(msg);
    else this.outbox.push(msg);
  }

  kill(): void {
    if (this.exited) return;
    const first = !this.killRequested;
    this.killRequested = true;
    // Before 'spawn' the kill is carried out by the spawn listener (or by start(), if still queued).
    if (first && this.child && this.isSpawned) this.child.kill();
  }

  onMessage(listener: (msg: WorkerToMain) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: ExitListener): void {
    this.exitListeners.push(listener);
  }
}
