// One subscription to the engine's event stream, fanned out by event type. Components never talk to
// `events` directly: they use useEvent / useResync / useConnection, so the renderer holds exactly one
// listener per transport however many panels are mounted.
import type { EventEnvelope, EventName, Events } from '../../../shared/contract';
import { events, transport } from '../api';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';
type AnyHandler = (data: unknown, envelope: EventEnvelope) => void;

const byType = new Map<EventName, Set<AnyHandler>>();
const resyncHandlers = new Set<() => void>();
const connectionListeners = new Set<() => void>();
let connection: ConnectionState = 'connecting';
let started = false;

function setConnection(next: ConnectionState): void {
  if (next === connection) return;
  connection = next;
  connectionListeners.forEach((l) => l());
}

/** Opens the stream once; safe to call many times. */
export function startEvents(): void {
  if (started) return;
  started = true;
  // The preload's IPC stream has no open/close: it is live for as long as the window exists.
  if (transport === 'ipc') connection = 'live';
  // Register for connection changes before subscribing, so the first 'open' is not missed.
  let opened = false;
  events.onConnection((state) => {
    if (state === 'open') {
      setConnection('live');
      // Panels fetched their data at mount, possibly before the stream was open: anything that
      // changed in between was neither in the fetch nor in the stream. Re-fetch once on first open.
      // (Re-opens are announced as 'resync' by the transport.)
      if (!opened) {
        opened = true;
        resyncHandlers.forEach((h) => h());
      }
    } else if (state === 'closed') setConnection('reconnecting');
    else resyncHandlers.forEach((h) => h());
  });
  events.subscribe((envelope) => {
    // IPC has no 'open' signal: the first event proves the stream is live.
    if (connection !== 'live') setConnection('live');
    byType.get(envelope.type)?.forEach((h) => h(envelope.data, envelope));
  });
}

export function addEventHandler<K extends EventName>(
  type: K,
  handler: (data: Events[K], envelope: EventEnvelope<K>) => void
): () => void {
  startEvents();
  let set = byType.get(type);
  if (!set) byType.set(type, (set = new Set()));
  const h = handler as AnyHandler;
  set.add(h);
  return () => set!.delete(h);
}

export function addResyncHandler(handler: () => void): () => void {
  startEvents();
  resyncHandlers.add(handler);
  return () => resyncHandlers.delete(handler);
}

export function getConnection(): ConnectionState {
  return connection;
}

export function onConnectionChange(listener: () => void): () => void {
  startEvents();
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** Electron's IPC stream is live as soon as the preload exists; mark it so without waiting for an event. */
export function markLive(): void {
  setConnection('live');
}
