// The one seam between the supervisor and how a worker process is started. Plain Node uses
// child_process.fork (fork-host.ts); the Electron shell uses utilityProcess (src/main/electron).
// The supervisor never knows which: it only sees WorkerProcess.
import type { MainToWorker, WorkerToMain } from '../../../shared/worker-protocol';

export interface SpawnOptions {
  /** Absolute path of the built worker entry (out/main/worker.js). */
  entry: string;
  /** A readable name (Electron shows it in the task manager). */
  name: string;
  env?: Record<string, string>;
}

export interface WorkerProcess {
  /** Undefined until the OS process exists. */
  readonly pid: number | undefined;
  /** Resolves when the process exists (pid known) — killing before that is a known Electron sharp edge. */
  readonly spawned: Promise<void>;
  send(msg: MainToWorker): void;
  /** Hard stop (SIGKILL or equivalent). Safe to call more than once, and before spawn completes. */
  kill(): void;
  onMessage(listener: (msg: WorkerToMain) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
}

export interface ProcessHost {
  readonly kind: 'fork' | 'utility';
  spawn(options: SpawnOptions): WorkerProcess;
}
