// Main's view of one worker process: its state, the code it has loaded, the items it runs and its
// last heartbeat. Messages are routed to the supervisor; this class only keeps the facts straight.
import type { WorkerState } from '../../../shared/domain';
import type { FlowBundle, MainToWorker, WorkerToMain } from '../../../shared/worker-protocol';
import type { WorkerProcess } from './host';
import type { InFlight } from './in-flight';
import { BLOCKED_AFTER_MS } from '../monitor/live';

/** The worker keeps 64 compiled versions; main assumes fewer. */
const KNOWN_HASHES_CAP = 32;

export interface WorkerListener {
  onMessage(worker: WorkerHandle, msg: WorkerToMain): void;
  onExit(worker: WorkerHandle, code: number | null, signal: string | null): void;
}

export class WorkerHandle {
  state: WorkerState = 'starting';
  pid: number | null = null;
  readonly startedAt = Date.now();
  /** Code hashes this process has compiled (acked 'loaded', or shipped inside a run item). */
  readonly knownHashes = new Set<string>();
  flowId: number | null = null;
  loadedFlowVersion: number | null = null;
  readonly items = new Map<string, InFlight>();
  lastHeartbeatAt: number | null = null;
  rssBytes: number | null = null;
  /** Slots this process may fill (its share of the queue's concurrency). */
  capacity = 1;
  /** No new items: the pool shrank or is closing; the process stops once empty. */
  draining = false;
  /** Set when main killed the process on purpose (not a crash). */
  killedByUs = false;
  exitCode: number | null = null;
  exitSignal: string | null = null;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private resolveReady!: () => void;
  private resolveExited!: () => void;
  private loadSeq = 0;
  private readonly loadWaiters = new Map<number, (ok: boolean) => void>();

  constructor(
    readonly id: string,
    readonly queue: string | null,
    readonly proc: WorkerProcess,
    readonly restarts: number,
    listener: WorkerListener
  ) {
    this.ready = new Promise((r) => (this.resolveReady = r));
    this.exited = new Promise((r) => (this.resolveExited = r));
    void proc.spawned.then(() => {
      this.pid = proc.pid ?? null;
    });
    proc.onMessage((msg) => {
      if (msg.t === 'ready') {
        this.pid = msg.pid;
        this.lastHeartbeatAt = Date.now();
        if (this.state === 'starting') this.state = this.items.size > 0 ? 'busy' : 'idle';
        this.resolveReady();
      } else if (msg.t === 'heartbeat') {
        this.lastHeartbeatAt = Date.now();
        this.rssBytes = msg.rssBytes;
      } else if (msg.t === 'loaded') {
        if (msg.ok) {
          this.remember(msg.codeHash);
          if (msg.version !== null) {
            this.flowId = msg.flowId;
            this.loadedFlowVersion = msg.version;
          }
        }
        this.loadWaiters.get(msg.seq)?.(msg.ok);
        this.loadWaiters.delete(msg.seq);
      }
      listener.onMessage(this, msg);
    });
    proc.onExit((code, signal) => {
      this.exitCode = code;
      this.exitSignal = signal;
      this.state = this.killedByUs || this.state === 'stopping' ? 'stopped' : 'crashed';
      for (const waiter of this.loadWaiters.values()) waiter(false);
      this.loadWaiters.clear();
      this.resolveReady();
      this.resolveExited();
      listener.onExit(this, code, signal);
    });
  }

  /**
   * Notes that this process compiled a code hash. Capped below the worker's own compile cache, so a
   * hash the worker may have evicted is shipped again rather than assumed.
   */
  remember(codeHash: string): void {
    this.knownHashes.delete(codeHash);
    this.knownHashes.add(codeHash);
    if (this.knownHashes.size > KNOWN_HASHES_CAP) this.knownHashes.delete(this.knownHashes.values().next().value as string);
  }

  get alive(): boolean {
    return this.state !== 'stopped' && this.state !== 'crashed';
  }

  /** Ready, not draining, not stopping, event loop answering: may take new items. */
  get usable(): boolean {
    return (this.state === 'idle' || this.state === 'busy' || this.state === 'reloading') && !this.draining && !this.blocked;
  }

  /**
   * Busy and silent past the blocked threshold: some flow code holds its event loop. New work would
   * only wait behind it (and then be requeued when the process is killed), so it gets none.
   */
  get blocked(): boolean {
    return this.items.size > 0 && this.lastHeartbeatAt !== null && Date.now() - this.lastHeartbeatAt > BLOCKED_AFTER_MS;
  }

  get freeSlots(): number {
    return this.usable ? Math.max(0, this.capacity - this.items.size) : 0;
  }

  send(msg: MainToWorker): void {
    if (this.alive) this.proc.send(msg);
  }

  /** Sends 'load' and resolves true on the ack, false on a failed compile, exit or timeout. */
  load(bundle: FlowBundle, timeoutMs: number, drop: boolean): Promise<boolean> {
    const seq = ++this.loadSeq;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.loadWaiters.delete(seq);
        resolve(false);
      }, timeoutMs);
      this.loadWaiters.set(seq, (ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
      // A dropped reload (test hook) is never sent: the claim must still fix the version.
      if (!drop) this.send({ t: 'load', seq, bundle });
    });
  }

  refreshState(): void {
    if (!this.alive || this.state === 'starting' || this.state === 'stopping') return;
    this.state = this.items.size > 0 ? 'busy' : 'idle';
  }

  /** Hard stop; waits for the OS process to exist first (killing before spawn is an Electron sharp edge). */
  kill(): Promise<void> {
    if (!this.alive) return this.exited;
    this.killedByUs = true;
    void this.proc.spawned.then(() => this.proc.kill());
    return this.exited;
  }

  /** Asks the worker to exit, and kills it if it has not within graceMs. */
  stop(graceMs: number): Promise<void> {
    if (!this.alive) return this.exited;
    this.state = 'stopping';
    this.killedByUs = true;
    this.proc.send({ t: 'shutdown' });
    const timer = setTimeout(() => void this.kill(), graceMs);
    void this.exited.then(() => clearTimeout(timer));
    return this.exited;
  }
}
