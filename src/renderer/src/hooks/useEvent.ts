// React bindings for the shared event fan-out. Handlers may change every render: the latest one is
// called, and the subscription itself is made once per (component, type).
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { EventEnvelope, EventName, Events } from '../../../shared/contract';
import { addEventHandler, addResyncHandler, getConnection, onConnectionChange, type ConnectionState } from './events';

function useLatest<T>(value: T): { current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}

/** Calls `handler` for every event of `type` while the component is mounted. */
export function useEvent<K extends EventName>(
  type: K,
  handler: (data: Events[K], envelope: EventEnvelope<K>) => void
): void {
  const latest = useLatest(handler);
  useEffect(() => addEventHandler(type, (data, env) => latest.current(data, env)), [type, latest]);
}

/** Calls `handler` after a dropped connection came back: events were missed, re-fetch what you show. */
export function useResync(handler: () => void): void {
  const latest = useLatest(handler);
  useEffect(() => addResyncHandler(() => latest.current()), [latest]);
}

/** 'connecting' until the stream first opens, then 'live' or 'reconnecting'. */
export function useConnection(): ConnectionState {
  return useSyncExternalStore(onConnectionChange, getConnection, getConnection);
}
