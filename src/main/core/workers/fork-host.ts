// ProcessHost for plain Node: child_process.fork with structured-clone ('advanced') serialization, the
// same message shapes Electron's utilityProcess carries. Used by tests, serve mode and the bench.
import { fork, type ChildProcess } from 'node:child_process';
import type { MainToWorker, WorkerToMain } from '../../../shared/worker-protocol';
import type { ProcessHost, SpawnOptions, WorkerProcess } from './host';

class ForkedWorker implements WorkerProcess {
  readonly spawned: Promise<void>;
  private readonly child: ChildProcess;
  private exited = false;

  constructor(options: SpawnOptions) {
    this.child = fork(options.entry, [], {
      serialization: 'advanced',
      // The worker's own stdout/stderr go to ours: flow console output is captured in the worker
      // and sent as 'log' messages, so what reaches here is the runtime's own diagnostics.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...options.env, FLOWDESK_WORKER_NAME: options.name }
    });
    this.spawned = new Promise<void>((resolve) => {
      if (this.child.pid !== undefined) resolve();
      this.child.once('spawn', () => resolve());
      // A failed spawn never 'spawn's; 'exit' follows the error, so kill() waiters are released.
      this.child.once('error', () => resolve());
    });
    this.child.once('exit', () => {
      this.exited = true;
    });
    // A send to a dying child raises EPIPE/ERR_IPC_CHANNEL_CLOSED asynchronously; the exit handler
    // does the bookkeeping, so the error itself is noise.
    this.child.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(msg: MainToWorker): void {
    if (this.exited || !this.child.connected) return;
    try {
      this.child.send(msg, (err) => void err);
    } catch {
      // Channel closed between the check and the send: the exit handler takes over.
    }
  }

  kill(): void {
    if (this.exited) return;
    if (this.child.pid === undefined) {
      void this.spawned.then(() => this.kill());
      return;
    }
    try {
      this.child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }

  onMessage(listener: (msg: WorkerToMain) => void): void {
    this.child.on('message', (msg) => listener(msg as WorkerToMain));
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.child.once('exit', (code, signal) => listener(code, signal));
  }
}

/** Starts workers with child_process.fork; the Electron shell passes a utilityProcess host instead. */
export class ForkHost implements ProcessHost {
  readonly kind = 'fork' as const;
  spawn(options: SpawnOptions): WorkerProcess {
    return new ForkedWorker(options);
  }
}

export function createForkHost(): ProcessHost {
  return new ForkHost();
}
