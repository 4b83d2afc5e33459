// How a worker talks to its supervisor, whichever way it was started: Electron's utilityProcess
// gives `process.parentPort` (messages arrive as `{ data }` events), child_process.fork with
// serialization 'advanced' gives process.send / process.on('message'). Same structured-clone data.
import type { MainToWorker, WorkerToMain } from '../../../shared/worker-protocol';

export interface Transport {
  readonly kind: 'utility' | 'fork';
  send(msg: WorkerToMain): void;
  onMessage(listener: (msg: MainToWorker) => void): void;
  /** The parent is gone: a worker must not outlive it. */
  onDisconnect(listener: () => void): void;
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(msg: unknown): void;
}

export function createTransport(): Transport {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      kind: 'utility',
      send: (msg) => parentPort.postMessage(msg),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data as MainToWorker)),
      // Electron ends a utility process together with its parent.
      onDisconnect: () => {}
    };
  }
  if (typeof process.send === 'function') {
    let gone: (() => void) | null = null;
    return {
      kind: 'fork',
      send: (msg) => {
        if (!process.connected) return gone?.();
        process.send!(msg, undefined, undefined, (err) => {
          if (err && !process.connected) gone?.();
        });
      },
      onMessage: (l) => process.on('message', (m) => l(m as MainToWorker)),
      onDisconnect: (l) => {
        gone = l;
        process.on('disconnect', l);
      }
    };
  }
  throw new Error('The Flowdesk worker must be started by the supervisor (utilityProcess or fork with an IPC channel)');
}
