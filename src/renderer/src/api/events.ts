// Live events, whichever transport: EventSource in the browser, the preload's onEvent in Electron.
// After a dropped connection the browser reconnects on its own; listeners get a 'resync' call so
// they re-fetch what they show (events missed while disconnected are not replayed).
import { EVENT_NAMES, type EventEnvelope } from '../../../shared/contract';

export type EventListener = (event: EventEnvelope) => void;
export type ConnectionListener = (state: 'open' | 'closed' | 'resync') => void;

export interface EventSourceLike {
  subscribe(listener: EventListener): () => void;
  onConnection(listener: ConnectionListener): () => void;
  /** Stops the stream for good (serve mode, when the server refuses the token). */
  close?(): void;
}

export function createSseEvents(baseUrl: string, token: string): EventSourceLike {
  const listeners = new Set<EventListener>();
  const connection = new Set<ConnectionListener>();
  let source: EventSource | null = null;
  let everOpened = false;
  let lastSeq = 0;
  let closed = false;

  const connect = (): void => {
    if (closed) return;
    source = new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => {
      connection.forEach((l) => l('open'));
      // A reopen after a drop, or a seq that restarted (server restarted): re-fetch everything.
      if (everOpened) connection.forEach((l) => l('resync'));
      everOpened = true;
    };
    source.onerror = () => connection.forEach((l) => l('closed'));
    // The server names each event (`event: job.updated`), so listen per type.
    const onEvent = (msg: MessageEvent<string>): void => {
      const envelope = JSON.parse(msg.data) as EventEnvelope;
      if (envelope.seq < lastSeq) connection.forEach((l) => l('resync'));
      lastSeq = envelope.seq;
      listeners.forEach((l) => l(envelope));
    };
    for (const type of EVENT_NAMES) source.addEventListener(type, onEvent);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
    close() {
      closed = true;
      source?.close();
      source = null;
    }
  };
}
